/** Maps built from a list the instance gives (list-to-map-cases.ts) mean what JavaScript means, in direct mode. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCase } from './harness.js';
import { listToMapCases } from './list-to-map-cases.js';

test('reduce and Object.fromEntries into a map agree with JavaScript for every spec, repeated and special keys included', () => {
  for (const [name, entry] of Object.entries(listToMapCases)) {
    const report = runCase(name, entry);
    assert.ok(report.evaluations >= entry.specs!.length, name);
    assert.deepEqual(report.findings, [], name);
  }
});
