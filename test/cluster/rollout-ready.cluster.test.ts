/**
 * An update is ready when its rollout finished, in both modes (trial 11 U3). The Deployment's pods select a
 * node label; the test moves that label on the kwok node. First deploy: the label is on the node, ready.
 * An update to a label no node has: the new pod stays Pending next to the old ready pod, which kept the
 * old rule's counts at `spec.replicas`; both modes must time out saying an old replica is pending
 * termination (kubectl's wording), not report ready. A good update (a label the node gets only later): not
 * ready while its new pod is Pending, ready once the node has the label, and then the status both modes
 * return is the rolled-out one (1 replica, updated and ready), not a count of old and new pods.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { type } from 'arktype';
import { deployment, kubernetesComposition } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace, track, type Settled } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();
const GATE = 'typekro.dev/rollout-ready-gate';
const GATE_MANAGER = 'typekro-rollout-ready-test';

const app = kubernetesComposition(
  {
    name: 'rollout-ready',
    apiVersion: 'rollout.typekro.dev/v1alpha1',
    kind: 'RolloutReady',
    spec: type({ name: 'string', gate: 'string' }),
    status: type({ ready: 'number', updated: 'number', replicas: 'number' }),
  },
  (spec) => {
    const web = deployment({
      metadata: { name: spec.name, labels: { app: spec.name } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: spec.name } },
        template: {
          metadata: { labels: { app: spec.name } },
          spec: { nodeSelector: { [GATE]: spec.gate }, containers: [{ name: 'main', image: 'nginx' }] },
        },
      },
    });
    return { ready: web.status.readyReplicas ?? 0, updated: web.status.updatedReplicas ?? 0, replicas: web.status.replicas ?? 0 };
  },
);

type Mode = 'kro' | 'direct';
type Status = { ready?: number; updated?: number; replicas?: number };
type Observed = KubernetesObject & { status?: Record<string, unknown> };

/** The returned status without KRO's own fields (`state`, `conditions`). */
const counts = (status: Status): Status => ({ ready: status.ready, updated: status.updated, replicas: status.replicas });

test('an update is ready when its rollout finished, in both modes', { timeout: 420_000 }, async () => {
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const node = (await core.listNode()).items[0]?.metadata?.name ?? assert.fail('the test cluster has no node');
  const [first, never, second] = ['a', 'never', 'b'].map((t) => `${t}-${randomBytes(4).toString('hex')}`) as [string, string, string];
  const label = (value: string) => client.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: { [GATE]: value } } }, { fieldManager: GATE_MANAGER, force: true });
  const namespaces = { kro: await testNamespace(kc, 'rollout-kro'), direct: await testNamespace(kc, 'rollout-direct') };
  const deploy = (mode: Mode, gate: string, timeout: number): Promise<{ status: Status }> => {
    const options = { kubeconfig, namespace: namespaces[mode].name, timeout };
    return mode === 'kro' ? app.factory('kro', options).deploy({ name: 'web', gate }) : app.factory('direct', options).deploy({ name: 'web', gate });
  };
  const live = (mode: Mode) => client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: namespaces[mode].name }) as Promise<Observed | undefined>;
  const modes: Mode[] = ['kro', 'direct'];
  try {
    // 1. The first deploy: the node has the label, the pod runs.
    await label(first);
    for (const [mode, result] of (await Promise.all(modes.map(async (m) => [m, await deploy(m, first, 180_000)] as const)))) {
      assert.deepEqual(counts(result.status), { ready: 1, updated: 1, replicas: 1 }, `${mode}: first deploy`);
    }

    // 2. An update no node can run: the new pod stays Pending beside the old ready one. Not ready.
    const stuck = await Promise.all(modes.map((m) => deploy(m, never, 25_000).then((r) => ({ mode: m, result: r, error: undefined }), (error: unknown) => ({ mode: m, result: undefined, error }))));
    for (const { mode, result, error } of stuck) {
      assert.equal(result, undefined, `${mode}: a rollout whose new pod never schedules was reported ready: ${JSON.stringify(result?.status)}`);
      assert.match(String((error as Error).message), /timed out|not ready before the deadline/, `${mode}: ${String(error)}`);
      assert.match(String((error as Error).message), /1 old replicas pending termination/, `${mode}: the error says why`);
      // What the old rule took for a finished rollout: the counts reach spec.replicas with the old pod.
      const status = (await live(mode))?.status ?? {};
      assert.deepEqual([status['replicas'], status['updatedReplicas'], status['readyReplicas'], status['availableReplicas']], [2, 1, 1, 1], `${mode}: live status ${JSON.stringify(status)}`);
    }

    // 3. A good update, but the node gets its label only later: not ready while the new pod is Pending.
    const good = Object.fromEntries(modes.map((m) => [m, track(deploy(m, second, 240_000))])) as Record<Mode, Settled<{ status: Status }>>;
    for (const mode of modes) {
      await eventually(`${mode}: the update observed, its new pod created and Pending`, async () => {
        const d = await live(mode);
        const template = d as { spec?: { template?: { spec?: { nodeSelector?: Record<string, string> } } }; metadata?: { generation?: number } } | undefined;
        const s = d?.status ?? {};
        return template?.spec?.template?.spec?.nodeSelector?.[GATE] === second && s['observedGeneration'] === template.metadata?.generation && s['updatedReplicas'] === 1 && s['replicas'] === 2 ? true : undefined;
      }, 120_000);
    }
    await sleep(5_000);
    for (const mode of modes) assert.equal(good[mode].done, false, `${mode}: reported ready before the new pod is available (error: ${String(good[mode].error)})`);

    await label(second);
    await eventually('both modes to report the good update ready', async () => (good.kro.done && good.direct.done ? true : undefined), 180_000);
    for (const mode of modes) {
      const { value, error } = good[mode];
      assert.equal(error, undefined, `${mode}: ${String(error)}`);
      assert.deepEqual(counts(value!.status), { ready: 1, updated: 1, replicas: 1 }, `${mode}: the status returned with "ready"`);
      const d = await live(mode);
      const status = d?.status ?? {};
      assert.equal(status['observedGeneration'], (d as { metadata?: { generation?: number } }).metadata?.generation, `${mode}: generation observed`);
      assert.deepEqual([status['replicas'], status['updatedReplicas'], status['availableReplicas']], [1, 1, 1], `${mode}: live status ${JSON.stringify(status)}`);
    }
  } finally {
    // The same field manager applying no labels removes the label it owns.
    await client.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: {} } }, { fieldManager: GATE_MANAGER, force: true });
    await namespaces.kro.remove();
    await namespaces.direct.remove();
  }
});
