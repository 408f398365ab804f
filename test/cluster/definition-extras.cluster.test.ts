/**
 * additionalPrinterColumns reach the CRD KRO generates, and a composition without status deploys in both
 * modes (issue 12, point 7).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const settings = kubernetesComposition(
  {
    name: 'extras-settings',
    apiVersion: 'extras.typekro.dev/v1alpha1',
    kind: 'ExtrasSettings',
    spec: type({ level: 'string' }),
    additionalPrinterColumns: [
      { name: 'Level', type: 'string', jsonPath: '.spec.level' },
      { name: 'State', type: 'string', jsonPath: '.status.state', priority: 1 },
    ],
  },
  (spec, instance) => {
    ConfigMap({ name: `${instance.metadata.name}-settings`, data: { level: spec.level } });
  },
);

test('a composition without status and with printer columns deploys in both modes; the columns reach the CRD', { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'extras');
  const direct = await settings.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 }).deploy({ level: 'debug' }, { name: 'd' });
  assert.deepEqual(direct.status, {});
  const kro = await settings.factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000 }).deploy({ level: 'info' }, { name: 'k' });
  assert.equal(kro.state, 'ACTIVE');
  const crd = (await new KubeClient(testKubeConfig()).get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'extrassettings.extras.typekro.dev' })) as unknown as {
    spec: { versions: { additionalPrinterColumns?: { name: string; type: string; jsonPath: string; priority?: number }[] }[] };
  };
  const columns = crd.spec.versions[0]?.additionalPrinterColumns ?? [];
  assert.deepEqual(
    columns.filter((c) => c.name === 'Level' || c.name === 'State').map((c) => ({ name: c.name, type: c.type, jsonPath: c.jsonPath, priority: c.priority ?? 0 })),
    [
      { name: 'Level', type: 'string', jsonPath: '.spec.level', priority: 0 },
      { name: 'State', type: 'string', jsonPath: '.status.state', priority: 1 },
    ],
  );
  await ns.remove();
});
