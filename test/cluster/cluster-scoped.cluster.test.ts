/**
 * A cluster-scoped composition deploys in both modes with the same status: in kro mode the instance has no
 * namespace, its namespaced child names its own (KRO v0.9.4 refuses an RGD whose namespaced resource does
 * not) and KRO labels it without kro.run/instance-namespace; reading, listing (no namespace), events and
 * deletion find it there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { InstanceNotFoundError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const cl = kubernetesComposition(
  { name: 'scoped-clapp', apiVersion: 'scoped.typekro.dev/v1', kind: 'ScopedApp', scope: 'Cluster', spec: type({ name: 'string', ns: 'string' }), status: type({ ns: 'string', name: 'string' }) },
  (spec) => {
    const cm = ConfigMap({ name: spec.name, namespace: spec.ns, data: { a: 'b' } });
    return { ns: cm.metadata.namespace ?? 'none', name: cm.metadata.name };
  },
);

test('a cluster-scoped composition deploys, reads and deletes in both modes with equal status', { timeout: 300_000 }, async () => {
  const client = new KubeClient(testKubeConfig());
  const ns = (await testNamespace(testKubeConfig(), 'scoped')).name;
  const configMap = (name: string) => client.get({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace: ns });
  const direct = cl.factory('direct', { kubeconfig, timeout: 60_000 });
  const kro = cl.factory('kro', { kubeconfig, timeout: 120_000 });

  const d = await direct.deploy({ name: 'scoped-direct', ns });
  const k = await kro.deploy({ name: 'scoped-kro', ns });
  assert.deepEqual(d.status, { ns, name: 'scoped-direct' });
  // the instances have no namespace, in what a deploy returns and what listInstances reports
  assert.deepEqual([d.metadata, k.metadata], [{ name: 'scoped-direct' }, { name: 'scoped-kro' }]);
  assert.deepEqual(k.status, { ns, name: 'scoped-kro' }); // only the declared fields: KRO's state and conditions are beside them
  assert.equal(k.state, 'ACTIVE');
  assert.ok(Array.isArray(k.conditions));

  const child = (await configMap('scoped-kro')) as { metadata: { labels: Record<string, string> } } | undefined;
  assert.equal(child?.metadata.labels['kro.run/instance-name'], 'scoped-kro');
  assert.equal(child?.metadata.labels['kro.run/instance-namespace'], undefined);

  const status = await kro.instanceStatus('scoped-kro');
  assert.deepEqual(status.metadata, { name: 'scoped-kro' });
  assert.equal(status.ready, true);
  assert.equal(status.state, 'ACTIVE');
  assert.deepEqual(status.status, k.status);
  assert.deepEqual(status.resources.map((r) => [r.kind, r.name, r.namespace, r.state]), [['ConfigMap', 'scoped-kro', ns, 'ready']]);
  assert.deepEqual((await direct.instanceStatus('scoped-direct')).status, d.status);
  assert.deepEqual(await kro.listInstances(), [{ name: 'scoped-kro', state: 'ACTIVE' }]);
  assert.deepEqual(await direct.listInstances(), [{ name: 'scoped-direct' }]);
  assert.ok(Array.isArray(await kro.events('scoped-kro')));

  await kro.deleteInstance('scoped-kro');
  await direct.deleteInstance('scoped-direct');
  await assert.rejects(kro.instanceStatus('scoped-kro'), (error: Error) => error instanceof InstanceNotFoundError && error.message === 'ScopedApp "scoped-kro" (kro mode) not found');
  await assert.rejects(direct.instanceStatus('scoped-direct'), InstanceNotFoundError);
  for (const name of ['scoped-kro', 'scoped-direct']) await eventually(`ConfigMap ${name} deleted`, async () => ((await configMap(name)) === undefined ? true : undefined));
});
