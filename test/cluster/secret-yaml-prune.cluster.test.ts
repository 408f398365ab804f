/**
 * A Secret read from a YAML file (`yamlFile`) is deployed like one a factory made: its `stringData` goes out
 * as `data` (src/composition/secret-wire.ts), so a key removed from the file is removed from the live Secret
 * on redeploy, in both modes (the factory case: secret-prune.cluster.test.ts).
 *
 * A Helm chart's Secret is applied by Flux's helm-controller, not by TypeKro, and keeps the `stringData`
 * problem: helm-controller v1.6.3 applies with Helm 4's server-side apply, whose manager owns `stringData.KEY`,
 * never `data.KEY`, so a key dropped from the chart stays with its value (Helm 3's three-way merge also left
 * it: helm/helm#10010). Documented in docs/guide/real-cluster.md; TypeKro does not rewrite charts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { helmRelease, kubernetesComposition, yamlFile } from '../../src/index.js';
import { startChartRepository } from '../../src/testing/index.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();
const core = () => testKubeConfig().makeApiClient(CoreV1Api);
const dir = mkdtempSync(join(tmpdir(), 'secret-yaml-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The composition as defined from `file` now: the file is read when the composition is defined. */
function defineFrom(file: string) {
  return kubernetesComposition(
    { name: 'secret-yaml', apiVersion: 'prune.typekro.dev/v1alpha1', kind: 'SecretYaml', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
    () => {
      const files = yamlFile(file);
      return { name: files.resource<V1Secret>('Secret', 'filed').metadata.name! };
    },
  );
}

function secretYaml(stringData: Record<string, string>): string {
  const keys = Object.entries(stringData).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: filed', 'data:', '  GIVEN: Z2l2ZW4=', 'stringData:', ...keys, ''].join('\n');
}

async function decoded(namespace: string, name: string): Promise<Record<string, string>> {
  const secret = await core().readNamespacedSecret({ name, namespace });
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

for (const mode of ['direct', 'kro'] as const) {
  test(`${mode}: a key removed from a YAML file's stringData is removed from the live Secret`, { timeout: 300_000 }, async () => {
    const ns = await testNamespace(testKubeConfig(), `secret-yaml-${mode}`);
    const file = join(dir, `${mode}.yaml`);
    const options = { kubeconfig, namespace: ns.name, timeout: 120_000 };
    const deploy = async () => {
      const composition = defineFrom(file);
      const factory = mode === 'kro' ? composition.factory('kro', options) : composition.factory('direct', options);
      await factory.deploy({ name: 'app' }, { name: 'app' });
    };
    writeFileSync(file, secretYaml({ USER: 'me', PASSWORD: 'hunter2' }));
    await deploy();
    assert.deepEqual(await decoded(ns.name, 'filed'), { GIVEN: 'given', USER: 'me', PASSWORD: 'hunter2' });
    writeFileSync(file, secretYaml({ USER: 'you' }));
    await deploy();
    // KRO reconciles the instance against the new graph on its own schedule.
    await eventually('the removed key gone', async () => {
      assert.deepEqual(await decoded(ns.name, 'filed'), { GIVEN: 'given', USER: 'you' });
      return true;
    }, 90_000);
    await ns.remove();
  });
}

test('a Helm chart\'s Secret (applied by Flux\'s helm-controller) keeps a key removed from its stringData', { timeout: 300_000 }, async () => {
  const chart = fileURLToPath(new URL('../fixtures/charts/secret-keys', import.meta.url));
  const repo = await startChartRepository({ charts: [chart] });
  const ns = await testNamespace(testKubeConfig(), 'secret-helm');
  try {
    const chartSecret = kubernetesComposition(
      { name: 'secret-helm', apiVersion: 'prune.typekro.dev/v1alpha1', kind: 'SecretHelm', spec: type({ user: 'string', extra: 'boolean' }), status: type({ ready: 'boolean' }) },
      (spec) => {
        const release = helmRelease({ name: 'creds', chart: { repository: repo.url, name: 'secret-keys', version: '0.1.0' }, values: { user: spec.user, extra: spec.extra } });
        return { ready: release.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false };
      },
    );
    const factory = chartSecret.factory('direct', { kubeconfig, namespace: ns.name, timeout: 180_000 });
    await factory.deploy({ user: 'me', extra: true }, { name: 'helm' });
    await eventually('the release installed', async () => {
      assert.deepEqual(await decoded(ns.name, 'creds-keys'), { USER: 'me', EXTRA: 'revoked-later' });
      return true;
    }, 120_000);
    await factory.deploy({ user: 'you', extra: false }, { name: 'helm' });
    const after = await eventually('the release upgraded', async () => {
      const data = await decoded(ns.name, 'creds-keys');
      return data['USER'] === 'you' ? data : undefined;
    }, 120_000);
    // What Helm does, not TypeKro: the key stays with its value (Helm 4 applies server-side, owning stringData.EXTRA only).
    assert.equal(after['EXTRA'], 'revoked-later', `Helm no longer keeps the key (${JSON.stringify(Object.keys(after))}): update docs/guide/real-cluster.md`);
  } finally {
    await ns.remove();
    await repo.stop();
  }
});
