/**
 * The AbortSignal given to a KRO-mode `deploy()` itself (not only the factory's) stops it: aborted while it
 * waits for an instance that cannot become ready (its pod selects a hostname no node has), the deploy
 * rejects at once with a KroAbortedError saying what stays applied; aborted before it starts, nothing is
 * applied, the RGD included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { deployment, kubernetesComposition } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace, track } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const app = kubernetesComposition(
  { name: 'kro-abort', apiVersion: 'abort.typekro.dev/v1alpha1', kind: 'KroAbort', spec: type({ name: 'string' }), status: type({ updated: 'number' }) },
  (spec) => {
    const web = deployment({
      metadata: { name: spec.name, labels: { app: spec.name } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: spec.name } },
        template: { metadata: { labels: { app: spec.name } }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'nowhere' }, containers: [{ name: 'main', image: 'nginx' }] } },
      },
    });
    return { updated: web.status.updatedReplicas ?? 0 };
  },
);

type Failure = Error & { code?: string };

describe("kro mode: deploy()'s own abortSignal", () => {
  it('stops the wait for readiness at once, saying what stays applied', { timeout: 240_000 }, async () => {
    const namespace = await testNamespace(testKubeConfig(), 'kro-abort');
    const messages: string[] = [];
    try {
      const factory = app.factory('kro', { kubeconfig, namespace: namespace.name, timeout: 180_000, progressCallback: (event) => void messages.push(event.message) });
      const controller = new AbortController();
      const running = track(factory.deploy({ name: 'web' }, { abortSignal: controller.signal }));
      await eventually('the instance to be applied', async () => (messages.some((m) => m.startsWith('applied KroAbort')) ? true : undefined), 120_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      assert.equal(running.done, false, `the deploy ended before the abort: ${String(running.error)}`);
      const aborted = Date.now();
      controller.abort();
      await eventually('the deploy to stop', async () => (running.done ? true : undefined), 10_000);
      const error = running.error as Failure;
      assert.ok(Date.now() - aborted < 5_000, `stopped ${Date.now() - aborted} ms after the abort`);
      assert.equal(error?.code, 'ABORTED', String(error));
      assert.equal(error.name, 'KroAbortedError');
      assert.match(error.message, /^deploy of instance "web" \(kro mode\) aborted while waiting for it to become ready; ResourceGraphDefinition kro-abort and KroAbort .*\/web stay applied and KRO keeps reconciling the instance/);
    } finally {
      await namespace.remove();
    }
  });

  it('aborted before it starts: nothing is applied, the RGD included', { timeout: 120_000 }, async () => {
    const namespace = await testNamespace(testKubeConfig(), 'kro-abort-early');
    const client = new KubeClient(testKubeConfig());
    const rgd = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'kro-abort-early' };
    try {
      const early = kubernetesComposition(
        { name: 'kro-abort-early', apiVersion: 'abort.typekro.dev/v1alpha1', kind: 'KroAbortEarly', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
        (spec) => ({ name: spec.name }),
      );
      const error = await early
        .factory('kro', { kubeconfig, namespace: namespace.name, timeout: 60_000 })
        .deploy({ name: 'web' }, { abortSignal: AbortSignal.abort() })
        .then(() => assert.fail('an aborted deploy succeeded'), (e: unknown) => e as Failure);
      assert.equal(error.code, 'ABORTED', String(error));
      assert.equal(error.message, 'deploy of instance "web" (kro mode) aborted before anything was applied');
      assert.equal(await client.get(rgd), undefined, 'the RGD was applied');
    } finally {
      await namespace.remove();
    }
  });
});
