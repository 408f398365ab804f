/**
 * Numbers made text (src/ir/javascript-text.ts) on the real KRO controller: a `'number'` spec field and an
 * untyped one (`'Record<string, unknown>'`, where the instance decides the type) written into a ConfigMap and
 * the status. KRO accepts the RGD (its type check takes the CEL), and KRO and direct mode write what JavaScript
 * writes, where CEL's own `string()` gives Go's `%g`: `1.0000005e+06`, `1e-07`, `1e+20` (trial 21 F1).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { assertBothModes } from '../support/both-modes.js';

const numberText = kubernetesComposition(
  {
    name: 'number-text',
    apiVersion: 'numbertext.typekro.dev/v1alpha1',
    kind: 'NumberText',
    spec: type({ ratio: 'number', cfg: 'Record<string, unknown>' }),
    status: type({ ratio: 'string', small: 'string', untyped: 'string', line: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: 'numbers', id: 'numbers', data: { ratio: `${spec.ratio}`, small: String(spec.ratio / 1e12), untyped: String(spec.cfg.v ?? 'none') } });
    return { ratio: `${spec.ratio}`, small: `${spec.ratio / 1e12}`, untyped: String(spec.cfg.v ?? 'none'), line: `v=${spec.cfg.w ?? 0}` };
  },
);

const SPEC = { ratio: 1000000.5, cfg: { v: 1e-7, w: 1e20 } };

test('KRO accepts numbers made text and writes what JavaScript and direct mode write', { timeout: 300_000 }, async () => {
  const js = evaluateConcrete(numberText, SPEC);
  const data = (js.resources[0]!.manifests[0] as { data: Record<string, string> }).data;
  assert.deepEqual(data, { ratio: '1000000.5', small: '0.0000010000005', untyped: '1e-7' });
  const expected = { ratio: '1000000.5', small: '0.0000010000005', untyped: '1e-7', line: 'v=100000000000000000000' };
  assert.deepEqual(js.status, expected);
  await assertBothModes(numberText, SPEC, { namespace: 'number-text', expected, configMap: { name: 'numbers', data } });
});
