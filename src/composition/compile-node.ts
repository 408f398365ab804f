/**
 * The bridge from the composition layer to the JavaScript-to-CEL compiler.
 */
import type { Node } from '@babel/types';
import { compileCondition, compileExpression, type CompiledExpression } from '../analysis/compile-expression.js';
import type { Scope } from '../analysis/scope.js';
import type { Expr } from '../ir/expr.js';
import { foldConstants } from '../ir/fold.js';
import type { CelType } from '../ir/types.js';
import { checkInstanceMetadataReads } from './instance-metadata-reads.js';
import { refuseUnprintable } from './unprintable-texts.js';

/** A compiled value (see {@link compileValueNode}). */
export interface CompiledNode {
  readonly expr: Expr;
  readonly type: CelType;
  readonly optional?: boolean;
  readonly wrapped?: boolean;
  readonly present?: Expr;
}

/**
 * `optional`: JavaScript may read `undefined` where CEL waits (a plain read of an absent field);
 * `wrapped`: the value is a CEL optional, `undefined` in JavaScript when empty; `present`: the CEL test that it is there.
 */
export function compileValueNode(node: Node, scope: Scope, text = false): CompiledNode {
  return finished(node, compileExpression(node, scope, { text }));
}

function finished(node: Node, { expr: compiled, type, optional, wrapped, present }: CompiledExpression): CompiledNode {
  // Constants the source states (a loop's item, a literal test) fold away: `"dev" == "dev" ? a : b` is `a`.
  const expr = foldConstants(compiled);
  // Reads of the instance's labels and annotations the two modes would answer differently are refused here, at the read.
  checkInstanceMetadataReads(expr, node);
  refuseUnprintable(expr, node);
  return { expr, type, ...(optional && { optional }), ...(wrapped && { wrapped }), ...(present && { present }) };
}

/**
 * {@link compileValueNode} for a place that takes a constant `undefined`/`null` as a literal one: a value the
 * definition fixes as nullish whatever the instance (`n === 'a' ? spec.r : undefined` for a loop's item `'b'`)
 * is returned as `{ nullish }` rather than refused.
 */
export function compileValueOrNullish(node: Node, scope: Scope): CompiledNode | { readonly nullish: 'undefined' | 'null' } {
  const compiled = compileExpression(node, scope, { nullish: true });
  return compiled.nullish ? { nullish: compiled.nullish } : finished(node, compiled);
}

export function compileConditionNode(node: Node, scope: Scope): Expr {
  const expr = foldConstants(compileCondition(node, scope));
  checkInstanceMetadataReads(expr, node);
  refuseUnprintable(expr, node);
  return expr;
}
