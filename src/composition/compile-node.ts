/**
 * The bridge from the composition layer to the JavaScript-to-CEL compiler.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { mentionsReferences } from '../analysis/local-scope.js';
import { compileCondition, compileExpression } from '../analysis/compile-expression.js';
import type { Binding, Scope } from '../analysis/scope.js';
import type { Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';

export function compileValueNode(node: Node, scope: Scope): { expr: Expr; type: CelType } {
  const compiled = compileExpression(node, scope);
  return { expr: compiled.expr, type: compiled.type };
}

export function compileConditionNode(node: Node, scope: Scope): Expr {
  return compileCondition(node, scope);
}

/**
 * True when an expression value JavaScript built is the expression's meaning: a `Cel` call whose arguments
 * are exact (reads and literals), not one over operators JavaScript ran on placeholders
 * (`Cel.cond(spec.n > 2, ...)`), which the source decides.
 */
export function isBuiltExact(raw: Node, scope: Scope): boolean {
  const node = unwrap(raw);
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.object.type !== 'Identifier') return false;
  if (scope.lookup(node.callee.object.name)?.kind !== 'cel') return false;
  return node.arguments.every((arg) => isPlainRead(arg as Node) || !mentionsReferences(arg as Node, scope));
}

/** Reads and templates of reads: JavaScript carries the references in them without testing them. */
function isPlainRead(raw: Node): boolean {
  const node = unwrap(raw);
  if (node.type === 'Identifier') return true;
  if (node.type === 'MemberExpression') {
    if (!node.computed && node.property.type === 'Identifier' && node.property.name === 'length') return false;
    return !node.computed || node.property.type === 'NumericLiteral' ? isPlainRead(node.object) : false;
  }
  if (node.type === 'TemplateLiteral') return node.expressions.every((part) => isPlainRead(part));
  return node.type === 'StringLiteral' || node.type === 'NumericLiteral' || node.type === 'BooleanLiteral';
}
