/**
 * K3: `simulate` evaluates status and readiness against the object the API server stores, not the manifest
 * sent: quantities canonical (cpu `0.5` reads back `500m`), the kind's defaults filled in (a Service port's
 * `targetPort`, a Deployment's `strategy`). `render` keeps the manifest as sent. The expected values here
 * restate k8s.io/apimachinery's quantity rules and k8s.io/kubernetes' defaults.go (v1.36);
 * stored-form.cluster.test.ts and stored-quantities.cluster.test.ts hold them to a live API server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';
import { canonicalQuantity, deploymentAvailable, findManifest, render, simulate, storedForm } from '../../src/testing/index.js';

describe('canonicalQuantity', () => {
  const cases: readonly (readonly [string | number, string | number, string?])[] = [
    // [input, stored as a lone Quantity, stored in a ResourceList when it differs]
    ['0.5', '500m'],
    [0.5, '500m'],
    [2, '2'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1Ki', '1Ki'],
    ['2048Ki', '2Mi'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['1e4', '10e3'],
    ['1E6', '1E6'],
    ['1e-10', '1e-9', '1e-3'],
    ['100n', '100n', '1m'],
    ['1.0001', '1000100u', '1001m'],
    ['1000E', '1'],
    ['1024Ei', '9223372036854775807'],
    ['-1Ki', '-1Ki'],
    // ParseQuantity keeps small text it judges canonical as written: a sign, leading zeros, `1.200`.
    ['+1', '+1'],
    ['007', '007'],
    ['1.200', '1.200'],
    ['0', '0'],
    ['0.0', '0'],
    ['0Mi', '0'],
    ['abc', 'abc'],
  ];
  for (const [input, quantity, list] of cases) {
    it(`${JSON.stringify(input)} is stored as ${JSON.stringify(quantity)}${list ? `, ${JSON.stringify(list)} in a ResourceList` : ''}`, () => {
      assert.equal(canonicalQuantity(input), quantity);
      assert.equal(canonicalQuantity(input, 'resource-list'), list ?? quantity);
    });
  }
});

describe('storedForm', () => {
  it('fills a Service’s defaults and a stand-in cluster IP', () => {
    const svc = storedForm({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https', protocol: 'UDP' }] } });
    assert.deepEqual(svc.spec, {
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 443, targetPort: 'https', protocol: 'UDP' }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
  });

  it('fills a Deployment’s strategy and its pod template’s defaults, quantities canonical (a number read as its JSON text)', () => {
    const web = storedForm({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '0.5', memory: 512 } }, readinessProbe: { httpGet: { port: 80 } } }] } } },
    });
    const spec = web.spec as Record<string, unknown>;
    assert.deepEqual([spec.replicas, spec.strategy, spec.revisionHistoryLimit, spec.progressDeadlineSeconds], [1, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, 10, 600]);
    const pod = (spec.template as { spec: Record<string, unknown> }).spec;
    assert.deepEqual(pod.containers, [
      {
        name: 'web',
        image: 'nginx',
        resources: { limits: { cpu: '500m', memory: '512' } },
        readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        imagePullPolicy: 'Always',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ]);
    assert.deepEqual([pod.restartPolicy, pod.dnsPolicy, pod.schedulerName, pod.terminationGracePeriodSeconds, pod.securityContext], ['Always', 'ClusterFirst', 'default-scheduler', 30, {}]);
  });

  it('copies a Pod’s limits into its requests (a template’s are not)', () => {
    const pod = storedForm({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { limits: { memory: '1024Mi' } } }] } });
    const container = (pod.spec as { containers: Record<string, unknown>[] }).containers[0]!;
    assert.deepEqual(container.resources, { limits: { memory: '1Gi' }, requests: { memory: '1Gi' } });
    assert.equal(container.imagePullPolicy, 'IfNotPresent');
    assert.equal((pod.spec as Record<string, unknown>).serviceAccountName, 'default');
  });

  it('fills a Job’s defaults, its generated selector and labels, and a StatefulSet’s', () => {
    const job = storedForm({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { metadata: { labels: { app: 'm' } }, spec: { restartPolicy: 'Never', containers: [] } } } });
    const spec = job.spec as Record<string, unknown>;
    assert.deepEqual([spec.completions, spec.parallelism, spec.backoffLimit, spec.completionMode, spec.suspend, spec.podReplacementPolicy, spec.manualSelector], [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed', false]);
    const uid = '00000000-0000-4000-8000-000000000001';
    // With server-side apply the Job's labels are copied from its template after the generated ones are added.
    assert.deepEqual((job.metadata as Record<string, unknown>).labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'migrate', 'controller-uid': uid, 'job-name': 'migrate', app: 'm' });
    assert.deepEqual(spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    assert.deepEqual((spec.template as { metadata: unknown }).metadata, { labels: { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'migrate', 'controller-uid': uid, 'job-name': 'migrate', app: 'm' } });
    const db = storedForm({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10240Mi' } } } }] } });
    const set = db.spec as Record<string, unknown>;
    assert.deepEqual([set.replicas, set.podManagementPolicy, set.updateStrategy, set.persistentVolumeClaimRetentionPolicy, set.revisionHistoryLimit], [1, 'OrderedReady', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, { whenDeleted: 'Retain', whenScaled: 'Retain' }, 10]);
    assert.deepEqual(set.volumeClaimTemplates, [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }]);
  });

  it('leaves the input as it was, and an unmodelled kind as applied', () => {
    const manifest = { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }] } };
    storedForm(manifest);
    assert.deepEqual(manifest, { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }] } });
    assert.deepEqual(storedForm({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { cpu: 0.5 } }), { apiVersion: 'example.com/v1', kind: 'Widget', spec: { cpu: 0.5 } });
  });

  it('pull policy by tag: Always for latest or none, IfNotPresent for another tag or a digest', () => {
    const policy = (image: string) => ((storedForm({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'c', image }] } }).spec as { containers: [{ imagePullPolicy: string }] }).containers[0].imagePullPolicy);
    assert.deepEqual(
      ['nginx', 'nginx:latest', 'nginx:1.27', 'localhost:5000/app', 'localhost:5000/app:v1', `nginx@sha256:${'a'.repeat(64)}`, `nginx:latest@sha256:${'a'.repeat(64)}`].map(policy),
      ['Always', 'Always', 'IfNotPresent', 'Always', 'IfNotPresent', 'IfNotPresent', 'Always'],
    );
  });
});

describe('simulate reads the stored form (K3)', () => {
  const app = kubernetesComposition(
    {
      name: 'stored-app',
      kind: 'StoredApp',
      spec: type({ cpu: 'string' }),
      status: type({ cpu: 'string', targetPort: 'string', type: 'string', pullPolicy: 'string' }),
    },
    (spec) => {
      const web = Deployment({ name: 'web', image: 'nginx', resources: { limits: { cpu: spec.cpu } } });
      const svc = Service({ name: 'web', selector: { app: 'web' }, ports: [{ port: 8080 }] });
      return {
        cpu: web.spec.template.spec.containers[0]!.resources!.limits!.cpu!,
        targetPort: `${svc.spec.ports![0]!.targetPort}`,
        type: svc.spec.type!,
        pullPolicy: web.spec.template.spec.containers[0]!.imagePullPolicy!,
      };
    },
  );

  it('status reads what the cluster stores, in both the compiled CEL and the JavaScript cross-check', () => {
    const result = simulate(app, { cpu: '0.5' }, { observed: { web: deploymentAvailable(), svc: {} } });
    assert.deepEqual(result.status, { cpu: '500m', targetPort: '8080', type: 'ClusterIP', pullPolicy: 'Always' });
  });

  it('a partial observed object is stored too: its quantities canonical, its defaults filled', () => {
    const result = simulate(app, { cpu: '1' }, { observed: { web: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '1000m' } } }] } } } }, svc: {} } });
    assert.equal(result.status.cpu, '1');
    assert.equal(result.status.pullPolicy, 'IfNotPresent');
  });

  it('render shows the manifest as sent', () => {
    const deployment = findManifest(render(app, { cpu: '0.5' }), 'web') as { spec: { template: { spec: { containers: [{ resources: unknown; imagePullPolicy?: string }] } } } };
    assert.deepEqual(deployment.spec.template.spec.containers[0].resources, { limits: { cpu: '0.5' } });
    assert.equal(deployment.spec.template.spec.containers[0].imagePullPolicy, undefined);
  });
});

it('storedForm writes an observed claim\'s status.capacity in the form the API server reports', () => {
  const claim = storedForm({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1024Mi' } } }, status: { phase: 'Bound', capacity: { storage: '1024Mi' } } });
  assert.deepEqual((claim.status as { capacity: unknown }).capacity, { storage: '1Gi' });
  assert.deepEqual((claim.spec as { resources: unknown }).resources, { requests: { storage: '1Gi' } });
});
