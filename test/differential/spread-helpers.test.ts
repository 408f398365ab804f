/** The spreads into helpers of spread-helper-cases.ts mean what JavaScript means, for every derived spec. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spreadHelperCases } from './spread-helper-cases.js';
import { runCase } from './harness.js';

test('a spread of an array literal into a helper that creates resources binds its items as arguments', () => {
  for (const [name, entry] of Object.entries(spreadHelperCases)) {
    const report = runCase(name, entry);
    assert.ok(report.evaluations > 0, name);
    assert.deepEqual(report.findings, [], name);
  }
});
