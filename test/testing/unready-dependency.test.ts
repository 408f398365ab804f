/**
 * A resource observed while one it depends on is not ready (trial 20 F6): a ConfigMap `idx` made from a
 * Deployment `d`, and `d` rolling out again after `idx` exists. The state is reachable, and neither KRO nor
 * direct mode reads `idx` in it: KRO renders and reads a resource only once its dependencies are ready (its
 * status starts afresh each round, a field reading an unread resource left out), direct mode applies and
 * reads it only then. So `simulate` shows what reads `idx` as pending, and holds that to the JavaScript run
 * without `idx`, where it called the state "a TypeKro bug" (the compiled side pending, the JavaScript reading
 * the observed `idx`). With `d` ready the same objects give `idx`'s value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { deploymentAvailable, simulate } from '../../src/testing/index.js';

const single = kubernetesComposition(
  { name: 'unready-single', kind: 'UnreadySingle', spec: type({ apps: type({ name: /^[a-z]+$/ }).array() }), status: type({ summary: 'string' }) },
  () => {
    const d = Deployment({ name: 'a', image: 'nginx' });
    const idx = ConfigMap({ name: 'index', data: { names: d.metadata.name } });
    return { summary: idx.data.names ?? '' };
  },
);

const collection = kubernetesComposition(
  { name: 'unready-collection', kind: 'UnreadyCollection', spec: type({ apps: type({ name: /^[a-z]+$/ }).array() }), status: type({ summary: 'string' }) },
  (spec) => {
    const ds = spec.apps.map((a) => Deployment({ name: a.name, image: 'nginx' }));
    const idx = ConfigMap({ name: 'index', data: { names: ds.map((d) => d.metadata.name).join(',') } });
    return { summary: idx.data.names ?? '' };
  },
);

const spec = { apps: [{ name: 'a' }] };

test('a resource observed while its dependency is not ready is not read: what reads it is pending, as in KRO', () => {
  const rolling = simulate(single, spec, { observed: { d: { status: { readyReplicas: 1 } }, idx: {} } });
  assert.deepEqual(rolling.status, {});
  assert.deepEqual(rolling.pending, ['summary']);
  assert.deepEqual(rolling.resources.map((r) => [r.id, r.plan]), [['d', 'apply'], ['idx', 'waiting']]);
  // What the observed object holds does not matter: it is not read.
  assert.deepEqual(simulate(single, spec, { observed: { d: { status: { readyReplicas: 1 } }, idx: { data: { names: 'old' } } } }).pending, ['summary']);
  const items = simulate(collection, spec, { observed: { ds: [{ status: { readyReplicas: 1 } }], idx: {} } });
  assert.deepEqual([items.status, items.pending], [{}, ['summary']]);
});

test('with the dependency ready the same resource is read', () => {
  assert.deepEqual(simulate(single, spec, { observed: { d: deploymentAvailable(), idx: {} } }).status, { summary: 'a' });
  assert.deepEqual(simulate(collection, spec, { observed: { ds: [deploymentAvailable()], idx: {} } }).status, { summary: 'a' });
});

test("direct mode's status report (typekro status) reads the same objects: pending while the dependency is not ready", async () => {
  const { createCelEngine } = await import('../../src/runtime/cel/index.js');
  const { prepareGraph, reportInstance } = await import('../../src/runtime/engine/index.js');
  const prepared = prepareGraph(single.graph, createCelEngine());
  const instance = { name: 'unready-single', namespace: 'default' };
  const object = (kind: string, name: string, rest: object): Record<string, unknown> => ({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace: 'default', generation: 1 }, ...rest });
  const available = { spec: { replicas: 1 }, status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: [{ type: 'Available', status: 'True' }] } };
  const observed = (d: object) => new Map<string, Record<string, unknown>>([['d', object('Deployment', 'a', d)], ['idx', object('ConfigMap', 'index', { data: { names: 'a' } })]]);
  const rolling = reportInstance(prepared, { spec, instance, observed: observed({ spec: { replicas: 1 }, status: { observedGeneration: 1, replicas: 1, readyReplicas: 0 } }) });
  assert.deepEqual([rolling.status, rolling.pending], [{}, ['summary']]);
  const ready = reportInstance(prepared, { spec, instance, observed: observed(available) });
  assert.equal(ready.resources.find((r) => r.resourceId === 'd')?.ready, true);
  assert.deepEqual(ready.status, { summary: 'a' });
});
