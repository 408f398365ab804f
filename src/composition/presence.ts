/**
 * Whether a condition around a call guarantees that spec data a value reads is there: the condition's
 * term is the presence test itself (`has(schema.spec.host)`), or bounds a list's length at least as tightly
 * (`size(schema.spec.l) >= 2` guarantees `size(schema.spec.l) > 1`).
 */
import { printCel } from '../compile/cel/print.js';
import type { Expr } from '../ir/expr.js';
import { fieldOf, type CelType } from '../ir/types.js';

/**
 * True when `term` (one `&&` term of a condition) makes `present` true.
 *
 * @example
 * ```ts
 * implies(E.binary('>=', E.call('size', [l]), E.int(2)), E.binary('>', E.call('size', [l]), E.int(1))); // true
 * ```
 */
export function implies(term: Expr, present: Expr): boolean {
  if (printCel(term) === printCel(present)) return true;
  const wanted = sizeBound(present);
  const given = sizeBound(term);
  return wanted !== undefined && given !== undefined && given.list === wanted.list && given.min >= wanted.min;
}

/** `size(l) > i` / `size(l) >= n` as the list and the least length it admits. */
function sizeBound(expr: Expr): { list: string; min: number } | undefined {
  if (expr.kind !== 'binary' || (expr.op !== '>' && expr.op !== '>=')) return undefined;
  const { left, right } = expr;
  if (left.kind !== 'call' || left.fn !== 'size' || left.target || left.args.length !== 1) return undefined;
  if (right.kind !== 'literal' || right.literal.kind !== 'int') return undefined;
  const bound = Number(right.literal.value);
  return { list: printCel(left.args[0]!), min: expr.op === '>' ? bound + 1 : bound };
}

/**
 * True when the field at `path` of an object type may be absent (an optional spec field of a nested
 * composition, where the parent may pass `undefined`).
 *
 * @example
 * ```ts
 * optionalAt(schemaToCelType(child.spec), ['replicas']); // true for `'replicas?': 'number'`
 * ```
 */
export function optionalAt(type: CelType, path: readonly string[]): boolean {
  let current: CelType | undefined = type;
  let optional = false;
  for (const segment of path) {
    const field: ReturnType<typeof fieldOf> = current && fieldOf(current, segment);
    if (!field) return false;
    optional = field.optional;
    current = field.type;
  }
  return optional;
}
