/**
 * A kro-mode child in another namespace than its instance's (`namespace: spec.target`), trial 19 F10 and
 * F5's second trigger: `status` looked for it in the instance's namespace only and called it missing (NOT
 * ready, exit 3, while KRO said Ready), and `plan` of a move to a third namespace did not show the deletion
 * KRO then made. Children are found by KRO's labels in every namespace.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const elsewhere = kubernetesComposition(
  { name: 'elsewhere', apiVersion: 'xns.typekro.dev/v1', kind: 'Elsewhere', spec: type({ name: 'string', target: 'string' }), status: type({ at: 'string' }) },
  (spec) => {
    const cm = ConfigMap({ name: `${spec.name}-x`, namespace: spec.target, data: { a: 'b' } });
    return { at: cm.metadata.namespace ?? 'none' };
  },
);

test('a kro child in another namespace is ready in status, and a move out of it is a planned delete', { timeout: 300_000 }, async () => {
  const kc = testKubeConfig();
  const [home, first, second] = await Promise.all(['xns-home', 'xns-a', 'xns-b'].map(async (prefix) => (await testNamespace(kc, prefix)).name));
  const kro = elsewhere.factory('kro', { kubeconfig: testKubeConfigPath(), namespace: home!, timeout: 120_000 });
  const deployed = await kro.deploy({ name: 'h', target: first! });
  assert.deepEqual(deployed.status, { at: first });

  const status = await kro.instanceStatus('h');
  assert.equal(status.ready, true);
  assert.deepEqual(status.resources.map((r) => [r.kind, r.name, r.namespace, r.state]), [['ConfigMap', 'h-x', first, 'ready']]);

  const plan = await kro.plan({ name: 'h', target: second! });
  assert.deepEqual(plan.prune.map((o) => [o.kind, o.namespace, o.name]), [['ConfigMap', first, 'h-x']]);
  assert.deepEqual(plan.create.filter((o) => o.kind === 'ConfigMap').map((o) => [o.namespace, o.name]), [[second, 'h-x']]);

  await kro.deploy({ name: 'h', target: second! });
  const client = new KubeClient(kc);
  await eventually('the ConfigMap left the first namespace', async () => ((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'h-x', namespace: first! })) === undefined ? true : undefined));
  assert.deepEqual((await kro.instanceStatus('h')).resources.map((r) => [r.namespace, r.state]), [[second, 'ready']]);
});

const app = (kind: 'Shop' | 'Store') =>
  kubernetesComposition(
    { name: `same-${kind.toLowerCase()}`, apiVersion: 'xns.typekro.dev/v1', kind, spec: type({ name: 'string' }), status: type({ n: 'string' }) },
    (spec) => {
      const cm = ConfigMap({ id: 'cm', name: `${spec.name}-${kind.toLowerCase()}`, data: { a: 'b' } });
      return { n: cm.metadata.name };
    },
  );

test('instances of two kinds with one name in one namespace see only their own children (review 39)', { timeout: 300_000 }, async () => {
  const kc = testKubeConfig();
  const { name: namespace } = await testNamespace(kc, 'xns-kinds');
  const [shop, store] = [app('Shop'), app('Store')].map((c) => c.factory('kro', { kubeconfig: testKubeConfigPath(), namespace, timeout: 120_000 }));
  await shop!.deploy({ name: 'dev' });
  await store!.deploy({ name: 'dev' });
  assert.deepEqual((await shop!.instanceStatus('dev')).resources.map((r) => r.name), ['dev-shop']);
  assert.deepEqual((await store!.instanceStatus('dev')).resources.map((r) => r.name), ['dev-store']);
  const plan = await shop!.plan({ name: 'dev' });
  assert.deepEqual(plan.prune, [], 'the other kind\'s ConfigMap is not planned as a delete');
});
