/**
 * Live feedback of direct deploys against the local cluster: per-resource progress (applied, waiting with
 * the readiness reason, ready, skipped, pending data), Kubernetes events of the instance's objects and of
 * their children (ReplicaSet, Pods), and pod logs on request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E } from '../../src/ir/expr.js';
import type { ProgressEvent } from '../../src/runtime/direct/index.js';
import { eventually, testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, deployment, factoryFor, spec, x } from './support.js';

const kc = testKubeConfig();

describe('direct mode: live feedback', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-feedback')));
  after(async () => ns?.remove());

  it('reports per-resource progress and the Kubernetes events of the objects and their children', async () => {
    const events: ProgressEvent[] = [];
    const resources = [
      deployment('app'),
      configMap('extra', 'extra', {}, { includeWhen: [spec('flag')] }),
      configMap('after', 'after', { ready: x(E.call('string', [E.path('app', 'status', 'readyReplicas')])) }),
    ];
    const factory = factoryFor('feedback', resources, { namespace: ns.name, timeout: 120_000, progressCallback: (e) => events.push(e) });
    await factory.deploy({ name: 'fb', value: '', replicas: 2, flag: false });
    const of = <T extends ProgressEvent['type']>(id: string, type: T) =>
      events.filter((e): e is Extract<ProgressEvent, { type: T }> => e.type === type && 'resourceId' in e && e.resourceId === id);
    assert.equal(of('app', 'apply').length, 1);
    assert.deepEqual(of('app', 'apply')[0]?.object, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'fb', namespace: ns.name });
    // `waiting` events (readiness reasons) may or may not come: the fake node can make pods ready at once
    assert.ok(of('app', 'waiting').every((e) => typeof e.reason === 'string' && e.reason.length > 0));
    assert.equal(of('app', 'ready').length, 1);
    assert.equal(of('extra', 'skipped').length, 1);
    assert.match(of('extra', 'skipped')[0]!.message, /includeWhen is false/);
    assert.ok(of('after', 'ready').length === 1);
    // apply and ready come in dependency order
    const index = (id: string, type: ProgressEvent['type']) => events.findIndex((e) => e.type === type && 'resourceId' in e && e.resourceId === id);
    assert.ok(index('app', 'ready') < index('after', 'apply'));
    // Kubernetes events: the Deployment's own, and its children's (ReplicaSet, Pods), attributed to `app`
    const k8s = events.filter((e) => e.type === 'event');
    assert.ok(k8s.some((e) => e.resourceId === 'app' && e.object?.kind === 'Deployment' && e.reason === 'ScalingReplicaSet'), JSON.stringify(k8s));
    assert.ok(k8s.some((e) => e.resourceId === 'app' && e.object?.kind === 'ReplicaSet' && e.reason === 'SuccessfulCreate'), JSON.stringify(k8s));
    assert.ok(k8s.some((e) => e.resourceId === 'app' && e.object?.kind === 'Pod' && e.reason === 'Scheduled'), JSON.stringify(k8s));
    assert.ok(k8s.every((e) => e.level === 'info' || e.level === 'warning'));
    await factory.deleteInstance('fb');
  });

  it('events: false reports no Kubernetes events', async () => {
    const events: ProgressEvent[] = [];
    const factory = factoryFor('feedback-quiet', [deployment('app')], { namespace: ns.name, events: false, progressCallback: (e) => events.push(e) });
    await factory.deploy({ name: 'quiet', value: '', replicas: 1, flag: true });
    assert.equal(events.filter((e) => e.type === 'event').length, 0);
    await factory.deleteInstance('quiet');
  });

  it('logs(name) reads the logs of the instance\'s pods, per pod and container, saying why when the node serves none', async () => {
    const factory = factoryFor('feedback-logs', [deployment('app'), configMap('config', 'config')], { namespace: ns.name });
    await factory.deploy({ name: 'lg', value: '', replicas: 2, flag: true });
    const logs = await eventually('two pods listed', async () => {
      const found = await factory.logs('lg');
      return found.length === 2 ? found : undefined;
    });
    for (const entry of logs) {
      assert.equal(entry.resourceId, 'app');
      assert.equal(entry.namespace, ns.name);
      assert.equal(entry.container, 'app');
      assert.match(entry.pod, /^lg-/);
      // The local cluster's fake node (kwok) runs no kubelet log endpoint: the entry says why instead.
      assert.ok(entry.log !== undefined || /read log of Pod/.test(entry.error ?? ''), JSON.stringify(entry));
    }
    assert.deepEqual(await factory.logs('lg', { resourceId: 'config' }), []);
    await factory.deleteInstance('lg');
  });

  it('podLogs: a resource that does not become ready gets its pod logs reported', async () => {
    const events: ProgressEvent[] = [];
    const factory = factoryFor('feedback-podlogs', [deployment('app', { nodeSelector: { 'typekro.dev/no-such-node': 'true' } })], {
      namespace: ns.name, timeout: 8_000, podLogs: true, progressCallback: (e) => events.push(e),
    });
    await assert.rejects(factory.deploy({ name: 'pl', value: '', replicas: 1, flag: true }));
    const logs = events.filter((e) => e.type === 'log');
    assert.equal(logs.length, 1, JSON.stringify(events.map((e) => e.type)));
    assert.equal(logs[0]?.resourceId, 'app');
    assert.match(logs[0]!.message, new RegExp(`pod ${ns.name}/pl-[a-z0-9-]+ container app:`));
    await factory.deleteInstance('pl');
  });
});
