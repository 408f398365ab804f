/**
 * The UTF-16 forms of `.length`, `indexOf` and `lastIndexOf` (analysis/utf16.ts) on the real KRO controller:
 * the RGD of text-position-cases.ts, whose status and ConfigMap use every form, becomes Active (KRO's type
 * check accepts the CEL), and KRO and direct mode give the values JavaScript gives for text with emoji, from
 * positions between the two halves of one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConcrete } from '../../src/index.js';
import { textPositions, type TextSpec } from '../differential/text-position-cases.js';
import { assertBothModes } from '../support/both-modes.js';

const SPEC: TextSpec = { s: 'a😀b😀😀_é', t: '😀', p: 2, o: 5, u: '\u{10ffff}x', words: ['😀😀', 'b😀', ''] };

test('KRO accepts the UTF-16 forms and computes what JavaScript and direct mode compute', { timeout: 300_000 }, async () => {
  const js = evaluateConcrete(textPositions, SPEC as never);
  const expected = js.status as Record<string, unknown>;
  assert.equal(expected.len, 10);
  const data = (js.resources[0]!.manifests[0] as { data: Record<string, string> }).data;
  await assertBothModes(textPositions, SPEC as never, { namespace: 'text', expected, configMap: { name: 'text', data } });
});
