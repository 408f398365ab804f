/**
 * `instanceStatus().pending` names the declared status fields the instance does not have (yet), the same in
 * both modes: here two fields read ConfigMap keys that do not exist (KRO omits them, direct mode leaves them
 * pending), one nested. Kro mode used to return `pending: []` whatever was missing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const app = kubernetesComposition(
  {
    name: 'status-pending',
    apiVersion: 'pending.typekro.dev/v1alpha1',
    kind: 'StatusPending',
    spec: type({ name: 'string' }),
    status: type({ present: 'string', missing: 'string', nested: { absent: 'string', there: 'string' } }),
  },
  (spec) => {
    const settings = configMap({ metadata: { name: spec.name }, data: { present: 'yes' } });
    return { present: settings.data!.present!, missing: settings.data!.missing!, nested: { absent: settings.data!.absent!, there: settings.data!.present! } };
  },
);

describe('instanceStatus names the pending status fields in both modes', () => {
  it('kro mode lists what KRO has not written, as direct mode does', { timeout: 240_000 }, async () => {
    const namespace = await testNamespace(testKubeConfig(), 'status-pending');
    try {
      const options = { kubeconfig, namespace: namespace.name, timeout: 120_000 };
      const factories = { direct: app.factory('direct', options), kro: app.factory('kro', options) } as const;
      await factories.direct.deploy({ name: 'direct-one' });
      await factories.kro.deploy({ name: 'kro-one' });
      const direct = await factories.direct.instanceStatus('direct-one');
      const kro = await factories.kro.instanceStatus('kro-one');
      assert.deepEqual(direct.pending, ['missing', 'nested.absent']);
      assert.deepEqual(kro.pending, direct.pending, 'kro mode names the same pending fields');
      assert.deepEqual(kro.status, { present: 'yes', nested: { there: 'yes' } });
      assert.deepEqual(direct.status, kro.status);
      assert.equal(kro.ready, true, 'pending status fields do not make an instance not ready');
    } finally {
      await namespace.remove();
    }
  });
});
