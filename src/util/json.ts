/** Small helpers for plain JSON data. */
import { TypeKroError } from './errors.js';

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

/**
 * Refuses binary data (a `Uint8Array`, a `Buffer`) in an object given as observed cluster data: the API
 * server returns JSON, where a Secret's `data` is base64 text, which is what KRO and direct mode decode to
 * bytes. `where` names the input (`observed["sec"]`).
 *
 * @example
 * refuseBinary({ data: { pw: 'c2VjcmV0' } }, 'observed["sec"]'); // no error
 */
export function refuseBinary(value: unknown, where: string): void {
  if (value instanceof Uint8Array) {
    throw new TypeKroError('USAGE', `${where} is binary data (${value.constructor.name}); give observed objects as the API server returns them, JSON: a Secret's data as base64 text (e.g. "${Buffer.from(value).toString('base64').slice(0, 24)}")`);
  }
  if (Array.isArray(value)) value.forEach((item, i) => refuseBinary(item, `${where}[${i}]`));
  else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) refuseBinary(item, `${where}.${key}`);
}
