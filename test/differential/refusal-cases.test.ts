/** The once-refused constructs of refusal-cases.ts mean what JavaScript means, for every spec given. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalCases } from './refusal-cases.js';
import { runCase } from './harness.js';

test('narrowed list items, positioned searches and order-free map enumerations agree with JavaScript', () => {
  for (const [name, entry] of Object.entries(refusalCases)) {
    const report = runCase(name, entry);
    assert.ok(report.evaluations >= entry.specs!.length, name);
    assert.deepEqual(report.findings, [], name);
  }
});
