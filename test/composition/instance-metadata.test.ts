/**
 * The instance's own metadata in `kubernetesComposition` (second parameter), compiled to `schema.metadata`,
 * and the same values in direct mode; metadata direct mode does not have is refused before anything runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, planInstance, prepareGraph, type KubeObject } from '../../src/runtime/engine/index.js';
import { schemaVariable } from '../../src/runtime/engine/variables.js';

const definition = { apiVersion: 'meta.typekro.dev/v1alpha1', spec: type({ size: 'number.integer' }) };

const app = kubernetesComposition(
  { ...definition, name: 'with-meta', kind: 'WithMeta', status: type({ name: 'string', namespace: 'string', team: 'string' }) },
  (spec, instance) => {
    configMap({
      metadata: { name: `${instance.metadata.name}-config`, namespace: instance.metadata.namespace },
      data: { team: instance.metadata.labels['team'] ?? 'none' },
    });
    return { name: instance.metadata.name, namespace: instance.metadata.namespace, team: instance.metadata.annotations['team'] ?? 'none' };
  },
);

type Rgd = { spec: { schema: { status: unknown }; resources: { template: { metadata: unknown; data: unknown } }[] } };

test('instance.metadata compiles to schema.metadata', () => {
  const rgd = compileRgd(app.graph) as unknown as Rgd;
  assert.deepEqual(rgd.spec.schema.status, {
    name: '${schema.metadata.name}',
    namespace: '${schema.metadata.namespace}',
    team: '${schema.metadata.?annotations.?team.orValue("none")}',
  });
  assert.deepEqual(rgd.spec.resources[0]?.template.metadata, { name: '${schema.metadata.name}-config', namespace: '${schema.metadata.namespace}' });
  assert.deepEqual(rgd.spec.resources[0]?.template.data, { team: '${schema.metadata.?labels.?team.orValue("none")}' });
});

test('a destructured { metadata } parameter works the same', () => {
  const named = kubernetesComposition({ ...definition, name: 'destructured', kind: 'Destructured', status: type({ url: 'string' }) }, (spec, { metadata }) => ({
    url: `https://${metadata.name}.${metadata.namespace}.svc`,
  }));
  assert.deepEqual((compileRgd(named.graph) as unknown as Rgd).spec.schema.status, { url: 'https://${schema.metadata.name}.${schema.metadata.namespace}.svc' });
});

test('direct mode evaluates instance metadata from the instance it deploys', () => {
  const prepared = prepareGraph(app.graph, createCelEngine());
  const instance = { name: 'shop', namespace: 'prod' };
  const plan = planInstance(prepared, { spec: { size: 1 }, instance, observed: new Map(), readiness: 'exists' });
  const node = plan.nodes.get('configMap') as { state: string; manifests: readonly KubeObject[] };
  assert.equal(node.state, 'apply');
  assert.deepEqual(node.manifests[0]?.metadata, { name: 'shop-config', namespace: 'prod' });
  assert.deepEqual(node.manifests[0]?.data, { team: 'none' });
  assert.deepEqual(instanceStatus(prepared, { spec: { size: 1 }, instance, observed: new Map() }).status, { name: 'shop', namespace: 'prod', team: 'none' });
});

test('direct mode evaluates the metadata the cluster assigned (uid, creationTimestamp as a timestamp, generation)', async () => {
  const assignedApp = kubernetesComposition(
    { ...definition, name: 'assigned', kind: 'Assigned', status: type({ uid: 'string', generation: 'number' }) },
    (spec, instance) => {
      configMap({ metadata: { name: 'seeded' }, data: { seed: instance.metadata.uid } });
      return { uid: instance.metadata.uid, generation: instance.metadata.generation };
    },
  );
  const prepared = prepareGraph(assignedApp.graph, createCelEngine());
  const assigned = { uid: '6f1c-42', creationTimestamp: '2026-01-02T03:04:05Z', generation: 3 };
  const status = instanceStatus(prepared, { spec: { size: 1 }, instance: { name: 'a', namespace: 'prod', assigned }, observed: new Map() });
  assert.deepEqual(status.status, { uid: '6f1c-42', generation: 3 });
  const cel = createCelEngine();
  const schema = schemaVariable(assignedApp.graph, { spec: { size: 1 }, instance: { name: 'a', namespace: 'prod', assigned } });
  const typed = cel.evaluate(cel.compile('schema.metadata.creationTimestamp < timestamp("2027-01-01T00:00:00Z") && schema.metadata.generation == 3'), { schema });
  assert.deepEqual(typed, { kind: 'value', value: true });
  // Offline there is no instance record: the uid is data only the cluster has.
  await assert.rejects(() => assignedApp.factory('direct').toYaml({ size: 1 }), /need data that only exists in the cluster[^]*configMapSeeded: data.seed: No such key: uid/);
});

test('direct mode refuses a graph reading instance metadata it does not have, instead of waiting for it', async () => {
  const owned = kubernetesComposition({ ...definition, name: 'owned', kind: 'Owned', status: type({ version: 'string' }) }, (spec, instance) => ({
    version: instance.metadata.resourceVersion,
  }));
  await assert.rejects(() => owned.factory('direct').toYaml({ size: 1 }), {
    name: 'CompositionError',
    message:
      'composition "owned" reads schema.metadata.resourceVersion (status.version), which direct mode does not have: there is no instance object in the cluster (direct mode offers schema.metadata.name, namespace, uid, creationTimestamp, generation, labels, annotations). Deploy it with factory(\'kro\'), or pass the value through the spec',
  });
});
