/**
 * List functions KRO's environment has and cel-js lacks: Kubernetes `Lists` (`max min sum isSorted indexOf
 * lastIndexOf`), cel-go `ext.Lists` (`slice flatten sort distinct reverse lists.range`) and kro's
 * `lists.setAtIndex/insertAtIndex/removeAtIndex`.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { safeInt } from './int-range.js';
import { celEquals, celError, compareCel, registerNamespace, registrar } from './register.js';

type List = readonly unknown[];

export function registerLists(env: Environment): void {
  const fn = registrar(env);
  fn('list.max(): dyn', (l: List) => extreme(l, 'max', 1));
  fn('list.min(): dyn', (l: List) => extreme(l, 'min', -1));
  fn('list.sum(): dyn', (l: List) => sum(l));
  fn('list.isSorted(): bool', (l: List) => l.every((item, i) => i === 0 || compareCel(l[i - 1], item) <= 0));
  fn('list.kroIndexOf(dyn): int', (l: List, x: unknown) => BigInt(l.findIndex((item) => celEquals(item, x))));
  fn('list.kroLastIndexOf(dyn): int', (l: List, x: unknown) => BigInt(findLastIndex(l, x)));
  fn('list.slice(int, int): list', (l: List, from: bigint, to: bigint) => slice(l, from, to));
  fn('list.flatten(): list', (l: List) => flatten(l, 1n));
  fn('list.flatten(int): list', (l: List, depth: bigint) => flatten(l, depth));
  fn('list.sort(): list', (l: List) => [...l].sort(compareCel));
  fn('list.distinct(): list', (l: List) => l.filter((item, i) => l.findIndex((other) => celEquals(other, item)) === i));
  fn('list.reverse(): list', (l: List) => [...l].reverse());
  const ns = registerNamespace(env, 'lists');
  fn(`${ns}.range(int): list<int>`, (_: unknown, n: bigint) => Array.from({ length: Number(n > 0n ? n : 0n) }, (_v, i) => BigInt(i)));
  fn(`${ns}.setAtIndex(list, int, dyn): list`, (_: unknown, l: List, i: bigint, v: unknown) => setAt(l, i, v));
  fn(`${ns}.insertAtIndex(list, int, dyn): list`, (_: unknown, l: List, i: bigint, v: unknown) => insertAt(l, i, v));
  fn(`${ns}.removeAtIndex(list, int): list`, (_: unknown, l: List, i: bigint) => removeAt(l, i));
}

/** Kubernetes `max()`/`min()`: an empty list is an error. */
function extreme(l: List, name: string, sign: number): unknown {
  if (l.length === 0) throw celError(`${name} called on empty list`);
  return l.reduce((best, item) => (compareCel(item, best) * sign > 0 ? item : best));
}

/** Kubernetes `sum()`: ints stay ints (overflow is an error), doubles stay doubles; empty is int 0. */
function sum(l: List): unknown {
  if (l.length === 0) return 0n;
  if (l.every((item) => typeof item === 'bigint')) {
    // Every partial sum, as JavaScript adds them one by one.
    const total = (l as bigint[]).reduce((a, b) => safeInt(a + b, () => `${a} + ${b}`), 0n);
    if (total > 2n ** 63n - 1n || total < -(2n ** 63n)) throw celError('integer overflow');
    return total;
  }
  if (l.every((item) => typeof item === 'number')) return (l as number[]).reduce((a, b) => a + b, 0);
  throw celError('no such overload: sum() needs a list of ints or of doubles');
}

function findLastIndex(l: List, x: unknown): number {
  for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], x)) return i;
  return -1;
}

function slice(l: List, from: bigint, to: bigint): List {
  if (from < 0n || to < 0n) throw celError(`cannot slice(${from}, ${to}), negative indexes not supported`);
  if (from > to) throw celError(`cannot slice(${from}, ${to}), start index must be less than or equal to end index`);
  if (to > BigInt(l.length)) throw celError(`cannot slice(${from}, ${to}), list is length ${l.length}`);
  return l.slice(Number(from), Number(to));
}

function flatten(l: List, depth: bigint): List {
  if (depth < 0n) throw celError('level must be non-negative');
  const out: unknown[] = [];
  for (const item of l) {
    if (Array.isArray(item) && depth > 0n) out.push(...flatten(item, depth - 1n));
    else out.push(item);
  }
  return out;
}

function checkIndex(l: List, i: bigint, allowEnd: boolean): number {
  const max = BigInt(l.length) - (allowEnd ? 0n : 1n);
  if (i < 0n || i > max) throw celError(`index ${i} out of range for list of size ${l.length}`);
  return Number(i);
}

function setAt(l: List, i: bigint, v: unknown): List {
  const at = checkIndex(l, i, false);
  return l.map((item, j) => (j === at ? v : item));
}

function insertAt(l: List, i: bigint, v: unknown): List {
  const at = checkIndex(l, i, true);
  return [...l.slice(0, at), v, ...l.slice(at)];
}

function removeAt(l: List, i: bigint): List {
  const at = checkIndex(l, i, false);
  return [...l.slice(0, at), ...l.slice(at + 1)];
}
