/**
 * Each construct combination the generator excludes (generated-known.ts) must still diverge: when its
 * cause is fixed this fails, and the exclusion is to be removed from the generator.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KNOWN_DEFINITION_ERRORS, KNOWN_GENERATED_DIVERGENCES } from './generated-known.js';
import { runCase } from './harness.js';

test('the construct combinations the generator excludes still diverge', async (t) => {
  for (const [i, known] of KNOWN_GENERATED_DIVERGENCES.entries()) {
    await t.test(`${i}: ${known.aspect} under ${known.state}`, () => {
      const report = runCase(`known-${i}`, known.input);
      const found = report.findings.filter((f) => f.state === known.state && f.aspect === known.aspect && f.detail.includes(known.detail));
      assert.ok(found.length > 0, `no longer diverges (fixed? remove it from generated-known.ts and lift the generator's exclusion): ${known.reason}\nfindings: ${JSON.stringify(report.findings)}`);
    });
  }
});

test('the definitions the generator excludes still throw the undocumented error', async (t) => {
  for (const [i, known] of KNOWN_DEFINITION_ERRORS.entries()) {
    await t.test(`${i}: ${known.errorClass}`, () => {
      let thrown: unknown;
      try {
        known.define();
      } catch (error) {
        thrown = error;
      }
      const still = thrown instanceof Error && thrown.constructor.name === known.errorClass && thrown.message.includes(known.message);
      assert.ok(still, `no longer throws ${known.errorClass} (fixed? remove it from generated-known.ts): ${known.reason}\nthrown: ${String(thrown)}`);
    });
  }
});
