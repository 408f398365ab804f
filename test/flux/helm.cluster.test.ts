/**
 * A composition with a HelmRepository and a HelmRelease, deployed in direct mode and in kro mode on the
 * local control plane (Flux's real source-controller and helm-controller install the chart from a chart
 * repository served on loopback): the release Ready, the chart's objects present with the values from the
 * spec and from another resource, upgrades on spec change, and removal on delete.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { startChartRepository, type ChartRepository } from '../../src/testing/index.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace, gone } from '../support/cluster.js';
import { charted, chartDir } from './compositions.js';

describe('HelmRelease in a composition', () => {
  let kc: KubeConfig;
  let repo: ChartRepository;
  const namespaces: { remove: () => Promise<void> }[] = [];
  before(async () => {
    kc = testKubeConfig();
    repo = await startChartRepository({ charts: [chartDir('hello')] });
  });
  after(async () => {
    await Promise.all(namespaces.map((ns) => ns.remove().catch(() => undefined)));
    await repo?.stop();
  });

  const objectsOf = async (namespace: string) => {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const configMap = await core.readNamespacedConfigMap({ name: 'hello-hello', namespace });
    const deployment = await apps.readNamespacedDeployment({ name: 'hello-hello', namespace });
    return { message: configMap.data?.['message'], replicas: deployment.spec?.replicas };
  };

  it('direct mode: installs, upgrades on a spec change, uninstalls on delete', async () => {
    const ns = await testNamespace(kc, 'helm-direct');
    namespaces.push(ns);
    const factory = charted.factory('direct', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 180_000 });
    const first = await factory.deploy({ repositoryUrl: repo.url, message: 'hello from the spec', replicas: 2 });
    assert.equal(first.status.ready, true);
    assert.equal(first.status.revision, '0.1.0');
    assert.deepEqual(await objectsOf(ns.name), { message: 'hello from the spec (settings)', replicas: 2 });

    const second = await factory.deploy({ repositoryUrl: repo.url, message: 'changed', replicas: 1 });
    assert.equal(second.status.ready, true);
    assert.deepEqual(await objectsOf(ns.name), { message: 'changed (settings)', replicas: 1 }, 'deploy returns once Flux has upgraded the release to the new values');

    await factory.deleteInstance('charted');
    const core = kc.makeApiClient(CoreV1Api);
    await eventually('the chart objects to be uninstalled', () => gone(() => core.readNamespacedConfigMap({ name: 'hello-hello', namespace: ns.name })), 60_000);
  });

  it('kro mode: the RGD waits for Flux and the instance becomes Ready with the release', async () => {
    const ns = await testNamespace(kc, 'helm-kro');
    namespaces.push(ns);
    const factory = charted.factory('kro', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 180_000 });
    const instance = await factory.deploy({ repositoryUrl: repo.url, message: 'through kro', replicas: 1 });
    assert.equal(instance.status.ready, true);
    assert.equal(instance.status.revision, '0.1.0');
    assert.deepEqual(await objectsOf(ns.name), { message: 'through kro (settings)', replicas: 1 });
    const release = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'helm.toolkit.fluxcd.io', version: 'v2', namespace: ns.name, plural: 'helmreleases', name: 'hello' })) as { metadata: { labels?: Record<string, string> } };
    assert.ok(release.metadata.labels?.['kro.run/instance-name'] === 'charted' || Object.keys(release.metadata.labels ?? {}).some((l) => l.startsWith('kro.run/')), 'the HelmRelease is a KRO child');

    await factory.deleteInstance('charted');
    const core = kc.makeApiClient(CoreV1Api);
    await eventually('the chart objects to be uninstalled', () => gone(() => core.readNamespacedConfigMap({ name: 'hello-hello', namespace: ns.name })), 90_000);
  });
});
