/**
 * A condition that reads no reference (a feature flag, an outer loop's constant) is decided exactly by
 * JavaScript when the composition runs: the call it skips is not made, and the call it lets run gets no
 * includeWhen. (Conditions on references become includeWhen: include-when.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const definition = { apiVersion: 'flags.typekro.dev/v1alpha1', spec: type({ name: 'string', enabled: 'boolean' }), status: type({ name: 'string' }) };
// Read from the environment: not a constant the compiler could fold.
const FEATURE = process.env['TYPEKRO_TEST_FEATURE_NEVER_SET'] === 'on';

test('a call skipped by a condition on a plain JavaScript value is not made, and defining succeeds', () => {
  const app = kubernetesComposition({ ...definition, name: 'flagged', kind: 'Flagged' }, (spec) => {
    if (FEATURE) ConfigMap({ name: 'feature', data: { v: spec.name } });
    ConfigMap({ name: 'always', data: { v: spec.name } });
    return { name: spec.name };
  });
  assert.deepEqual(app.graph.resources.map((r) => [r.id, r.includeWhen]), [['configMapAlways', []]]);
});

test('a call made under JavaScript-only conditions gets no includeWhen; conditions on references still do', () => {
  const defined = ['dev', 'prod'].map((mode) =>
    kubernetesComposition({ ...definition, name: `mode-${mode}`, kind: 'Mode' }, (spec) => {
      if (mode === 'prod') ConfigMap({ name: 'prod-only', data: { v: spec.name } });
      if (spec.enabled) ConfigMap({ name: 'enabled', data: { v: spec.name } });
      return { name: spec.name };
    }),
  );
  assert.deepEqual(defined[0]!.graph.resources.map((r) => r.id), ['configMapEnabled']);
  const prod = defined[1]!.graph.resources;
  assert.deepEqual(prod.map((r) => r.id), ['configMapProdOnly', 'configMapEnabled']);
  assert.deepEqual(prod[0]!.includeWhen, []);
  assert.equal(prod[1]!.includeWhen.length, 1, 'the condition on spec.enabled is the includeWhen');
});
