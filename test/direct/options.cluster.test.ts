/**
 * Direct factory options against the local cluster: server-side apply conflicts (an error naming the
 * object, fields and managers; `force` takes over), `waitForReady`, `timeout` (names the resource and its
 * last condition), and the AbortSignal (stops cleanly, says so, applies nothing more).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { E } from '../../src/ir/expr.js';
import { DirectAbortedError, DirectTimeoutError, type ProgressEvent } from '../../src/runtime/direct/index.js';
import { ApplyConflictError, KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, configMapNames, deployment, factoryFor, spec, x } from './support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const unschedulable = { nodeSelector: { 'typekro.dev/no-such-node': 'true' } };

describe('direct mode: options', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-opts')));
  after(async () => ns?.remove());

  it('a field owned by another manager is a conflict error naming object, field and manager; nothing changes; force takes over', async () => {
    const client = new KubeClient(kc);
    const resources = [configMap('config', 'config', { key: x(spec('value')) })];
    // force: false: the default applies the instance's own objects with force (test/cli/drift.cluster.test.ts)
    const strict = factoryFor('opt-conflict', resources, { namespace: ns.name, force: false });
    // The instance's own object, one field of which another tool then takes over (an object another tool
    // made is refused before any field is compared: test/faults/ownership.cluster.test.ts).
    await strict.deploy({ name: 'cf', value: 'ours', replicas: 1, flag: true });
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cf-config', namespace: ns.name }, data: { key: 'theirs' } } as KubernetesObject, { fieldManager: 'other-tool', force: true });
    await assert.rejects(strict.deploy({ name: 'cf', value: 'ours', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof ApplyConflictError, String(error));
      assert.deepEqual(error.object, { apiVersion: 'v1', kind: 'ConfigMap', name: 'cf-config', namespace: ns.name });
      assert.deepEqual(error.conflicts, [{ field: '.data.key', manager: 'other-tool' }]);
      assert.deepEqual(error.managers, ['other-tool']);
      assert.match(error.message, new RegExp(`ConfigMap ${ns.name}/cf-config conflicts with another field manager: \\.data\\.key \\(owned by field manager "other-tool"\\)`));
      assert.match(error.message, /force/);
      return true;
    });
    const unchanged = await core.readNamespacedConfigMap({ name: 'cf-config', namespace: ns.name });
    assert.equal(unchanged.data?.key, 'theirs');

    const forced = factoryFor('opt-conflict', resources, { namespace: ns.name, force: true });
    await forced.deploy({ name: 'cf', value: 'ours', replicas: 1, flag: true });
    const taken = await core.readNamespacedConfigMap({ name: 'cf-config', namespace: ns.name });
    assert.equal(taken.data?.key, 'ours');
    const owners = (taken.metadata?.managedFields ?? []).filter((f) => JSON.stringify(f.fieldsV1 ?? {}).includes('"f:key"')).map((f) => f.manager);
    assert.deepEqual(owners, ['typekro']);
    await forced.deleteInstance('cf');
  });

  it('waitForReady: false returns once everything is applied, without waiting for readiness', async () => {
    const factory = factoryFor('opt-nowait', [deployment('app', unschedulable)], { namespace: ns.name, waitForReady: false, timeout: 30_000 });
    const events: string[] = [];
    const watching = factoryFor('opt-nowait', [deployment('app', unschedulable)], { namespace: ns.name, waitForReady: false, timeout: 30_000, progressCallback: (e) => events.push(e.type) });
    await watching.deploy({ name: 'nowait', value: '', replicas: 1, flag: true });
    const live = await apps.readNamespacedDeployment({ name: 'nowait', namespace: ns.name });
    assert.equal(live.status?.readyReplicas ?? 0, 0, 'returned although the Deployment can never be ready');
    assert.ok(events.includes('apply') && !events.includes('ready'), events.join(' '));
    await factory.deleteInstance('nowait');
  });

  it('timeout: a resource that never becomes ready fails naming it and its last condition', async () => {
    const events: ProgressEvent[] = [];
    const factory = factoryFor('opt-timeout', [deployment('app', unschedulable)], { namespace: ns.name, timeout: 15_000, progressCallback: (e) => events.push(e) });
    await assert.rejects(factory.deploy({ name: 'stuck', value: '', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof DirectTimeoutError, String(error));
      assert.equal(error.resourceId, 'app');
      assert.match(error.message, new RegExp(`resource "app" \\(Deployment ${ns.name}/stuck\\) not ready before the deadline: 0/1 readyReplicas`));
      assert.match(error.message, /Available=False \(MinimumReplicasUnavailable\)/);
      return true;
    });
    assert.ok(events.some((e) => e.type === 'waiting' && e.resourceId === 'app' && /0\/1 readyReplicas/.test(e.reason ?? '')), 'progress said why it waited');
    await factory.deleteInstance('stuck');
  });

  it('abort mid-deploy stops cleanly, says what was done, and applies nothing more', async () => {
    const controller = new AbortController();
    const events: ProgressEvent[] = [];
    // first: a ConfigMap; then a Deployment that cannot become ready; then a ConfigMap that waits for it
    const resources = [
      configMap('first', 'first'),
      { ...deployment('app', unschedulable), dependsOn: ['first'] },
      configMap('last', 'last', { replicas: x(E.call('string', [E.path('app', 'spec', 'replicas')])) }),
    ];
    const factory = factoryFor('opt-abort', resources, {
      namespace: ns.name,
      timeout: 120_000,
      abortSignal: controller.signal,
      progressCallback: (event) => {
        events.push(event);
        if (event.type === 'waiting' && event.resourceId === 'app') controller.abort();
      },
    });
    await assert.rejects(factory.deploy({ name: 'ab', value: '', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof DirectAbortedError, String(error));
      assert.match(error.message, /deploy of instance "ab" aborted; nothing more was applied \(ready: first; applied, not ready: app; being applied when stopped: none; not started: last\)/);
      return true;
    });
    const count = events.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(events.length, count, 'no progress after the rejection');
    assert.deepEqual(await configMapNames(kc, ns.name), ['ab-first', 'typekro.opt-abort.ab'], 'the dependent was never applied');
    // a per-call signal that is already aborted applies nothing at all
    const fresh = factoryFor('opt-abort2', [configMap('only', 'only')], { namespace: ns.name });
    await assert.rejects(fresh.deploy({ name: 'ab2', value: '', replicas: 1, flag: true }, { abortSignal: AbortSignal.abort() }), DirectAbortedError);
    assert.deepEqual(await configMapNames(kc, ns.name), ['ab-first', 'typekro.opt-abort.ab']);
    await factoryFor('opt-abort', resources, { namespace: ns.name }).deleteInstance('ab');
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });

  it('abort with rollbackOnFailure on a first deploy removes what was applied', async () => {
    const controller = new AbortController();
    const factory = factoryFor('opt-abort-rb', [configMap('first', 'first'), { ...deployment('app', unschedulable), dependsOn: ['first'] }], {
      namespace: ns.name,
      abortSignal: controller.signal,
      rollbackOnFailure: true,
      progressCallback: (event) => {
        if (event.type === 'waiting' && event.resourceId === 'app') controller.abort(new Error('user pressed Ctrl-C'));
      },
    });
    await assert.rejects(factory.deploy({ name: 'abr', value: '', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof DirectAbortedError);
      assert.match(error.message, /aborted: user pressed Ctrl-C/);
      assert.match(error.message, /rolled back: deleted 2 object\(s\)/);
      return true;
    });
    assert.deepEqual(await configMapNames(kc, ns.name), []);
    await assert.rejects(apps.readNamespacedDeployment({ name: 'abr', namespace: ns.name }), (e: { code?: number }) => e.code === 404);
  });
});
