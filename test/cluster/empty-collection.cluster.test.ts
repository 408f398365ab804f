/**
 * An empty collection exists (issue 10): a `.map` over an empty spec list creates no object, yet reading the
 * collection gives an empty list, as in JavaScript (`cms.length` is 0). KRO binds a resolved empty forEach
 * as `[]` (pkg/runtime/node_context.go, "include empty collections in context"); direct mode must agree
 * when it deploys and when it reads the instance back from the cluster (no object carries the collection's
 * label, so nothing is found for it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const tagged = kubernetesComposition(
  { name: 'empty-collection', apiVersion: 'empty.typekro.dev/v1alpha1', kind: 'EmptyCollection', spec: type({ tags: 'string[]' }), status: type({ count: 'number' }) },
  (spec, instance) => {
    const cms = spec.tags.map((t) => ConfigMap({ name: `${instance.metadata.name}-${t}`, data: { v: t } }));
    return { count: cms.length };
  },
);

test('an empty collection is an empty list in both modes: size 0 on deploy and when read back', { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'empty-collection');
  const direct = tagged.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 });
  assert.equal((await direct.deploy({ tags: [] }, { name: 'd' })).status.count, 0);
  const read = await direct.instanceStatus('d', { spec: { tags: [] } });
  assert.equal(read.status.count, 0);
  assert.deepEqual(read.pending, []);
  assert.equal((await direct.deploy({ tags: ['a', 'b'] }, { name: 'd2' })).status.count, 2);
  const kro = await tagged.factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000 }).deploy({ tags: [] }, { name: 'k' });
  assert.equal(kro.status.count, 0);
  await ns.remove();
});
