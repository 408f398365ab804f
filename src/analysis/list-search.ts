/**
 * `list.indexOf(x, from)` and `list.lastIndexOf(x[, from])` with JavaScript's positions: a negative `from`
 * counts from the end, and every position is clamped to the list (Array.prototype.indexOf: k = from < 0 ?
 * max(length + from, 0) : from, nothing found when k >= length; lastIndexOf: k = from < 0 ? length + from :
 * min(from, length - 1), nothing found when k < 0; an `undefined` position is 0 for both). KRO's lists library searches the whole list and ext.Lists'
 * `slice` errors outside it, so the search runs on the clamped part: indexOf on `list.slice(k, size)` (its index
 * plus k), lastIndexOf on `list.slice(0, k + 1)` (whose indexes are the list's).
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { syntaxError } from './errors.js';
import { describe, type Typed } from './typed.js';
import type { MethodContext } from './call-arguments.js';
import { positionOf } from './untyped-null.js';

const HINT = 'give the position as an integer: JavaScript truncates a fractional one, which `Math.trunc(x)` writes (`list.indexOf(v, Math.trunc(spec.ratio))`), or declare the field as an integer';

/** The search position, an int; `undefined` is the method's own default (`whenUndefined`), as in JavaScript. */
function position(ctx: MethodContext, whenUndefined: Expr): Expr {
  const arg = ctx.args[1] as Node;
  const t = ctx.c.value(arg, ctx.scope);
  if (t.nullish) return whenUndefined;
  // A number of unknown CEL type may be a double (1.5), which JavaScript truncates and `slice` refuses.
  if (t.type.kind !== 'int') throw syntaxError(arg, `the position of \`${name(ctx)}\` must be an integer, got ${describe(t.type)}`, HINT);
  return positionOf(t, ctx.scope, whenUndefined, E.int(0));
}

function name(ctx: MethodContext): string {
  const callee = ctx.node.callee;
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.property.type === 'Identifier' ? callee.property.name : 'indexOf';
}

const max = (a: Expr, b: Expr): Expr => E.call('max', [], E.list([a, b]));
const min = (a: Expr, b: Expr): Expr => E.call('min', [], E.list([a, b]));
const intValue = (e: Expr): bigint | undefined => (e.kind === 'literal' && e.literal.kind === 'int' ? e.literal.value : undefined);

/**
 * `search(part)` is the search (`part.indexOf(x)` or `part.lastIndexOf(x)`, `x in part` for `found`) on the part of
 * `list` JavaScript looks at; the answer is the index in `list`, or -1.
 */
export function positionedSearch(ctx: MethodContext, list: Expr, kind: 'indexOf' | 'lastIndexOf', search: (part: Expr) => Expr, found: (part: Expr) => Expr): Expr {
  const size = E.call('size', [list]);
  if (kind === 'indexOf') {
    const from = ctx.args.length < 2 ? E.int(0) : position(ctx, E.int(0));
    const literal = intValue(from);
    if (literal === 0n) return search(list);
    const [fromEnd, fromStart] = [max(E.binary('+', size, from), E.int(0)), min(from, size)];
    const start = literal === undefined ? E.cond(E.binary('<', from, E.int(0)), fromEnd, fromStart) : literal < 0n ? fromEnd : fromStart;
    const part = E.call('slice', [start, size], list);
    return E.cond(found(part), E.binary('+', search(part), start), E.int(-1));
  }
  if (ctx.args.length < 2) return search(list);
  // A position that is `undefined` is 0 here (ToIntegerOrInfinity), not the end: `[1, 2, 1].lastIndexOf(1, undefined)` is 0.
  const from = position(ctx, E.int(0));
  const literal = intValue(from);
  // The end of the prefix: k + 1, clamped to [0, size]; written so that no int64 bound is crossed.
  const [fromEnd, fromStart] = [max(E.binary('+', E.binary('+', size, from), E.int(1)), E.int(0)), E.binary('+', min(from, E.binary('-', size, E.int(1))), E.int(1))];
  const end = literal === undefined ? E.cond(E.binary('<', from, E.int(0)), fromEnd, fromStart) : literal < 0n ? fromEnd : fromStart;
  return search(E.call('slice', [E.int(0), end], list));
}
