/**
 * The observed-collection length check (composition/collection-counts.ts) leaves out a collection whose
 * existence a condition decides: where JavaScript's condition is false this spec makes none, yet objects made
 * before may still be observed (found by the generated programs: a loop inside `if (web.status...)`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const gated = kubernetesComposition(
  { name: 'gated-list', kind: 'GatedList', spec: type({ name: 'string', tags: 'string[]' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx' });
    if ((web.status.readyReplicas ?? 0) > 0) {
      for (const t of spec.tags) ConfigMap({ name: `${spec.name}-${t}`, data: { t } });
    }
    return { ready: (web.status.readyReplicas ?? 0) > 0 };
  },
);

test('objects of a conditional collection observed while its condition is false are not refused as a wrong count', () => {
  const observed = { web: { status: { readyReplicas: 0 } }, configMap: [{}, {}] };
  const result = evaluateConcrete(gated, { name: 'a', tags: ['x', 'y'] }, { observed });
  assert.deepEqual(result.status, { ready: false });
});

test('simulate holds an observed collection to the same rule (composition/collection-counts.ts, one check for both)', () => {
  // The condition holds now, yet a list of another length is the test's input either side leaves alone: a
  // collection a condition decides may still have objects from before.
  const observed = { web: { status: { readyReplicas: 1 } }, configMap: [{}, {}, {}] };
  for (const crossCheck of [true, false]) {
    assert.deepEqual(simulate(gated, { name: 'a', tags: ['x', 'y'] }, { observed, crossCheck }).status, { ready: true });
  }
  assert.deepEqual(evaluateConcrete(gated, { name: 'a', tags: ['x', 'y'] }, { observed }).status, { ready: true });
});
