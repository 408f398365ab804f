/**
 * The nested-default cases (nested-default-cases.ts) held to JavaScript one by one, with the CEL form
 * each read compiles to.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCase } from './harness.js';
import { nestedDefaultCases } from './nested-default-cases.js';

for (const [name, input] of Object.entries(nestedDefaultCases)) {
  test(`${name}: the compiled graph agrees with JavaScript for every spec`, () => {
    const report = runCase(name, input);
    assert.ok(report.evaluations >= input.specs!.length, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
}
