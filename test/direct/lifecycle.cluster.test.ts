/**
 * Instance lifecycle in direct mode: the ApplySet-style record, idempotent redeploys, updates, prune of
 * resources and whole kinds the graph dropped, deleteInstance of exactly what the instance owns (other
 * namespaces and dropped kinds included), and rollback of a failed first deploy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { E } from '../../src/ir/expr.js';
import { DirectDeployError } from '../../src/runtime/direct/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testNamespace, notFound } from '../support/cluster.js';
import { configMap, configMapNames, deployment, factoryFor, node, spec, versions, x } from './support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);


const secret = node('secret', 'v1', 'Secret', { metadata: { name: x(E.template([spec('name'), '-secret'])) }, stringData: { value: x(spec('value')) } });

describe('direct mode: instance lifecycle', () => {
  let ns: { name: string; remove: () => Promise<void> };
  let other: { name: string; remove: () => Promise<void> };
  before(async () => {
    ns = await testNamespace(kc, 'direct-life');
    other = await testNamespace(kc, 'direct-life-other');
  });
  after(async () => {
    await ns?.remove();
    await other?.remove();
  });

  it('records the instance ApplySet-style: a ConfigMap parent listing group-kinds, members labelled part-of', async () => {
    const factory = factoryFor('life-record', [configMap('config', 'config', { v: x(spec('value')) }), secret], { namespace: ns.name });
    await factory.deploy({ name: 'rec', value: 'one', replicas: 1, flag: true });
    const record = await core.readNamespacedConfigMap({ name: 'typekro.life-record.rec', namespace: ns.name });
    const id = record.metadata?.labels?.['applyset.kubernetes.io/id'];
    assert.match(id ?? '', /^applyset-[A-Za-z0-9_-]{43}-v1$/);
    assert.equal(record.metadata?.annotations?.['applyset.kubernetes.io/contains-group-kinds'], 'ConfigMap,Secret');
    assert.equal(record.metadata?.annotations?.['applyset.kubernetes.io/tooling'], 'typekro/v1');
    const member = await core.readNamespacedConfigMap({ name: 'rec-config', namespace: ns.name });
    assert.equal(member.metadata?.labels?.['applyset.kubernetes.io/part-of'], id);
    await factory.deleteInstance('rec');
    assert.ok(await notFound(() => core.readNamespacedConfigMap({ name: 'typekro.life-record.rec', namespace: ns.name })), 'record deleted with the instance');
  });

  it('deploying twice with the same spec changes nothing (every resourceVersion unchanged)', async () => {
    const factory = factoryFor('life-idem', [configMap('config', 'config', { v: x(spec('value')) }), secret, deployment('app')], { namespace: ns.name });
    const input = { name: 'idem', value: 'same', replicas: 1, flag: true };
    await factory.deploy(input);
    const before = await versions(kc, ns.name);
    const deployBefore = (await apps.readNamespacedDeployment({ name: 'idem', namespace: ns.name })).metadata?.resourceVersion;
    await factory.deploy(input);
    assert.deepEqual(await versions(kc, ns.name), before);
    assert.equal((await apps.readNamespacedDeployment({ name: 'idem', namespace: ns.name })).metadata?.resourceVersion, deployBefore);
    await factory.deleteInstance('idem');
  });

  it('a changed spec updates objects; a graph without a kind prunes that kind; the record shrinks', async () => {
    const v1 = factoryFor('life-prune', [configMap('config', 'config', { v: x(spec('value')) }), secret], { namespace: ns.name });
    await v1.deploy({ name: 'pr', value: 'one', replicas: 1, flag: true });
    assert.ok(await core.readNamespacedSecret({ name: 'pr-secret', namespace: ns.name }));
    // The same composition, now without any Secret resource at all: a kind the graph no longer has.
    const v2 = factoryFor('life-prune', [configMap('config', 'config', { v: x(spec('value')) })], { namespace: ns.name });
    await v2.deploy({ name: 'pr', value: 'two', replicas: 1, flag: true });
    assert.equal((await core.readNamespacedConfigMap({ name: 'pr-config', namespace: ns.name })).data?.v, 'two');
    assert.ok(await notFound(() => core.readNamespacedSecret({ name: 'pr-secret', namespace: ns.name })), 'Secret pruned');
    const record = await core.readNamespacedConfigMap({ name: 'typekro.life-prune.pr', namespace: ns.name });
    assert.equal(record.metadata?.annotations?.['applyset.kubernetes.io/contains-group-kinds'], 'ConfigMap');
    await v2.deleteInstance('pr');
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });

  it('deleteInstance deletes exactly what the instance owns: other namespaces and kinds the graph dropped, nothing of other instances', async () => {
    const elsewhere = node('elsewhere', 'v1', 'ConfigMap', { metadata: { name: x(E.template([spec('name'), '-far'])), namespace: other.name } });
    const full = factoryFor('life-delete', [configMap('config', 'config'), secret, elsewhere], { namespace: ns.name });
    await full.deploy({ name: 'del', value: 'x', replicas: 1, flag: true });
    await full.deploy({ name: 'keep', value: 'x', replicas: 1, flag: true });
    assert.ok(await core.readNamespacedConfigMap({ name: 'del-far', namespace: other.name }));
    // deleteInstance through a factory whose graph has neither the Secret nor the other-namespace ConfigMap
    const events: string[] = [];
    const reduced = factoryFor('life-delete', [configMap('config', 'config')], { namespace: ns.name, progressCallback: (e) => events.push(`${e.type}:${('resourceId' in e ? e.resourceId : undefined) ?? ''}`) });
    await reduced.deleteInstance('del');
    assert.ok(await notFound(() => core.readNamespacedConfigMap({ name: 'del-far', namespace: other.name })));
    assert.ok(await notFound(() => core.readNamespacedSecret({ name: 'del-secret', namespace: ns.name })));
    assert.ok(await notFound(() => core.readNamespacedConfigMap({ name: 'del-config', namespace: ns.name })));
    assert.ok(await notFound(() => core.readNamespacedConfigMap({ name: 'typekro.life-delete.del', namespace: ns.name })));
    // reverse dependency order: resources the graph no longer has first, then the graph's in reverse
    assert.ok(events.indexOf('deleted:config') > events.indexOf('deleted:secret'), events.join(' '));
    // the other instance is untouched
    assert.ok(await core.readNamespacedConfigMap({ name: 'keep-config', namespace: ns.name }));
    assert.ok(await core.readNamespacedSecret({ name: 'keep-secret', namespace: ns.name }));
    await full.deleteInstance('keep');
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });

  it('rollbackOnFailure: a failed first deploy deletes what it created and its record, and says so', async () => {
    const broken = node('broken', 'v1', 'ConfigMap', {
      metadata: { name: x(E.template([spec('name'), '-broken'])) },
      // fails only once `config` exists: data.n reads config's data and divides by zero
      data: { n: x(E.call('string', [E.binary('/', E.call('int', [E.path('config', 'data', 'n')]), E.int(0))])) },
    });
    const factory = factoryFor('life-rollback', [configMap('config', 'config', { n: '1' }), secret, broken], { namespace: ns.name, rollbackOnFailure: true });
    await assert.rejects(factory.deploy({ name: 'rb', value: 'x', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof DirectDeployError, String(error));
      assert.match(error.message, /resource "broken": .*division by zero/);
      assert.match(error.message, /rolled back: deleted 2 object\(s\)/);
      assert.deepEqual((error as { rollback?: unknown }).rollback, { deleted: 2, kept: 0 });
      return true;
    });
    assert.deepEqual(await configMapNames(kc, ns.name), [], 'ConfigMap and record gone');
    assert.ok(await notFound(() => core.readNamespacedSecret({ name: 'rb-secret', namespace: ns.name })));
  });

  it('rollbackOnFailure never deletes an instance that once deployed successfully, nor objects that existed before it', async () => {
    const client = new KubeClient(kc);
    // An object that exists before the instance, with the same content the graph renders (adopted explicitly, without field conflict).
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rb2-config', namespace: ns.name }, data: { n: '1' } } as KubernetesObject, { fieldManager: 'someone-else' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // creation timestamps have a resolution of one second
    const broken = node('broken', 'v1', 'ConfigMap', { metadata: { name: 'rb2-broken' }, data: { n: x(E.call('string', [E.binary('/', E.call('int', [E.path('config', 'data', 'n')]), E.int(0))])) } });
    const failing = factoryFor('life-rollback2', [configMap('config', 'config', { n: '1' }), secret, broken], { namespace: ns.name, rollbackOnFailure: true, adopt: true });
    await assert.rejects(failing.deploy({ name: 'rb2', value: 'x', replicas: 1, flag: true }), /rolled back: deleted 1 object\(s\), kept 1 that existed before this instance/);
    assert.ok(await core.readNamespacedConfigMap({ name: 'rb2-config', namespace: ns.name }), 'pre-existing object kept');
    assert.ok(await notFound(() => core.readNamespacedSecret({ name: 'rb2-secret', namespace: ns.name })));

    const good = factoryFor('life-rollback2', [configMap('config', 'config', { n: '1' }), secret], { namespace: ns.name, rollbackOnFailure: true });
    await good.deploy({ name: 'rb2', value: 'x', replicas: 1, flag: true });
    await assert.rejects(failing.deploy({ name: 'rb2', value: 'x', replicas: 1, flag: true }), (error: unknown) => {
      assert.doesNotMatch((error as Error).message, /rolled back/);
      return true;
    });
    assert.ok(await core.readNamespacedSecret({ name: 'rb2-secret', namespace: ns.name }), 'a later failure leaves the instance in place');
    await good.deleteInstance('rb2');
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });

  it('without rollbackOnFailure a failed first deploy leaves its objects for inspection; deleteInstance removes them', async () => {
    const broken = node('broken', 'v1', 'ConfigMap', { metadata: { name: 'nr-broken' }, data: { n: x(E.call('string', [E.binary('/', E.call('int', [E.path('config', 'data', 'n')]), E.int(0))])) } });
    const factory = factoryFor('life-norollback', [configMap('config', 'config', { n: '1' }), broken], { namespace: ns.name });
    await assert.rejects(factory.deploy({ name: 'nr', value: 'x', replicas: 1, flag: true }), (error: unknown) => !/rolled back/.test((error as Error).message));
    assert.deepEqual(await configMapNames(kc, ns.name), ['nr-config', 'typekro.life-norollback.nr']);
    await factory.deleteInstance('nr');
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });
});
