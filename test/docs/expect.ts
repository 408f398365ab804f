/** The assertion behind an example's `expr; // => value` comment (see test/docs/README.md). */
import assert from 'node:assert/strict';

export function __docExpect(actual: unknown, expected: unknown, where: string): void {
  assert.deepEqual(actual, expected, `${where}: the example says // => ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
