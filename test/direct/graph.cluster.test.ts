/**
 * Direct mode on a hand-built graph against the local cluster: data flowing from live objects into
 * dependents, includeWhen skipping (and its propagation), forEach collections, status soft resolution,
 * timeouts naming the resource, and fatal expression errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { type } from 'arktype';
import { createDirectFactory } from '../../src/api/direct.js';
import type { CompositionDefinition } from '../../src/composition/definition.js';
import { E, type Expr } from '../../src/ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../src/ir/graph.js';
import type { SchemaNode } from '../../src/ir/schema.js';
import { exprValue, type Value } from '../../src/ir/value.js';
import { DirectDeployError, DirectTimeoutError } from '../../src/runtime/direct/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const x = (expr: Expr): Value => exprValue(expr);
const spec = (...fields: string[]): Expr => E.path('schema', 'spec', ...fields);
const leaf = (kind: 'string' | 'integer' | 'boolean'): SchemaNode => ({ kind, markers: {} });

const definition: CompositionDefinition = {
  name: 'direct-graph',
  kind: 'DirectGraph',
  spec: type({ name: 'string', replicas: 'number.integer', withExtra: 'boolean', workers: 'string[]' }),
  status: type({ 'ready?': 'boolean' }),
};

const node = (id: string, apiVersion: string, kind: string, template: Record<string, Value>, extra: Partial<ResourceNode> = {}): ResourceNode => ({
  id, apiVersion, kind, template: { apiVersion, kind, ...template }, readyWhen: [], includeWhen: [], forEach: [], dependsOn: [], ...extra,
});

const labels = { app: x(spec('name')) };
const deployment = node('deployment', 'apps/v1', 'Deployment', {
  metadata: { name: x(spec('name')) },
  spec: {
    replicas: x(spec('replicas')),
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
  },
});
const service = node('service', 'v1', 'Service', {
  metadata: { name: x(E.template([E.path('deployment', 'metadata', 'name'), '-svc'])) },
  spec: { selector: x(E.path('deployment', 'spec', 'selector', 'matchLabels')), ports: [{ port: 80 }] },
});
const endpoint = node('endpoint', 'v1', 'ConfigMap', {
  metadata: { name: x(E.template([spec('name'), '-endpoint'])) },
  data: { url: x(E.template(['http://', E.path('service', 'spec', 'clusterIP'), ':80'])) },
});
const extra = node('extra', 'v1', 'ConfigMap', { metadata: { name: 'extra' } }, { includeWhen: [spec('withExtra')] });
const extraUser = node('extraUser', 'v1', 'ConfigMap', { metadata: { name: 'extra-user' }, data: { from: x(E.path('extra', 'metadata', 'name')) } });
const workers = node('workers', 'v1', 'ConfigMap', { metadata: { name: x(E.template(['worker-', E.ident('worker')])) }, data: { worker: x(E.ident('worker')) } }, {
  forEach: [{ name: 'worker', source: spec('workers') }],
});

const graph = (resources: ResourceNode[], status: Value): CompositionGraph => ({
  name: 'direct-graph', version: 'v1alpha1', group: 'kro.run', kind: 'DirectGraph', scope: 'Namespaced', resources, status,
  spec: { kind: 'struct', required: ['name', 'replicas', 'withExtra', 'workers'], markers: {}, fields: { name: leaf('string'), replicas: leaf('integer'), withExtra: leaf('boolean'), workers: { kind: 'array', items: leaf('string'), markers: {} } } },
});

const status: Value = {
  ready: x(E.binary('==', E.call('orValue', [E.int(0)], E.select(E.path('deployment', 'status'), 'readyReplicas', true)), spec('replicas'))),
  url: x(E.path('endpoint', 'data', 'url')),
  workers: x(E.call('size', [E.ident('workers')])),
  neverThere: x(E.path('deployment', 'status', 'noSuchField')),
  kind: 'constant',
};

describe('direct mode: a hand-built graph', () => {
  const kc = testKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-graph')));
  after(async () => ns?.remove());

  it('deploys with live data flowing into dependents, skips, collections and a soft-resolved status', async () => {
    const factory = createDirectFactory<unknown, Record<string, unknown>>(definition, graph([deployment, service, endpoint, extra, extraUser, workers], status), {
      kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 120_000,
    });
    const instance = await factory.deploy({ name: 'web', replicas: 2, withExtra: false, workers: ['a', 'b'] });
    const svc = await core.readNamespacedService({ name: 'web-svc', namespace: ns.name });
    assert.ok(svc.spec?.clusterIP);
    const cm = await core.readNamespacedConfigMap({ name: 'web-endpoint', namespace: ns.name });
    assert.equal(cm.data?.url, `http://${svc.spec?.clusterIP}:80`);
    assert.deepEqual(instance.status, { ready: true, url: `http://${svc.spec?.clusterIP}:80`, workers: 2, kind: 'constant' });
    const all = await core.listNamespacedConfigMap({ namespace: ns.name, labelSelector: 'typekro.dev/instance=web' });
    assert.deepEqual(all.items.map((c) => c.metadata?.name).sort(), ['web-endpoint', 'worker-a', 'worker-b']);
    await factory.deleteInstance('web');
    const left = await core.listNamespacedConfigMap({ namespace: ns.name, labelSelector: 'typekro.dev/instance=web' });
    assert.equal(left.items.length, 0);
  });

  it('a redeploy prunes what is no longer desired (includeWhen turned false, a shrunk collection)', async () => {
    const factory = createDirectFactory(definition, graph([extra, workers], {}), { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 60_000 });
    const names = async (): Promise<string[]> =>
      (await core.listNamespacedConfigMap({ namespace: ns.name, labelSelector: 'typekro.dev/instance=prune' })).items.map((c) => c.metadata?.name ?? '').sort();
    await factory.deploy({ name: 'prune', replicas: 1, withExtra: true, workers: ['a', 'b', 'c'] });
    assert.deepEqual(await names(), ['extra', 'worker-a', 'worker-b', 'worker-c']);
    await factory.deploy({ name: 'prune', replicas: 1, withExtra: false, workers: ['a'] });
    assert.deepEqual(await names(), ['worker-a']);
    await factory.deleteInstance('prune');
    assert.deepEqual(await names(), []);
  });

  it('a resource that never becomes ready times out with its id and last state', async () => {
    const stuck = { ...deployment, readyWhen: [E.binary('>', E.call('orValue', [E.int(0)], E.select(E.path('deployment', 'status'), 'readyReplicas', true)), E.int(100))] };
    const factory = createDirectFactory(definition, graph([stuck], {}), { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 4_000 });
    await assert.rejects(factory.deploy({ name: 'stuck', replicas: 1, withExtra: false, workers: [] }), (error: unknown) => {
      assert.ok(error instanceof DirectTimeoutError, String(error));
      assert.equal(error.resourceId, 'deployment');
      assert.match(error.message, /resource "deployment" \(Deployment .*\/stuck\) not ready before the deadline: readyWhen is false: `deployment\.status\.\?readyReplicas\.orValue\(0\) > 100` with status\.readyReplicas (= \d+|absent)$/m);
      return true;
    });
    await factory.deleteInstance('stuck');
  });

  it('a fatal expression error fails the deploy and names the resource', async () => {
    const broken = node('broken', 'v1', 'ConfigMap', { metadata: { name: 'broken' }, data: { n: x(E.call('string', [E.binary('/', E.int(1), E.int(0))])) } });
    const factory = factoryFor(broken);
    await assert.rejects(factory.deploy({ name: 'broken', replicas: 1, withExtra: false, workers: [] }), (error: unknown) => {
      assert.ok(error instanceof DirectDeployError);
      assert.match(error.message, /resource "broken": data\.n: division by zero/);
      return true;
    });
  });

  function factoryFor(resource: ResourceNode) {
    return createDirectFactory(definition, graph([resource], {}), { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 10_000 });
  }
});
