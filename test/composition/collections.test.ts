/**
 * KRO collections made from JavaScript lists (`const pods = spec.workers.map((w) => pod(...))`): the
 * collection's id is the variable, its uses compile to CEL over the list, direct mode evaluates the same
 * expressions, and uses that cannot keep their meaning fail at definition time with file:line.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition, pod, toResourceGraph } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, planInstance, prepareGraph, type KubeObject } from '../../src/runtime/engine/index.js';

const definition = {
  apiVersion: 'collections.typekro.dev/v1alpha1',
  spec: type({ workers: type({ name: 'string', image: 'string' }).array() }),
};
const workerPod = (w: { name: string; image: string }) => ({
  metadata: { name: `worker-${w.name}` },
  spec: { containers: [{ name: 'worker', image: w.image }] },
});
const thisFile = /collections\.test\.ts:\d+:\d+/;

const pool = kubernetesComposition(
  {
    ...definition,
    name: 'worker-pool',
    kind: 'WorkerPool',
    status: type({ names: 'string', total: 'number', running: 'number', allRunning: 'boolean', anyRunning: 'boolean', first: 'string' }),
  },
  (spec) => {
    const workerPods = spec.workers.map((w) => pod(workerPod(w)));
    configMap({
      metadata: { name: 'summary' },
      data: { podNames: workerPods.map((p) => p.metadata.name).join(', '), count: String(workerPods.length), first: workerPods[0]!.metadata.name },
    });
    return {
      names: workerPods.map((p) => p.metadata.name).join(', '),
      total: workerPods.length,
      running: workerPods.filter((p) => p.status.phase === 'Running').length,
      allRunning: workerPods.every((p) => p.status.phase === 'Running'),
      anyRunning: workerPods.some((p) => p.status.phase === 'Running'),
      first: workerPods[0]!.metadata.name,
    };
  },
);

type Rgd = { spec: { schema: { status: unknown }; resources: { id: string; forEach?: unknown; template: { data?: unknown } }[] } };

test('a collection made with .map is named after its variable, and its uses compile to CEL over the list', () => {
  const rgd = compileRgd(pool.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['workerPods', 'configMapSummary']);
  assert.deepEqual(rgd.spec.resources[0]?.forEach, [{ w: '${schema.spec.workers}' }]);
  assert.deepEqual(rgd.spec.schema.status, {
    names: '${workerPods.map(p, p.metadata.name).join(", ")}',
    total: '${size(workerPods)}',
    running: '${size(workerPods.filter(p, has(p.status) && has(p.status.phase) && p.status.phase == "Running"))}',
    allRunning: '${workerPods.all(p, has(p.status) && has(p.status.phase) && p.status.phase == "Running")}',
    anyRunning: '${workerPods.exists(p, has(p.status) && has(p.status.phase) && p.status.phase == "Running")}',
    first: '${workerPods[0].metadata.name}',
  });
  assert.deepEqual(rgd.spec.resources[1]?.template.data, {
    podNames: '${workerPods.map(p, p.metadata.name).join(", ")}',
    count: '${string(size(workerPods))}',
    first: '${workerPods[0].metadata.name}',
  });
});

test('a collection pushed to in a for...of loop is named after the list', () => {
  const app = kubernetesComposition({ ...definition, name: 'pushed', kind: 'Pushed', status: type({ total: 'number' }) }, (spec) => {
    const workerPods = [];
    for (const w of spec.workers) workerPods.push(pod(workerPod(w)));
    const sidecars = [];
    for (const w of spec.workers) {
      const sidecar = configMap({ metadata: { name: `sidecar-${w.name}` }, data: {} });
      sidecars.push(sidecar);
    }
    return { total: workerPods.length + sidecars.length };
  });
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['workerPods', 'sidecars']);
  assert.deepEqual(rgd.spec.schema.status, { total: '${size(workerPods) + size(sidecars)}' });
});

test('direct mode evaluates the same collection expressions over the observed objects', () => {
  const prepared = prepareGraph(pool.graph, createCelEngine());
  const spec = { workers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] };
  const instance = { name: 'pool', namespace: 'default' };
  const plan = planInstance(prepared, { spec, instance, observed: new Map(), readiness: 'exists' });
  const rendered = plan.nodes.get('workerPods');
  assert.equal(rendered?.state, 'apply');
  const pods = (rendered as { manifests: readonly KubeObject[] }).manifests.map((manifest, i) => ({
    ...manifest,
    status: i === 0 ? { phase: 'Running' } : { phase: 'Pending' },
  }));
  const observed = new Map<string, KubeObject | readonly KubeObject[]>([['workerPods', pods]]);
  const summary = planInstance(prepared, { spec, instance, observed, readiness: 'exists' }).nodes.get('configMapSummary');
  assert.equal(summary?.state, 'apply');
  assert.deepEqual((summary as { manifests: readonly KubeObject[] }).manifests[0]?.data, { podNames: 'worker-a, worker-b', count: '2', first: 'worker-a' });
  const { status } = instanceStatus(prepared, { spec, instance, observed });
  assert.deepEqual(status, { names: 'worker-a, worker-b', total: 2, running: 1, allRunning: false, anyRunning: true, first: 'worker-a' });
});

test('looping over a collection in JavaScript is refused at definition time', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'loop-over', kind: 'LoopOver', status: type({ total: 'number' }) }, (spec) => {
        const workerPods = spec.workers.map((w) => pod(workerPod(w)));
        for (const p of workerPods) configMap({ metadata: { name: p.metadata.name }, data: {} });
        return { total: 1 };
      }),
    (error: Error) =>
      thisFile.test(error.message) &&
      error.message.includes('`workerPods` is a KRO collection: a loop over it runs once, at definition time, on a placeholder, not once per object in the cluster') &&
      error.message.includes('hint: loop over the spec list the collection was made from'),
  );
});

test('reading one object of a collection as if it were a single resource is refused', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'per-item', kind: 'PerItem', status: type({ total: 'number' }) }, (spec) => {
        spec.workers.map((w) => {
          const settings = configMap({ metadata: { name: `settings-${w.name}` }, data: {} });
          return pod({ metadata: { name: settings.metadata.name }, spec: { containers: [] } });
        });
        return { total: 1 };
      }),
    (error: Error) =>
      /^.*collections\.test\.ts:\d+:\d+: `settings` is the resource made for one item of a loop over a spec list \(a KRO forEach collection, "settings"\): KRO shows it to other resources and to the status only as the list of the objects of all items, and cannot pick the object made for the same item\n/.test(error.message),
  );
});

test('a list of lists from nested .map calls is refused where it is used', () => {
  assert.throws(
    () =>
      kubernetesComposition({ ...definition, name: 'nested-map', kind: 'NestedMap', status: type({ total: 'number' }) }, (spec) => {
        const grid = spec.workers.map((w) => spec.workers.map((v) => pod(workerPod({ name: `${w.name}-${v.name}`, image: v.image }))));
        return { total: grid.length };
      }),
    (error: Error) =>
      thisFile.test(error.message) &&
      error.message.includes('`grid` is built by nested .map() calls: a list of lists in JavaScript, but KRO flattens the loops of a collection into one list') &&
      error.message.includes('hint: give each collection its own variable'),
  );
});

test('toResourceGraph accepts a collection and reads it as a list in the status builder', () => {
  const app = toResourceGraph(
    { ...definition, name: 'graph-pool', kind: 'GraphPool', status: type({ total: 'number', names: 'string', running: 'number' }) },
    (schema) => ({ workerPods: schema.spec.workers.map((w) => pod(workerPod(w))) }),
    (_schema, resources) => ({
      total: resources.workerPods.length,
      names: resources.workerPods.map((p) => p.metadata.name).join(','),
      running: resources.workerPods.filter((p) => p.status.phase === 'Running').length,
    }),
  );
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.resources.map((r) => r.id), ['workerPods']);
  assert.deepEqual(rgd.spec.schema.status, {
    total: '${size(workerPods)}',
    names: '${workerPods.map(p, p.metadata.name).join(",")}',
    running: '${size(workerPods.filter(p, has(p.status) && has(p.status.phase) && p.status.phase == "Running"))}',
  });
});
