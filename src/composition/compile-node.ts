/**
 * The bridge from the composition layer to the JavaScript-to-CEL compiler.
 */
import type { Node } from '@babel/types';
import { compileCondition, compileExpression } from '../analysis/compile-expression.js';
import type { Scope } from '../analysis/scope.js';
import type { Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';

export function compileValueNode(node: Node, scope: Scope): { expr: Expr; type: CelType } {
  const compiled = compileExpression(node, scope);
  return { expr: compiled.expr, type: compiled.type };
}

export function compileConditionNode(node: Node, scope: Scope): Expr {
  return compileCondition(node, scope);
}
