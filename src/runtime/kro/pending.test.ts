import assert from 'node:assert/strict';
import { test } from 'node:test';
import { E } from '../../ir/expr.js';
import { exprValue, type Value } from '../../ir/value.js';
import { missingStatusFields } from './pending.js';

const ref = (...path: string[]): Value => exprValue(E.path('web', ...path));
// A composition's status shape: leaves are expressions or literals; null and empty objects are never emitted.
const shape: Value = { url: ref('status', 'url'), db: { host: ref('spec', 'host'), port: ref('spec', 'port') }, nothing: null, empty: {}, tags: ref('spec', 'tags'), version: 'v1' };

test('every declared leaf without a value, by its dotted path (as direct mode names pending fields)', () => {
  assert.deepEqual(missingStatusFields(shape, { db: { host: 'h' }, tags: ['a'] }), ['url', 'db.port', 'version']);
});

test('no status at all: every emitted leaf; a complete status: none', () => {
  assert.deepEqual(missingStatusFields(shape, undefined), ['url', 'db.host', 'db.port', 'tags', 'version']);
  assert.deepEqual(missingStatusFields(shape, { url: 'u', db: { host: 'h', port: 1 }, tags: [], version: 'v1' }), []);
});

test('a value of null, false, 0 or "" is a value; an array is one field; a scalar where an object was declared misses its leaves', () => {
  assert.deepEqual(missingStatusFields(shape, { url: null, db: 'x', tags: [], version: '' }), ['db.host', 'db.port']);
});

test('a field absent by design (its expression gives optional.none(), JavaScript says undefined) is not pending; its siblings still are', () => {
  assert.deepEqual(missingStatusFields(shape, { db: { host: 'h' }, tags: ['a'] }, ['url', 'db.port']), ['version']);
  // absent names a leaf: the parent of a pending leaf is never a stand-in for it
  assert.deepEqual(missingStatusFields(shape, { url: 'u', tags: [], version: 'v1' }, ['db']), ['db.host', 'db.port']);
});
