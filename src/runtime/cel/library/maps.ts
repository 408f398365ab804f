/**
 * kro's maps library (pkg/cel/library/maps.go): `map.merge(map)` (shallow, right side wins) and, since
 * KRO v0.9.4, `dyn.deepMerge(dyn)`: nested maps are merged recursively, anything else (lists, scalars, a map
 * meeting a non-map) is replaced by the right side; the inputs are never modified.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';
import { plainIfStringKeys } from './comprehensions.js';

/** A CEL map as cel-js holds it: a plain object (string keys) or a `Map` (other keys). */
type CelMap = Record<string, unknown> | Map<unknown, unknown>;

export function registerMaps(env: Environment): void {
  const fn = registrar(env);
  // Entries, not a spread: a map with a `constructor` or `__proto__` key is a `Map` (convert.ts), whose entries a spread drops (trial 18 F6).
  fn('map.merge(map): map', (a: CelMap, b: CelMap) => plainIfStringKeys(new Map([...entries(a), ...entries(b)])));
  // declared on dyn as kro declares it: any receiver type-checks, a non-map fails when evaluated
  fn('dyn.deepMerge(dyn): dyn', (a: unknown, b: unknown) => deepMerge(asMap(a), asMap(b)));
}

function isCelMap(value: unknown): value is CelMap {
  if (value instanceof Map) return true;
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function asMap(value: unknown): CelMap {
  // cel-go's MaybeNoSuchOverloadErr: a non-map operand is "no such overload"
  if (!isCelMap(value)) throw celError('no such overload: deepMerge needs two maps');
  return value;
}

function size(m: CelMap): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

function entries(m: CelMap): [unknown, unknown][] {
  return m instanceof Map ? [...m] : Object.entries(m);
}

/** `other` onto `self`; an empty side returns the other operand itself, as kro does (CEL maps are immutable). */
function deepMerge(self: CelMap, other: CelMap): CelMap {
  if (size(other) === 0) return self;
  if (size(self) === 0) return other;
  const merged = new Map<unknown, unknown>(entries(self));
  for (const [key, value] of entries(other)) {
    const current = merged.get(key);
    merged.set(key, merged.has(key) && isCelMap(current) && isCelMap(value) ? deepMerge(current, value) : value);
  }
  // string keys only (every Kubernetes map): the plain-object form the rest of the engine reads
  return plainIfStringKeys(merged) as CelMap;
}
