/**
 * A status value CEL gives before a resource it reads exists (its `||`/`&&` absorbed the failed read) is held
 * to the value JavaScript computes once that resource exists without a status (`unobservedValues`), also in
 * the tolerant "nothing observed" state: the tolerance is for what JavaScript cannot say, not for a value it
 * does say (negative control for compare.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConcreteEvaluation } from '../../src/index.js';
import { compare } from './compare.js';
import type { CompiledEvaluation } from './compiled.js';

const concrete: ConcreteEvaluation = { resources: [], status: {}, pendingStatus: ['ok', 'label'], unobservedValues: { ok: true } };
const compiled = (ok: unknown): CompiledEvaluation => ({ resources: new Map(), status: { ok, label: 'x' }, pendingStatus: [], statusErrors: [] });

test('a compiled value before the resource exists agrees with unobservedValues, or is a divergence', () => {
  assert.deepEqual(compare(compiled(true), concrete, true).divergences, []);
  const wrong = compare(compiled(false), concrete, true);
  assert.deepEqual(wrong.divergences.map((d) => d.detail), ['  compiled false before the resource it reads exists, JavaScript true once it exists without a status']);
  // `label` has no JavaScript value to hold it to: tolerated only while nothing is observed; `ok` agrees in every state
  assert.equal(wrong.tolerated, 1);
  assert.deepEqual(compare(compiled(true), concrete, false).divergences.map((d) => d.aspect), ['status.label']);
});
