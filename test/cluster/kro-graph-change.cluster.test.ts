/**
 * A kro redeploy that changes the composition and not the spec is judged by KRO's reconcile with the new
 * graph (runtime/kro/relabel.ts): the instance's generation stays as it was, so its conditions are the
 * previous graph's until KRO gets to it, and believing them reported a broken change as ready and its fix as
 * failed (trial 15 F1). Each deploy below returns what the composition it deployed computes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { graphApi, revision as revisionOf } from './graph-revisions.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const definition = graphApi('graph-change', 'change.typekro.dev/v1alpha1', 'GraphChange');
const revision = (version: string, broken: boolean) => revisionOf(definition, version, broken);

test('a kro redeploy of a changed composition reports the new graph, broken or fixed, with the same spec or a new one', { timeout: 420_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'graph-change');
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  const messages: string[] = [];
  const options = { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 90_000, progressCallback: (event: { message?: string }) => void messages.push(event.message ?? '') };
  const spec = { name: 'gc', items: Array.from({ length: 40 }, (_, i) => `item-${i}`) };
  const data = async (): Promise<string | undefined> => (await core.readNamespacedConfigMap({ name: 'gc-cm', namespace: ns.name })).data?.['version'];

  assert.equal((await revision('one', false).factory('kro', options).deploy(spec, { name: 'gc' })).status.version, 'one');
  assert.ok(!messages.some((m) => m.startsWith('the ResourceGraphDefinition changed')), 'a first deploy needs no second reconcile');

  // The composition changes, the spec does not: the deploy waits for KRO's reconcile with the new graph.
  messages.length = 0;
  assert.equal((await revision('two', false).factory('kro', options).deploy(spec, { name: 'gc' })).status.version, 'two');
  assert.equal(await data(), 'two');
  assert.ok(messages.some((m) => m.startsWith('the ResourceGraphDefinition changed')), messages.join('\n'));

  // A broken change fails (before: "is ready", from the previous graph's conditions).
  await assert.rejects(revision('three', true).factory('kro', options).deploy(spec, { name: 'gc' }), /spec\.ports\[0\]\.name: Required value/);

  // Its fix succeeds (before: failed with the broken graph's error).
  assert.equal((await revision('four', false).factory('kro', options).deploy(spec, { name: 'gc' })).status.version, 'four');
  assert.equal(await data(), 'four');

  // A redeploy that changes nothing is not suspended.
  messages.length = 0;
  assert.equal((await revision('four', false).factory('kro', options).deploy(spec, { name: 'gc' })).status.version, 'four');
  assert.ok(!messages.some((m) => m.includes('suspending and resuming')), messages.join('\n'));

  // A broken change, then its fix deployed with a new spec: KRO may reconcile the new generation with the
  // broken graph first, whose ERROR then carries the new generation (trial 16 F3: the fix failed with it).
  await assert.rejects(revision('five', true).factory('kro', options).deploy(spec, { name: 'gc' }), /spec\.ports\[0\]\.name: Required value/);
  const grown = { ...spec, items: [...spec.items, 'item-40'] };
  messages.length = 0;
  assert.equal((await revision('six', false).factory('kro', options).deploy(grown, { name: 'gc' })).status.version, 'six');
  assert.equal(await data(), 'six');
  assert.ok(messages.some((m) => m.startsWith('the ResourceGraphDefinition changed')), messages.join('\n'));
  await ns.remove();
});
