/**
 * typeKroRuntimeBootstrap on its own local control plane (it installs cluster-wide things, so it must not
 * share the suite's cluster): Flux's install manifest downloaded from a loopback URL (assembled from the
 * controllers' Go modules), KRO's chart (from KRO's Go module) installed by the real helm-controller from a
 * loopback chart repository, the status reporting Ready, and delete removing what the bootstrap created.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, ApiextensionsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { typeKroRuntimeBootstrap } from '../../src/index.js';
import { ensureClusterBinaries, kroChartDir, startChartRepository, startLocalCluster, type ChartRepository, type LocalCluster } from '../../src/testing/index.js';
import { eventually } from '../support/cluster.js';
import { fluxInstallYaml, serveText } from '../support/flux-install.js';

describe('typeKroRuntimeBootstrap', () => {
  let cluster: LocalCluster;
  let charts: ChartRepository;
  let manifests: Awaited<ReturnType<typeof serveText>>;
  let cacheDir: string;
  const previousCache = process.env.TYPEKRO_CACHE_DIR;

  before(async () => {
    const binaries = await ensureClusterBinaries();
    [cluster, charts, manifests] = await Promise.all([
      startLocalCluster({ name: 'bootstrap', binaries }),
      kroChartDir().then((dir) => startChartRepository({ charts: [dir] })),
      fluxInstallYaml(binaries).then(serveText),
    ]);
    // downloads of this test go to a cache of its own (the binaries were resolved above)
    cacheDir = mkdtempSync(join(tmpdir(), 'typekro-bootstrap-cache-'));
    process.env.TYPEKRO_CACHE_DIR = cacheDir;
  });
  after(async () => {
    if (previousCache === undefined) delete process.env.TYPEKRO_CACHE_DIR;
    else process.env.TYPEKRO_CACHE_DIR = previousCache;
    await Promise.all([cluster?.stop(), charts?.stop(), manifests?.close()]);
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  it('installs Flux and KRO, reports Ready, and removes them on delete', async () => {
    const kroVersion = charts.charts[0]!.version;
    const runtime = typeKroRuntimeBootstrap({ fluxManifests: manifests.url, kroChartRepository: charts.url, kroVersion });
    assert.equal(manifests.requests(), 1);
    assert.equal(readdirSync(join(cacheDir, 'manifests')).length, 1, 'the download is cached');
    typeKroRuntimeBootstrap({ fluxManifests: manifests.url, kroChartRepository: charts.url, kroVersion });
    assert.equal(manifests.requests(), 1, 'a second bootstrap reads the cached manifests');

    // The local cluster applied the same Flux CRDs and namespace at start (its controllers run as host
    // processes). They are not a TypeKro instance's, so the bootstrap takes them over explicitly (`adopt`), as a
    // user would on a cluster whose Flux CRDs another tool installed; without it the deploy is refused naming them.
    const factory = runtime.factory('direct', { kubeconfig: cluster.kubeconfigPath, namespace: 'flux-system', timeout: 300_000, adopt: true });
    const instance = await factory.deploy({});
    assert.equal(instance.status.phase, 'Ready');
    assert.equal(instance.status.kroRevision, kroVersion);

    const apps = cluster.kubeconfig.makeApiClient(AppsV1Api);
    for (const name of ['source-controller', 'helm-controller']) {
      const deployment = await apps.readNamespacedDeployment({ name, namespace: 'flux-system' });
      assert.equal(deployment.status?.readyReplicas, 1, `${name} ready`);
      assert.equal(deployment.metadata?.labels?.['typekro.dev/instance'], 'typekro-runtime');
    }
    const kro = await apps.readNamespacedDeployment({ name: 'kro', namespace: 'kro-system' });
    assert.equal(kro.status?.readyReplicas, 1, 'the chart\'s KRO Deployment is up');
    const args = kro.spec?.template.spec?.containers[0]?.args ?? [];
    assert.ok(args.some((a) => a.includes('CELOmitFunction=true')), `feature gate passed through the values: ${args.join(' ')}`);
    const release = (await cluster.kubeconfig.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'helm.toolkit.fluxcd.io', version: 'v2', namespace: 'flux-system', plural: 'helmreleases', name: 'kro' })) as { spec: { targetNamespace: string } };
    assert.equal(release.spec.targetNamespace, 'kro-system');

    await factory.deleteInstance('typekro-runtime');
    const crds = cluster.kubeconfig.makeApiClient(ApiextensionsV1Api);
    await eventually('the Flux CRDs to be gone', async () => {
      const names = (await crds.listCustomResourceDefinition()).items.map((c) => c.metadata?.name ?? '');
      return names.some((n) => n.endsWith('.toolkit.fluxcd.io')) ? undefined : true;
    }, 120_000);
    assert.ok(existsSync(cacheDir));
  });
});
