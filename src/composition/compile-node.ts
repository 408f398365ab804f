/**
 * The bridge from the composition layer to the JavaScript-to-CEL compiler.
 */
import type { Node } from '@babel/types';
import { compileCondition, compileExpression } from '../analysis/compile-expression.js';
import type { Scope } from '../analysis/scope.js';
import type { Expr } from '../ir/expr.js';
import { foldConstants } from '../ir/fold.js';
import type { CelType } from '../ir/types.js';
import { checkInstanceMetadataReads } from './instance-metadata-reads.js';
import { refuseUnprintable } from './unprintable-texts.js';

/**
 * `optional`: JavaScript may read `undefined` where CEL waits (a plain read of an absent field);
 * `wrapped`: the value is a CEL optional, `undefined` in JavaScript when empty; `present`: the CEL test that it is there.
 */
export function compileValueNode(node: Node, scope: Scope, text = false): { expr: Expr; type: CelType; optional?: boolean; wrapped?: boolean; present?: Expr } {
  const { expr: compiled, type, optional, wrapped, present } = compileExpression(node, scope, { text });
  // Constants the source states (a loop's item, a literal test) fold away: `"dev" == "dev" ? a : b` is `a`.
  const expr = foldConstants(compiled);
  // Reads of the instance's labels and annotations the two modes would answer differently are refused here, at the read.
  checkInstanceMetadataReads(expr, node);
  refuseUnprintable(expr, node);
  return { expr, type, ...(optional && { optional }), ...(wrapped && { wrapped }), ...(present && { present }) };
}

export function compileConditionNode(node: Node, scope: Scope): Expr {
  const expr = foldConstants(compileCondition(node, scope));
  checkInstanceMetadataReads(expr, node);
  refuseUnprintable(expr, node);
  return expr;
}
