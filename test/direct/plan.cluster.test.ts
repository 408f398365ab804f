/**
 * `plan(spec)` against the local cluster: a server-side dry run of the whole graph reporting creates,
 * changes (field paths), unchanged objects, prunes and conflicts, with values known only after apply
 * marked as such, and changing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { E } from '../../src/ir/expr.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, configMapNames, deployment, factoryFor, node, spec, versions, x } from './support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);

const service = node('service', 'v1', 'Service', {
  metadata: { name: x(E.template([spec('name'), '-svc'])) },
  spec: { selector: { app: x(spec('name')) }, ports: [{ port: 80 }] },
});
// reads a value the API server assigns: known only once the Service exists
const endpoint = configMap('endpoint', 'endpoint', { ip: x(E.path('service', 'spec', 'clusterIP')) });
const config = configMap('config', 'config', { value: x(spec('value')) });
const optional = configMap('extra', 'extra', {}, { includeWhen: [spec('flag')] });

describe('direct mode: plan', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-plan')));
  after(async () => ns?.remove());

  it('before the first deploy: everything is a create; values that need the cluster are known after apply; nothing is written', async () => {
    const factory = factoryFor('plan', [config, service, endpoint, optional], { namespace: ns.name });
    const plan = await factory.plan({ name: 'p', value: 'one', replicas: 1, flag: false });
    assert.deepEqual(plan.create.map((o) => [o.resourceId, o.kind, o.name ?? null, o.knownAfterApply ?? false]), [
      ['config', 'ConfigMap', 'p-config', false],
      ['service', 'Service', 'p-svc', false],
      ['endpoint', 'ConfigMap', null, true],
    ]);
    assert.match(plan.create[2]!.note ?? '', /clusterIP/);
    assert.deepEqual(plan.change, []);
    assert.deepEqual(plan.unchanged, []);
    assert.deepEqual(plan.prune, []);
    assert.deepEqual(plan.skipped, ['extra']);
    assert.deepEqual(await configMapNames(kc, ns.name), [], 'a plan writes nothing, not even the instance record');
  });

  it('after a deploy: the same spec plans no change; a new spec plans changed paths; a dropped resource plans a prune', async () => {
    const factory = factoryFor('plan', [config, service, endpoint, optional], { namespace: ns.name });
    await factory.deploy({ name: 'p', value: 'one', replicas: 1, flag: true });
    const before = await versions(kc, ns.name);

    const same = await factory.plan({ name: 'p', value: 'one', replicas: 1, flag: true });
    assert.deepEqual(same.create, []);
    assert.deepEqual(same.change, []);
    assert.deepEqual(same.unchanged.map((o) => o.resourceId), ['config', 'service', 'endpoint', 'extra']);
    assert.deepEqual(same.prune, []);

    const changed = await factory.plan({ name: 'p', value: 'two', replicas: 1, flag: false });
    assert.deepEqual(changed.change.map((c) => [c.resource.resourceId, c.paths]), [['config', ['data.value']]]);
    assert.deepEqual(changed.unchanged.map((o) => o.resourceId), ['service', 'endpoint'], 'the endpoint reads the live clusterIP: unchanged');
    assert.deepEqual(changed.prune.map((o) => [o.resourceId, o.kind, o.name]), [['extra', 'ConfigMap', 'p-extra']]);

    const reduced = factoryFor('plan', [config], { namespace: ns.name });
    const dropped = await reduced.plan({ name: 'p', value: 'one', replicas: 1, flag: true });
    assert.deepEqual(dropped.prune.map((o) => o.resourceId).sort(), ['endpoint', 'extra', 'service']);

    assert.deepEqual(await versions(kc, ns.name), before, 'plans changed nothing');
    await factory.deleteInstance('p');
  });

  it('a dependent of a changing resource whose new values are known is planned as a change', async () => {
    const factory = factoryFor('plan-chain', [config, configMap('copy', 'copy', { copied: x(E.path('config', 'data', 'value')) })], { namespace: ns.name });
    await factory.deploy({ name: 'pc', value: 'one', replicas: 1, flag: true });
    const plan = await factory.plan({ name: 'pc', value: 'two', replicas: 1, flag: true });
    assert.deepEqual(plan.change.map((c) => [c.resource.resourceId, c.paths]), [['config', ['data.value']], ['copy', ['data.copied']]]);
    await factory.deleteInstance('pc');
  });

  it('a read of the status of a resource the deploy creates or changes is known after apply, whatever default surrounds it', async () => {
    // String(app.status.replicas ?? 0): the plan read the absent status of the object to create as 0, and the
    // live status of the object to scale (1) where the deploy reads the status after the change (3)
    const count = configMap('count', 'count', { replicas: x(E.raw('string(app.?status.?replicas.orValue(0))', ['app'])) });
    const factory = factoryFor('plan-status', [deployment('app'), count], { namespace: ns.name });
    const unknown = 'data.replicas: app.status is not set by the manifest of app: only the cluster knows it';
    const fresh = await factory.plan({ name: 'ps', value: 'v', replicas: 1, flag: true });
    assert.deepEqual(fresh.create.map((o) => [o.resourceId, o.knownAfterApply ?? false, o.note ?? '']), [['app', false, ''], ['count', true, unknown]]);
    await factory.deploy({ name: 'ps', value: 'v', replicas: 1, flag: true });
    const same = await factory.plan({ name: 'ps', value: 'v', replicas: 1, flag: true });
    assert.deepEqual(same.unchanged.map((o) => o.resourceId), ['app', 'count'], 'an unchanged object is read as it is');
    const scaled = await factory.plan({ name: 'ps', value: 'v', replicas: 3, flag: true });
    assert.deepEqual(scaled.change.map((c) => [c.resource.resourceId, c.paths, c.resource.knownAfterApply ?? false, c.resource.note ?? '']), [
      ['app', ['spec.replicas'], false, ''],
      ['count', [], true, unknown],
    ]);
    await factory.deleteInstance('ps');
  });

  it('an object another tool owns: without adopt only the takeover the deploy refuses; with adopt its field conflicts and changes; a Deployment change by path', async () => {
    const client = new KubeClient(kc);
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pcf-config', namespace: ns.name }, data: { value: 'theirs' } } as KubernetesObject, { fieldManager: 'other-tool' });
    const factory = factoryFor('plan-conflict', [config, deployment('app')], { namespace: ns.name });
    // The deploy refuses the ConfigMap (OwnershipConflictError): listed once, not also as a change and a
    // field conflict it never makes (trial 15 F3: one object counted three times).
    const first = await factory.plan({ name: 'pcf', value: 'ours', replicas: 1, flag: true });
    assert.deepEqual(first.takeovers.map((t) => [t.resource.resourceId, t.resource.name, t.owner, t.adoptable]), [['config', 'pcf-config', 'field manager "other-tool" (not a TypeKro instance)', true]]);
    assert.deepEqual(first.conflicts, []);
    assert.deepEqual([...first.change, ...first.unchanged.map((resource) => ({ resource }))].map((c) => c.resource.resourceId), []);
    assert.deepEqual(first.create.map((o) => o.resourceId), ['app']);
    // A factory that adopts takes it over: the plan shows the fields another manager owns and the change.
    const adopting = await factoryFor('plan-conflict', [config, deployment('app')], { namespace: ns.name, adopt: true }).plan({ name: 'pcf', value: 'ours', replicas: 1, flag: true });
    assert.deepEqual(adopting.conflicts.map((c) => [c.resource.resourceId, c.conflicts]), [['config', [{ field: '.data.value', manager: 'other-tool' }]]]);
    assert.deepEqual(adopting.change.map((c) => [c.resource.resourceId, c.paths.filter((p) => p.startsWith('data'))]), [['config', ['data.value']]]);
    // adopt: the ConfigMap is another tool's object; force: one of its fields too
    await factoryFor('plan-conflict', [config, deployment('app')], { namespace: ns.name, adopt: true, force: true }).deploy({ name: 'pcf', value: 'ours', replicas: 1, flag: true });
    const scaled = await factory.plan({ name: 'pcf', value: 'ours', replicas: 3, flag: true });
    assert.deepEqual(scaled.conflicts, []);
    assert.deepEqual(scaled.change.map((c) => [c.resource.resourceId, c.paths]), [['app', ['spec.replicas']]]);
    await factory.deleteInstance('pcf');
    assert.deepEqual(await core.listNamespacedConfigMap({ namespace: ns.name, labelSelector: 'typekro.dev/instance=pcf' }).then((l) => l.items.length), 0);
  });
});
