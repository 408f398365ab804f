/**
 * Bad Helm input on the real Flux controllers: a chart the repository does not have, a repository that
 * does not exist, values the chart's schema rejects, a chart whose template does not render. Each deploy
 * fails with an error that names the resource and carries Flux's reason; nothing is left behind unreported
 * (the error lists what was applied, or rollbackOnFailure removes it).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { DirectDeployError, DirectTimeoutError } from '../../src/index.js';
import { startChartRepository, type ChartRepository } from '../../src/testing/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { charted, chartDir } from './compositions.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('bad Helm input', () => {
  let kc: KubeConfig;
  let repo: ChartRepository;
  const namespaces: { remove: () => Promise<void> }[] = [];
  before(async () => {
    kc = testKubeConfig();
    repo = await startChartRepository({ charts: [chartDir('hello'), chartDir('broken-template')] });
  });
  after(async () => {
    await Promise.all(namespaces.map((ns) => ns.remove().catch(() => undefined)));
    await repo?.stop();
  });

  const factoryIn = async (prefix: string, timeout: number, rollbackOnFailure = false) => {
    const ns = await testNamespace(kc, prefix);
    namespaces.push(ns);
    return { ns: ns.name, factory: charted.factory('direct', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout, rollbackOnFailure }) };
  };
  const releases = async (namespace: string): Promise<number> => {
    const list = (await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({ group: 'helm.toolkit.fluxcd.io', version: 'v2', namespace, plural: 'helmreleases' })) as { items: unknown[] };
    return list.items.length;
  };

  it('a chart the repository does not have: the release is named with the source error', async () => {
    const { factory } = await factoryIn('helm-nochart', 30_000);
    await assert.rejects(factory.deploy({ repositoryUrl: repo.url, message: 'x', replicas: 1, chart: 'no-such-chart' }), (error: Error) => {
      // Flux keeps looking for the chart (the index may be updated), so this ends at the deadline, with the reason
      assert.ok(error instanceof DirectTimeoutError, String(error));
      assert.match(error.message, /resource "hello" \(HelmRelease .*\/hello\) not ready before the deadline: chart no-such-chart@0\.1\.0 from HelmRepository charts: Ready=False \(SourceNotReady\)/);
      assert.match(error.message, /no chart name found/);
      assert.match(error.message, /applied before the failure and left in the cluster: .*HelmRelease .*\/hello/);
      return true;
    });
  });

  it('a repository that does not exist: the HelmRepository is named with the fetch error', async () => {
    const { factory } = await factoryIn('helm-norepo', 25_000);
    const url = `http://127.0.0.1:${await closedPort()}`;
    await assert.rejects(factory.deploy({ repositoryUrl: url, message: 'x', replicas: 1 }), (error: Error) => {
      assert.ok(error instanceof DirectTimeoutError, String(error));
      assert.match(error.message, /resource "charts" \(HelmRepository .*\/charts\) not ready before the deadline/);
      assert.match(error.message, /connection refused/);
      return true;
    });
  });

  it('values the chart schema rejects: the deploy fails at once with Helm\'s message', async () => {
    const { factory } = await factoryIn('helm-values', 120_000);
    await assert.rejects(factory.deploy({ repositoryUrl: repo.url, message: 'x', replicas: -1 }), (error: Error) => {
      assert.ok(error instanceof DirectDeployError && !(error instanceof DirectTimeoutError), `failed for good, not by the deadline: ${error.message}`);
      assert.match(error.message, /resource "hello" \(HelmRelease [^)]+\) failed: chart hello@0\.1\.0 from HelmRepository charts: InstallFailed: Helm install failed/);
      assert.match(error.message, /at '\/replicas': minimum: got -1, want 0/);
      assert.match(error.message, /left in the cluster: .*HelmRelease .*\/hello/);
      return true;
    });
  });

  it('a template that does not render, with rollbackOnFailure: named, and nothing left behind', async () => {
    const { ns, factory } = await factoryIn('helm-template', 120_000, true);
    await assert.rejects(factory.deploy({ repositoryUrl: repo.url, message: 'x', replicas: 1, chart: 'broken-template' }), (error: Error) => {
      assert.ok(!(error instanceof DirectTimeoutError), `failed for good, not by the deadline: ${error.message}`);
      assert.match(error.message, /resource "hello" \(HelmRelease [^)]+\) failed: chart broken-template@0\.1\.0 from HelmRepository charts: InstallFailed: .*templates\/broken\.yaml/);
      assert.match(error.message, /rolled back: deleted 3 object\(s\)/);
      return true;
    });
    assert.equal(await releases(ns), 0);
  });

  it('kro mode: KRO only waits, but the failed install ends the deploy at once, naming the release and carrying Helm\'s message', async () => {
    const ns = await testNamespace(kc, 'helm-kro-values');
    namespaces.push(ns);
    const factory = charted.factory('kro', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 150_000 });
    const started = Date.now();
    await assert.rejects(factory.deploy({ repositoryUrl: repo.url, message: 'x', replicas: -1 }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'DEPLOY_FAILED', error.message);
      assert.match(error.message, /^Charted .*\/charted cannot become ready: resource "hello" \(HelmRelease .*\/hello\) failed: chart hello@0\.1\.0 from HelmRepository charts: InstallFailed: .*at '\/replicas': minimum: got -1, want 0/s);
      return true;
    });
    // the same verdict as direct mode's, not the deadline
    assert.ok(Date.now() - started < 120_000, `failed after ${Math.round((Date.now() - started) / 1000)} s`);
    await factory.deleteInstance('charted');
  });
});
