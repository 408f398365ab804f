/** The guards through `||` of guard-or-cases.ts, and a Service's ports mapped through `!`, mean what JavaScript means. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardOrCases } from './guard-or-cases.js';
import { runCase } from './harness.js';

test('guards through || and a Service\'s mapped ports agree with JavaScript for every spec and observed state', () => {
  for (const [name, entry] of Object.entries(guardOrCases)) {
    const report = runCase(name, entry);
    assert.ok(report.evaluations >= entry.specs!.length * 3, name);
    assert.deepEqual(report.findings, [], name);
  }
});
