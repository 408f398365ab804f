/**
 * What TypeKro predicts the cluster stores for a quantity, against what a real API server stores. A
 * manifest stands in for its live object offline (render) and in a plan (objects not created yet); the
 * cluster stores every `resource.Quantity` in its canonical text (cpu `0.5` is `500m`), so a stand-in's
 * quantities are read canonical (runtime/engine/stored-quantities.ts, util/quantity.ts).
 *
 * 1. A composition reads back quantities it set (fixtures/quantities.ts): the ConfigMap offline render
 *    predicts is the one a direct deploy writes, and its values are the live Deployment's quantities.
 * 2. Every built-in kind with quantities that stored-quantities.ts knows, sent with server-side dry run:
 *    each leaf of the manifest as the prediction has it is the leaf the API server returns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { storedQuantities } from '../../src/runtime/engine/stored-quantities.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { findManifest, render } from '../../src/testing/index.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import app, { QUANTITIES } from './fixtures/quantities.js';

const kc = testKubeConfig();
const client = new KubeClient(kc);

type Fields = Record<string, unknown>;

/** Every leaf (a value that is no object or list) by its path. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) for (const [p, v] of leaves(item, path ? `${path}.${key}` : key)) out.set(p, v);
  } else out.set(path, value);
  return out;
}

/** The leaves of `manifest` where the prediction and the API server's stored object differ. */
function disagreements(manifest: Fields, stored: Fields): string[] {
  const predicted = leaves(storedQuantities(manifest));
  const actual = leaves(stored);
  return [...leaves(manifest)].flatMap(([path, sent]) =>
    Object.is(predicted.get(path), actual.get(path)) ? [] : [`${path}: sent ${JSON.stringify(sent)}, TypeKro predicts ${JSON.stringify(predicted.get(path))}, API server ${JSON.stringify(actual.get(path))}`],
  );
}

const SOME = ['0.5', 0.5, '1024Mi', '1.5Gi', '1e3', 100, '0.1Gi', '100n', '1000m'];
/**
 * Divisors the API server accepts (cpu: 1m or 1; memory: 1, a power of 1000 or of 1024), most written another
 * way. Its validation compares the canonical text, so `1e-3` and `001` are refused there.
 */
const CPU_DIVISORS = ['0.001', '1000m', 1, '1.0', '1m', 0.001, '1', '1000m', 1];
const MEMORY_DIVISORS = ['1024Ki', '1000k', 1, '1Gi', '1024Mi', '1Ki', '1M', '1048576Ki', '1000000k'];

describe('quantities: what TypeKro predicts the cluster stores, against the API server', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => void (ns = await testNamespace(kc, 'quantities-predicted')));
  after(async () => ns?.remove());

  it('offline render reads back each quantity as the cluster stores it: the ConfigMap it renders is the one a direct deploy writes', async () => {
    const predicted = findManifest(render(app, { name: 'q' }, { namespace: ns.name }), 'seen').data as Record<string, string>;
    await app.factory('direct', { kubeConfig: kc, namespace: ns.name, timeout: 120_000 }).deploy({ name: 'q' });
    const seen = (await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'q-seen', namespace: ns.name })) as unknown as { data: Record<string, string> };
    const web = (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'q', namespace: ns.name })) as unknown as {
      spec: { template: { spec: { containers: { resources: { requests: { cpu: string } } }[]; volumes: { emptyDir: { sizeLimit: string } }[] } } };
    };
    const pod = web.spec.template.spec;
    const stored = Object.fromEntries(QUANTITIES.flatMap((_, i) => [[`c${i}`, pod.containers[i]!.resources.requests.cpu], [`v${i}`, pod.volumes[i]!.emptyDir.sizeLimit]]));
    assert.deepEqual(seen.data, stored, 'a direct deploy reads the live Deployment');
    assert.deepEqual(predicted, stored, 'offline render predicts the same');
  });

  const kinds: readonly Fields[] = [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod' },
      spec: {
        containers: SOME.map((q, i) => ({
          name: `c${i}`,
          image: 'nginx',
          resources: { requests: { cpu: q, memory: q }, limits: { cpu: q, memory: q } },
          env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: CPU_DIVISORS[i] } } }],
        })),
        volumes: [
          { name: 'info', downwardAPI: { items: MEMORY_DIVISORS.map((q, i) => ({ path: `p${i}`, resourceFieldRef: { containerName: `c${i}`, resource: 'limits.memory', divisor: q } })) } },
          { name: 'projected', projected: { sources: [{ downwardAPI: { items: CPU_DIVISORS.map((q, i) => ({ path: `p${i}`, resourceFieldRef: { containerName: `c${i}`, resource: 'requests.cpu', divisor: q } })) } }] } },
          { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1.5Gi' }, limits: { storage: 2147483648 } } } } } },
          ...SOME.map((q, i) => ({ name: `e${i}`, emptyDir: { sizeLimit: q } })),
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'sts' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'sts' } },
        template: { metadata: { labels: { app: 'sts' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: 0.25, memory: '0.5Gi' } } }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }],
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cron' },
      spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', resources: { limits: { cpu: '1500m', memory: '2048Ki' } } }] } } } } },
    },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'claim' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0.5Gi' } } } },
    { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-quantities' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1024Mi' }, hostPath: { path: '/tmp/pv' } } },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'quota' },
      spec: { hard: { cpu: '0.5', memory: '1024Mi', 'requests.cpu': 1.5, 'limits.cpu': '1e3', 'requests.storage': '0.1Gi', 'limits.memory': 100, 'requests.ephemeral-storage': '1000m', pods: '10' } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits' },
      spec: { limits: [{ type: 'Container', max: { cpu: '2', memory: '1024Mi' }, default: { cpu: 0.5, memory: '0.5Gi' }, defaultRequest: { cpu: '100m', memory: '1e6' }, maxLimitRequestRatio: { cpu: '10.0' } }] },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'hpa' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 3,
        behavior: { scaleUp: { tolerance: '0.05' }, scaleDown: { tolerance: 0.1 } },
        metrics: [
          ...SOME.map((q, i) => ({ type: 'Pods', pods: { metric: { name: `m${i}` }, target: { type: 'AverageValue', averageValue: q } } })),
          { type: 'Object', object: { describedObject: { apiVersion: 'v1', kind: 'Service', name: 's' }, metric: { name: 'hits' }, target: { type: 'Value', value: '1.5k' } } },
          { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: 0.5 } } },
        ],
      },
    },
    { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'quantities' }, handler: 'runc', overhead: { podFixed: { cpu: 0.25, memory: '1024Ki' } } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'CSIStorageCapacity', metadata: { name: 'capacity' }, storageClassName: 'standard', capacity: '1024Mi', maximumVolumeSize: '0.5Gi' },
  ];
  for (const manifest of kinds) {
    it(`${String(manifest.apiVersion)} ${String(manifest.kind)}: every quantity as the API server stores it`, async () => {
      const cluster = ['PersistentVolume', 'RuntimeClass'].includes(String(manifest.kind));
      const sent = { ...manifest, metadata: { ...(manifest.metadata as Fields), ...(cluster ? {} : { namespace: ns.name }) } };
      const stored = (await client.apply(sent as KubernetesObject, { dryRun: true, force: true })) as unknown as Fields;
      assert.deepEqual(disagreements(sent, stored), []);
    });
  }
});
