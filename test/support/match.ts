import { isDeepStrictEqual } from 'node:util';

/** True when every field of `expected` is in `actual` with the same value (objects compared as subsets, deeply). */
export function includesSubset(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null || Array.isArray(expected)) return isDeepStrictEqual(actual, expected);
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(expected).every(([key, value]) => includesSubset((actual as Record<string, unknown>)[key], value));
}
