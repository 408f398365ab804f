import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindConflict, kindName } from './kind-fit.js';
import { T } from './types.js';

test('kinds that cannot be values of a field are named; values typed only when they run are not judged', () => {
  assert.equal(kindConflict(T.int, T.string), 'an integer');
  assert.equal(kindConflict(T.bool, T.int), 'a boolean');
  assert.equal(kindConflict(T.string, T.double), 'a string');
  assert.equal(kindConflict(T.list(T.int), T.list(T.string)), 'a list of integers');
  assert.equal(kindConflict(T.map(T.bool), T.map(T.string)), 'a map of booleans');
  assert.equal(kindConflict(T.string, T.list(T.string)), 'a string');
  assert.equal(kindConflict(T.list(T.string), T.object({})), 'a list');
  for (const [given, expected] of [
    [T.int, T.double],
    [T.double, T.int], // integer-fields.ts names a fraction in an integer field
    [T.int, T.quantity],
    [T.double, T.quantity],
    [T.dyn, T.string],
    [T.int, T.intOrString],
    [T.string, T.dyn],
    [T.null, T.string],
    [T.map(T.string), T.object({})],
    [T.object({}), T.map(T.string)],
    [T.string, { kind: 'timestamp' }],
  ] as const) {
    assert.equal(kindConflict(given, expected), undefined, `${JSON.stringify(given)} in ${JSON.stringify(expected)}`);
  }
});

test('a declared kind is named for messages', () => {
  assert.equal(kindName(T.string), 'a string');
  assert.equal(kindName(T.quantity), 'a quantity (text or a number)');
  assert.equal(kindName(T.list(T.int)), 'a list of integers');
  assert.equal(kindName(T.map(T.string)), 'a map of strings');
  assert.equal(kindName(T.list(T.dyn)), 'a list');
  assert.equal(kindName(T.object({})), 'an object');
});
