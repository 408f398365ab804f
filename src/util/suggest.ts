/**
 * How messages about an unknown field point at the right one: the closest known name when it is plausibly a
 * typo, else the known names. One helper for every validator (instance specs, custom resource values).
 */
import { closest, distance } from 'fastest-levenshtein';

/**
 * A key as a path segment: `.replicas`, or `["app.kubernetes.io/name"]` when it is not an identifier.
 *
 * @example
 * ```ts
 * import { member } from './suggest.js';
 * member('replicas'); // => '.replicas'
 * member('a-b'); // => '["a-b"]'
 * ```
 */
export function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * The end of an unknown-field message: `; did you mean spec.replicas?` when one known field is plausibly a
 * typo of `key` (a top-level field when `path` is empty), else the known fields (at most 12), or that there are none.
 *
 * @example
 * ```ts
 * import { fieldHint } from './suggest.js';
 * fieldHint('replicaz', ['replicas', 'image'], 'spec'); // => '; did you mean spec.replicas?'
 * fieldHint('zzz', ['replicas'], 'spec'); // => ' (its fields: replicas)'
 * ```
 */
export function fieldHint(key: string, known: readonly string[], path: string): string {
  const near = known.length > 0 ? closest(key, [...known]) : undefined;
  // A suggestion only when it is plausibly a typo of the key, not any field at all.
  if (near !== undefined && distance(key, near) <= Math.max(2, Math.floor(near.length / 3))) return `; did you mean ${path === '' ? near : `${path}${member(near)}`}?`;
  return known.length > 0 ? ` (its fields: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ' (it has no fields)';
}
