import assert from 'node:assert/strict';
import { test } from 'node:test';
import { E } from '../ir/expr.js';
import { exprValue, type Value } from '../ir/value.js';
import { statusReport } from './instance.js';

const ref = (...path: string[]): Value => exprValue(E.path('web', ...path));
// The status shape a composition returns: leaves are expressions; null and empty objects are never emitted.
const shape: Value = { url: ref('status', 'url'), db: { host: ref('spec', 'host'), port: ref('spec', 'port') }, nothing: null, empty: {}, tags: ref('spec', 'tags') };

test('complete when every emitted field has a value', () => {
  const status = { url: 'http://x', db: { host: 'h', port: 5432 }, tags: [] };
  assert.deepEqual(statusReport(shape, status), { complete: true, status, pending: [] });
});

test('pending names the leaf that has no value (db.port), not its parent, as instanceStatus and the CLI do', () => {
  const report = statusReport(shape, { db: { host: 'h' }, tags: ['a'] });
  assert.equal(report.complete, false);
  assert.deepEqual(report.pending, ['url', 'db.port']);
  assert.deepEqual(report.status, { db: { host: 'h' }, tags: ['a'] });
});

test('no status at all: every emitted field is pending', () => {
  assert.deepEqual(statusReport(shape, undefined).pending, ['url', 'db.host', 'db.port', 'tags']);
  assert.deepEqual(statusReport({}, undefined), { complete: true, status: {}, pending: [] });
});

test('a leaf absent by design (optional.none(): JavaScript says undefined) is not pending: complete when nothing else is missing', () => {
  const status = { url: 'http://x', db: { host: 'h' }, tags: [] };
  assert.deepEqual(statusReport(shape, status, ['db.port']), { complete: true, status, pending: [] });
  const report = statusReport(shape, { db: { host: 'h' } }, ['db.port']);
  assert.deepEqual(report.pending, ['url', 'tags']);
});
