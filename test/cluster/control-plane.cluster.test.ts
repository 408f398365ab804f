import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { eventually, testKubeConfig, testNamespace } from '../support/cluster.js';

describe('local control plane', () => {
  let kc: KubeConfig;
  let ns: { name: string; remove: () => Promise<void> };

  before(async () => {
    kc = testKubeConfig();
    ns = await testNamespace(kc, 'cp');
  });
  after(async () => ns?.remove());

  it('reports Kubernetes v1.36.x', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    assert.match(version.gitVersion, /^v1\.36\.\d+$/);
    assert.equal(version.minor, '36');
  });

  it('has one Ready fake node', async () => {
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    assert.deepEqual(nodes.items.map((n) => n.metadata?.name), ['kwok-node-0']);
    const ready = nodes.items[0]?.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'True');
  });

  it('runs a Deployment to 2 ready replicas, and deleting it leaves no Pods', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const labels = { app: 'web' };
    await apps.createNamespacedDeployment({
      namespace: ns.name,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      },
    });
    const ready = await eventually('readyReplicas 2', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns.name });
      return d.status?.readyReplicas === 2 ? d : undefined;
    });
    assert.equal(ready.status?.availableReplicas, 2);
    const pods = await core.listNamespacedPod({ namespace: ns.name, labelSelector: 'app=web' });
    assert.equal(pods.items.length, 2);
    for (const pod of pods.items) {
      assert.equal(pod.status?.phase, 'Running');
      assert.equal(pod.spec?.nodeName, 'kwok-node-0');
    }

    await apps.deleteNamespacedDeployment({ name: 'web', namespace: ns.name, body: { propagationPolicy: 'Foreground' } });
    await eventually('no pods left', async () => {
      const left = await core.listNamespacedPod({ namespace: ns.name });
      return left.items.length === 0 ? true : undefined;
    });
  });
});
