/**
 * A rollout past its progress deadline fails the deploy at once, in both modes, naming the resource and the
 * controller's message (kubectl rollout status's one terminal verdict); a rollout that is Progressing=False
 * for another reason is waited out. The Deployment's pods select a hostname no node has, so they stay
 * Pending; with `progressDeadlineSeconds: 5` the deployment controller gives up after 5 s.
 *
 * The reverse case: a ResourceQuota of 0 ReplicaSets makes the controller report Progressing=False with
 * reason ReplicaSetCreateError, which it retries. The deploy must keep waiting, and become ready once the
 * quota is lifted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { type } from 'arktype';
import { deployment, kubernetesComposition } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace, track } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const app = kubernetesComposition(
  {
    name: 'rollout-failed',
    apiVersion: 'rollout.typekro.dev/v1alpha1',
    kind: 'RolloutFailed',
    spec: type({ name: 'string', gate: 'string', deadline: 'number.integer' }),
    status: type({ updated: 'number' }),
  },
  (spec) => {
    const web = deployment({
      metadata: { name: spec.name, labels: { app: spec.name } },
      spec: {
        replicas: 1,
        progressDeadlineSeconds: spec.deadline,
        selector: { matchLabels: { app: spec.name } },
        template: {
          metadata: { labels: { app: spec.name } },
          // a hostname no node has keeps the pod Pending
          spec: { nodeSelector: { 'kubernetes.io/hostname': spec.gate }, containers: [{ name: 'main', image: 'nginx' }] },
        },
      },
    });
    return { updated: web.status.updatedReplicas ?? 0 };
  },
);

type Mode = 'kro' | 'direct';
const modes: Mode[] = ['direct', 'kro'];

function deploy(mode: Mode, namespace: string, spec: { name: string; gate: string; deadline: number }, timeout: number): Promise<unknown> {
  const options = { kubeconfig, namespace, timeout };
  return mode === 'kro' ? app.factory('kro', options).deploy(spec) : app.factory('direct', options).deploy(spec);
}

describe('a rollout past its progress deadline', () => {
  for (const mode of modes) {
    it(`fails the deploy at once, naming the Deployment and the controller's message (${mode} mode)`, { timeout: 240_000 }, async () => {
      const namespace = await testNamespace(testKubeConfig(), `rollout-failed-${mode}`);
      try {
        const started = Date.now();
        const error = await deploy(mode, namespace.name, { name: 'web', gate: 'nowhere', deadline: 5 }, 180_000).then(
          () => assert.fail('a rollout past its deadline was reported ready'),
          (e: unknown) => e as Error & { code?: string; resourceId?: string },
        );
        const seconds = (Date.now() - started) / 1000;
        assert.equal(error.code, 'DEPLOY_FAILED', `${error.name}: ${error.message}`);
        assert.equal(error.name, 'DeployFailedError');
        assert.equal(error.resourceId, 'web');
        assert.match(
          error.message,
          new RegExp(`resource "web" \\(Deployment ${namespace.name}/web\\) failed: rollout exceeded its progress deadline \\(spec\\.progressDeadlineSeconds 5s\\): ReplicaSet "web-[a-z0-9]+" has timed out progressing\\.`),
        );
        // 5 s of deadline, the controller's own resync, a kro-mode poll; not the 180 s timeout.
        assert.ok(seconds < 90, `failed after ${seconds.toFixed(0)} s`);
      } finally {
        await namespace.remove();
      }
    });
  }
});

describe('a rollout Progressing=False for another reason (ReplicaSetCreateError) is waited out', () => {
  for (const mode of modes) {
    it(`keeps waiting while a quota refuses the ReplicaSet, ready once it is lifted (${mode} mode)`, { timeout: 300_000 }, async () => {
      const kc = testKubeConfig();
      const client = new KubeClient(kc);
      const core = kc.makeApiClient(CoreV1Api);
      const namespace = await testNamespace(kc, `rollout-quota-${mode}`);
      const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'no-replicasets', namespace: namespace.name }, spec: { hard: { 'count/replicasets.apps': '0' } } };
      try {
        await client.apply(quota as KubernetesObject, { force: true });
        await eventually('the quota controller to count ReplicaSets', async () => {
          const live = await core.readNamespacedResourceQuota({ name: 'no-replicasets', namespace: namespace.name });
          return live.status?.hard?.['count/replicasets.apps'] === '0' ? true : undefined;
        });
        const node = (await core.listNode()).items[0];
        const hostname = node?.metadata?.labels?.['kubernetes.io/hostname'] ?? assert.fail('the test node has no hostname label');
        const running = track(deployWithGate(mode, namespace.name, hostname));
        await eventually('the deployment controller to report Progressing=False (ReplicaSetCreateError)', async () => {
          const live = (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: namespace.name })) as { status?: { conditions?: { type: string; status: string; reason?: string }[] } } | undefined;
          return live?.status?.conditions?.some((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ReplicaSetCreateError') ? true : undefined;
        }, 120_000);
        // kro mode polls its children every few seconds: give it time to (wrongly) fail
        await new Promise((resolve) => setTimeout(resolve, 12_000));
        assert.equal(running.done, false, `the deploy ended while the controller retries: ${String(running.error)}`);
        await core.deleteNamespacedResourceQuota({ name: 'no-replicasets', namespace: namespace.name });
        await eventually('the deploy to finish', async () => (running.done ? true : undefined), 180_000);
        assert.equal(running.error, undefined, String(running.error));
      } finally {
        await namespace.remove();
      }
    });
  }
});

/** A deploy whose pods can run (the gate is the node's own hostname label), with the default deadline. */
function deployWithGate(mode: Mode, namespace: string, hostname: string): Promise<unknown> {
  const spec = { name: 'web', gate: hostname, deadline: 600 };
  return deploy(mode, namespace, spec, 240_000);
}
