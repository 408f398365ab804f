/**
 * Both modes report the same instance ready at the same point: when its Deployment is available, not
 * merely created. The Deployment's pods select a node label no node has, so they stay Pending; both modes
 * must then report not ready (KRO judging the default readyWhen TypeKro wrote into the RGD, direct mode its
 * planner with the same rule, and the direct factory's `readiness()` of the instance too). Labelling the
 * kwok node lets the pods schedule and become ready, and both deployments complete, each with the
 * Deployment available.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { type } from 'arktype';
import { deployment, kubernetesComposition } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace, track } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();
const GATE = 'typekro.dev/ready-parity-gate';
const GATE_MANAGER = 'typekro-ready-parity-test';

const gated = (token: string) =>
  kubernetesComposition(
    { name: 'ready-parity', apiVersion: 'parity.typekro.dev/v1alpha1', kind: 'ReadyParity', spec: type({ name: 'string' }), status: type({ available: 'number' }) },
    (spec) => {
      const app = deployment({
        metadata: { name: spec.name, labels: { app: spec.name } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: spec.name } },
          template: {
            metadata: { labels: { app: spec.name } },
            spec: { nodeSelector: { [GATE]: token }, containers: [{ name: 'main', image: 'nginx' }] },
          },
        },
      });
      return { available: app.status.availableReplicas };
    },
  );

type Observed = KubernetesObject & { status?: Record<string, unknown> & { state?: string; conditions?: { type: string; status: string; message?: string }[] } };

test('kro and direct mode report the instance ready when its Deployment is available', { timeout: 300_000 }, async () => {
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const token = randomBytes(4).toString('hex');
  const node = (await core.listNode()).items[0]?.metadata?.name ?? assert.fail('the test cluster has no node');
  const kroNs = await testNamespace(kc, 'ready-kro');
  const directNs = await testNamespace(kc, 'ready-direct');
  const composition = gated(token);
  const waiting: string[] = [];
  const kro = track(composition.factory('kro', { kubeconfig, namespace: kroNs.name, timeout: 240_000 }).deploy({ name: 'web' }));
  const directFactory = composition.factory('direct', { kubeconfig, namespace: directNs.name, timeout: 240_000, progressCallback: (e) => e.type === 'waiting' && e.resourceId === 'app' && waiting.push(e.reason ?? e.message) });
  const direct = track(directFactory.deploy({ name: 'web' }));
  const deploymentIn = (namespace: string) => client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace }) as Promise<Observed | undefined>;
  const status = () => directFactory.instanceStatus('web', { spec: { name: 'web' } });
  const instance = () => client.get({ apiVersion: 'parity.typekro.dev/v1alpha1', kind: 'ReadyParity', name: 'web', namespace: kroNs.name }) as Promise<Observed | undefined>;
  try {
    // Both Deployments exist and their controller reported them unavailable.
    for (const ns of [kroNs.name, directNs.name]) {
      await eventually(`Deployment web in ${ns} created and reported unavailable`, async () => {
        const d = await deploymentIn(ns);
        return d?.status?.['observedGeneration'] === 1 && d.status['unavailableReplicas'] === 1 ? true : undefined;
      }, 120_000);
    }
    // KRO evaluated the default readyWhen and found it false; direct mode waits, saying why.
    const notReady = await eventually('KRO to report the instance waiting for the Deployment', async () => {
      const observed = await instance();
      const ready = observed?.status?.conditions?.find((c) => c.type === 'Ready');
      return ready && ready.status !== 'True' && /readyWhen/.test(JSON.stringify(observed?.status?.conditions)) ? observed : undefined;
    }, 120_000);
    await eventually('direct mode to report the Deployment not ready', async () => (waiting.some((r) => /0\/1 (readyReplicas|availableReplicas)/.test(r)) ? true : undefined), 60_000);
    // Still not ready a while later: nothing but the pods becoming available may end the wait.
    await sleep(5_000);
    assert.equal(kro.done, false, `kro mode must not report ready before the Deployment is available (error: ${String(kro.error)})`);
    assert.equal(direct.done, false, `direct mode must not report ready before the Deployment is available (error: ${String(direct.error)})`);
    assert.notEqual((await instance())?.status?.state, 'ACTIVE', `instance state: ${JSON.stringify(notReady.status)}`);
    const before = await status();
    assert.equal(before.ready, false);
    assert.match(before.resources.find((r) => r.resourceId === 'app')?.reason ?? '', /0\/1 (readyReplicas|availableReplicas)/);

    // Let the pods schedule: both modes must now complete, with the Deployment available.
    await client.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: { [GATE]: token } } }, { fieldManager: GATE_MANAGER, force: true });
    await eventually('both modes to report ready', async () => (kro.done && direct.done ? true : undefined), 180_000);
    assert.equal(kro.error, undefined, `kro mode: ${String(kro.error)}`);
    assert.equal(direct.error, undefined, `direct mode: ${String(direct.error)}`);
    assert.equal((kro.value as { state?: string }).state, 'ACTIVE');
    for (const ns of [kroNs.name, directNs.name]) assert.equal((await deploymentIn(ns))?.status?.['availableReplicas'], 1, `Deployment in ${ns} available`);
    assert.equal((direct.value as { status: { available?: number } }).status.available, 1);
    assert.deepEqual((await status()).resources.map((r) => [r.resourceId, r.ready, r.name]), [['app', true, 'web']]);
    await eventually('the kro instance status to show the available replica', async () => ((await instance())?.status?.['available'] === 1 ? true : undefined), 60_000);
  } finally {
    // The same field manager applying no labels removes the label it owns.
    await client.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: {} } }, { fieldManager: GATE_MANAGER, force: true });
    await kroNs.remove();
    await directNs.remove();
  }
});
