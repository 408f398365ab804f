/**
 * A spec number given as -0: JSON has one zero, so the instance the cluster stores holds 0, and KRO computes
 * `1 / spec.x` as +Infinity. JavaScript over the raw -0 gave -Infinity, and direct mode (which kept the -0)
 * agreed with it but not with KRO. The validated spec every mode and the concrete evaluation start from holds
 * 0, so the two modes, simulate and evaluateConcrete all answer as the cluster does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const signs = kubernetesComposition(
  { name: 'zero-sign', kind: 'ZeroSign', spec: type({ x: 'number', list: 'number[]' }), status: type({ positive: 'boolean', first: 'boolean' }) },
  (spec) => {
    ConfigMap({ name: 'signs', data: { v: 1 / spec.x > 0 ? 'plus' : 'minus' } });
    return { positive: 1 / spec.x > 0, first: 1 / (spec.list[0] ?? 1) > 0 };
  },
);

test('a -0 in the spec is the 0 the instance stores, for JavaScript and the compiled graph alike', () => {
  const spec = { x: -0, list: [-0] };
  const concrete = evaluateConcrete(signs, spec);
  assert.deepEqual(concrete.status, { positive: true, first: true });
  assert.deepEqual(concrete.resources.map((r) => r.manifests.map((m) => (m as { data: unknown }).data)), [[{ v: 'plus' }]]);
  const simulated = simulate(signs, spec, { observed: { configMapSigns: {} } });
  assert.deepEqual(simulated.status, { positive: true, first: true });
  assert.ok(signs.instanceYaml(spec).includes('x: 0\n'));
});

test('a spec without -0 comes back as the same object, not a copy', async () => {
  const { asStoredNumbers } = await import('../../src/api/validate-input.js');
  const spec = { x: 1, list: [0, 2], nested: { y: 'a' } };
  assert.equal(asStoredNumbers(spec), spec);
  assert.ok(Object.is(asStoredNumbers({ a: [1, -0] }).a[1], 0));
});
