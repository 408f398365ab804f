/**
 * The kro factory against the real KRO controller: deploy and read instances, breaking schema changes
 * caught before anything is applied, and KRO's own rejection message surfaced.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { BreakingChangeError, Cel, InstanceNotFoundError, KroRejectedError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

function settings(version: 'v1' | 'v2') {
  const spec = version === 'v1' ? type({ name: 'string', level: "'info' | 'debug'" }) : type({ name: 'string' });
  return kubernetesComposition(
    { name: 'kro-factory-settings', apiVersion: 'factory.typekro.dev/v1alpha1', kind: 'FactorySettings', spec, status: type({ name: 'string' }) },
    (s) => {
      const config = ConfigMap({ name: s.name, data: { version } });
      return { name: config.metadata.name };
    },
  );
}

test('deploy, list and read instances; breaking schema changes are explained before applying', { timeout: 240_000 }, async () => {
  const namespace = await testNamespace(testKubeConfig(), 'kro-factory');
  const v1 = settings('v1').factory('kro', { kubeconfig, namespace: namespace.name, timeout: 120_000 });
  const deployed = await v1.deploy({ name: 'alpha', level: 'info' } as never);
  assert.equal(deployed.status.name, 'alpha');
  assert.equal(deployed.state, 'ACTIVE');

  assert.deepEqual(await v1.listInstances(), [{ name: 'alpha', namespace: namespace.name, state: 'ACTIVE' }]);
  assert.equal((await v1.instanceStatus('alpha')).status.name, 'alpha');
  // the original TypeKro's names, delegating to listInstances and instanceStatus
  const instances = await v1.getInstances();
  assert.deepEqual(instances.map((instance) => [instance.metadata.name, instance.ready, instance.status.name]), [['alpha', true, 'alpha']]);
  assert.deepEqual(await v1.getStatus(), { name: 'kro-factory-settings', mode: 'kro', namespace: namespace.name, instanceCount: 1, health: 'healthy' });

  const v2 = settings('v2').factory('kro', { kubeconfig, namespace: namespace.name, timeout: 120_000 });
  await assert.rejects(v2.deploy({ name: 'beta' }), (error: Error) => error instanceof BreakingChangeError && /spec\.level: field removed/.test(error.message));

  const forced = settings('v2').factory('kro', { kubeconfig, namespace: namespace.name, timeout: 120_000, allowBreakingChanges: true });
  const beta = await forced.deploy({ name: 'beta' });
  assert.equal(beta.state, 'ACTIVE');

  await v1.deleteInstance('alpha');
  await assert.rejects(v1.instanceStatus('alpha'), InstanceNotFoundError);
  assert.deepEqual((await v1.getInstances()).map((instance) => instance.metadata.name), ['beta']);
});

test("KRO's own rejection message is surfaced verbatim", { timeout: 120_000 }, async () => {
  const broken = kubernetesComposition(
    { name: 'kro-factory-broken', apiVersion: 'factory.typekro.dev/v1alpha1', kind: 'FactoryBroken', spec: type({ count: 'number.integer' }), status: type({ ok: 'boolean' }) },
    () => {
      // A raw CEL integer where the ConfigMap schema wants a string: only KRO's type checker sees it.
      ConfigMap({ name: 'broken', data: { count: Cel.expr<string>('schema.spec.count') } });
      return { ok: true };
    },
  );
  const namespace = await testNamespace(testKubeConfig(), 'kro-broken');
  const factory = broken.factory('kro', { kubeconfig, namespace: namespace.name, timeout: 60_000 });
  await assert.rejects(factory.deploy({ count: 1 }), (error: Error) => error instanceof KroRejectedError && /type mismatch/.test(error.message) && /data\.count/.test(error.message));
});
