/** The call forms of call-cases.ts mean what JavaScript means, for every derived spec (also in differential.test.ts's run). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callCases } from './call-cases.js';
import { runCase } from './harness.js';

test('unary plus, Math.sign and callbacks passed by name agree with JavaScript', () => {
  for (const [name, entry] of Object.entries(callCases)) {
    const report = runCase(name, entry);
    assert.ok(report.evaluations > 0, name);
    assert.deepEqual(report.findings, [], name);
  }
});
