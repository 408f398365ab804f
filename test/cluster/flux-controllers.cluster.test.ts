import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { pidsFile } from '../../src/testing/cluster/watchdog.js';
import { FLUX_NAMESPACE, startChartRepository, type ChartRepository } from '../../src/testing/index.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

// Flux's source-controller and helm-controller run in the shared test cluster (startLocalCluster's `flux` default).

const CRDS = ['helmrepositories.source.toolkit.fluxcd.io', 'helmcharts.source.toolkit.fluxcd.io', 'helmreleases.helm.toolkit.fluxcd.io'];

interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

function conditions(object: unknown): Condition[] {
  return (object as { status?: { conditions?: Condition[] } }).status?.conditions ?? [];
}

/** The `--flag=value` a running component of the shared cluster was started with (its pid is in the cluster dir). */
function componentFlag(component: string, flag: string): string {
  const records = JSON.parse(readFileSync(pidsFile(dirname(testKubeConfigPath())), 'utf8')) as { name: string; pid: number }[];
  const record = records.find((r) => r.name === component);
  assert.ok(record, `${component} is not a component of the test cluster: ${records.map((r) => r.name).join(', ')}`);
  const args = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0');
  const value = args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);
  assert.ok(value, `${component} has no --${flag}: ${args.join(' ')}`);
  return value;
}

describe('Flux controllers in the local cluster', () => {
  let kc: KubeConfig;
  let ns: { name: string; remove: () => Promise<void> };
  let repo: ChartRepository;

  before(async () => {
    kc = testKubeConfig();
    // the fixture chart: a ConfigMap and a Deployment (whose pods kwok makes Ready, so Helm's wait passes)
    const hello = fileURLToPath(new URL('../fixtures/charts/hello', import.meta.url));
    [ns, repo] = await Promise.all([testNamespace(kc, 'flux'), startChartRepository({ charts: [hello] })]);
  });
  after(async () => {
    await ns?.remove();
    await repo?.stop();
  });

  it('serves the Flux CRDs and has the flux-system namespace', async () => {
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    for (const name of CRDS) {
      const crd = await ext.readCustomResourceDefinition({ name });
      assert.equal(conditions(crd).find((c) => c.type === 'Established')?.status, 'True', name);
    }
    await kc.makeApiClient(CoreV1Api).readNamespace({ name: FLUX_NAMESPACE });
  });

  it('runs source-controller and helm-controller, both healthy', async () => {
    for (const component of ['source-controller', 'helm-controller']) {
      const health = componentFlag(component, 'health-addr');
      assert.match(health, /^127\.0\.0\.1:\d+$/);
      for (const probe of ['healthz', 'readyz']) {
        const res = await fetch(`http://${health}/${probe}`);
        assert.equal(res.status, 200, `${component} /${probe}`);
      }
    }
    assert.match(componentFlag('source-controller', 'storage-adv-addr'), /^127\.0\.0\.1:\d+$/);
  });

  it('installs a chart from a loopback HelmRepository through a HelmRelease', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const namespace = ns.name;
    await custom.createNamespacedCustomObject({
      group: 'source.toolkit.fluxcd.io',
      version: 'v1',
      namespace,
      plural: 'helmrepositories',
      body: {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'HelmRepository',
        metadata: { name: 'local' },
        spec: { url: repo.url, interval: '10m' },
      },
    });
    const ready = async (group: string, plural: string, name: string): Promise<true | undefined> => {
      const object: unknown = await custom.getNamespacedCustomObject({ group, version: plural === 'helmreleases' ? 'v2' : 'v1', namespace, plural, name });
      const condition = conditions(object).find((c) => c.type === 'Ready');
      if (condition?.status === 'True') return true;
      throw new Error(`${plural}/${name} Ready=${condition?.status} ${condition?.reason}: ${condition?.message}`);
    };
    await eventually('HelmRepository Ready', () => ready('source.toolkit.fluxcd.io', 'helmrepositories', 'local'), 90_000);

    await custom.createNamespacedCustomObject({
      group: 'helm.toolkit.fluxcd.io',
      version: 'v2',
      namespace,
      plural: 'helmreleases',
      body: {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'greeter' },
        spec: {
          interval: '10m',
          chart: { spec: { chart: 'hello', version: '0.1.0', sourceRef: { kind: 'HelmRepository', name: 'local' } } },
          values: { message: 'from-flux' },
        },
      },
    });
    await eventually('HelmRelease Ready', () => ready('helm.toolkit.fluxcd.io', 'helmreleases', 'greeter'), 120_000);
    assert.ok(repo.requests.includes('/index.yaml') && repo.requests.includes('/hello-0.1.0.tgz'), String(repo.requests));
    const cm = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'greeter-hello', namespace });
    assert.equal(cm.data?.message, 'from-flux');
    assert.equal(cm.metadata?.labels?.['app.kubernetes.io/managed-by'], 'Helm');
  });
});
