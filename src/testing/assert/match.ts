/** Partial matching: the fields a test names, compared deeply; everything else ignored. */
import { AssertionError } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';

/**
 * What {@link assertMatches} compares with: a deep partial of the value, where a RegExp matches a string.
 *
 * @example
 * import type { Expected } from 'typekro/testing';
 * const expected: Expected<{ spec: { replicas: number; image: string } }> = { spec: { replicas: 3 } };
 * expected.spec?.replicas; // => 3
 */
export type Expected<T> = T extends string ? string | RegExp : T extends readonly (infer U)[] ? readonly Expected<U>[] : T extends object ? { readonly [K in keyof T]?: Expected<T[K]> } : T;

const show = (value: unknown): string => (value instanceof RegExp ? String(value) : value === undefined ? 'undefined' : JSON.stringify(value));

/**
 * Where `actual` does not match `expected`, one line per field (`spec.replicas: expected 3, got 2`); empty
 * when it matches. Objects match when every field of `expected` matches (others are ignored); arrays when
 * they have the same length and each item matches; a RegExp matches a string it finds a match in.
 *
 * @example
 * import { mismatches } from 'typekro/testing';
 * mismatches({ spec: { replicas: 2, image: 'nginx' } }, { spec: { replicas: 3 } }); // => ['spec.replicas: expected 3, got 2']
 * mismatches({ metadata: { name: 'web-1' } }, { metadata: { name: /^web-/ } }); // => []
 */
export function mismatches(actual: unknown, expected: unknown, path = ''): string[] {
  const here = path || '(root)';
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual) ? [] : [`${here}: expected a string matching ${String(expected)}, got ${show(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${here}: expected a list of ${expected.length}, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${here}: expected ${expected.length} item(s), got ${actual.length}: ${show(actual)}`];
    return expected.flatMap((item, i) => mismatches(actual[i], item, `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${here}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => mismatches((actual as Record<string, unknown>)[key], value, path ? `${path}.${key}` : key));
  }
  return isDeepStrictEqual(actual, expected) ? [] : [`${here}: expected ${show(expected)}, got ${show(actual)}`];
}

/**
 * Asserts that `actual` matches the partial `expected` (see {@link mismatches}); throws an `AssertionError`
 * listing every field that differs, which every test runner reports.
 *
 * @example
 * import { assertMatches } from 'typekro/testing';
 * assertMatches({ kind: 'Deployment', spec: { replicas: 3, paused: false } }, { spec: { replicas: 3 } });
 * let message = '';
 * try {
 *   assertMatches({ spec: { replicas: 2 } }, { spec: { replicas: 3 } }, 'deployment');
 * } catch (error) {
 *   message = (error as Error).message;
 * }
 * message; // => 'deployment does not match:\n  spec.replicas: expected 3, got 2'
 */
export function assertMatches<T>(actual: T, expected: Expected<T>, what = 'value'): void {
  const lines = mismatches(actual, expected);
  if (lines.length > 0) throw new AssertionError({ message: `${what} does not match:\n  ${lines.join('\n  ')}`, actual, expected, operator: 'assertMatches' });
}
