/** Small helpers for plain JSON data. */

/** True for a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of JSON data with object keys sorted, so equal data serialises to equal bytes.
 *
 * @example
 * ```ts
 * sortKeysDeep({ b: 1, a: [{ d: 1, c: 2 }] }); // { a: [{ c: 2, d: 1 }], b: 1 }
 * ```
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeysDeep(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep(value[key]);
  return out as T;
}

/** A deep copy of JSON data (defaults must never be shared between instances). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
