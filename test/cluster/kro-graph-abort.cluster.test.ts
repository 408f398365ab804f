/**
 * A kro deploy aborted after it updated the RGD and before KRO reconciled the instance with it leaves the
 * next deploy an RGD that no longer changes, while the instance's conditions are still the previous graph's.
 * The instance says which graph it was last seen Ready with (`typekro.dev/graph-revision`,
 * runtime/kro/relabel.ts), so the next deploy still makes KRO reconcile it: a broken change fails (before:
 * "is ready" from the previous graph's conditions) and a good one reports its own values. KRO also gets to its
 * instances after an RGD change on its own, so whether a deploy without that record believed stale conditions
 * depends on which comes first (here KRO often does, the ownership checks of 40 objects taking a while): the
 * progress message and the annotation show that the deploy itself waited for KRO's reconcile with the new graph
 * (without the record this test fails there).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { graphApi, revision as revisionOf } from './graph-revisions.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const definition = graphApi('graph-abort', 'abort.typekro.dev/v1alpha1', 'GraphAbort');
const revision = (version: string, broken: boolean) => revisionOf(definition, version, broken);

test('a kro deploy aborted between the RGD update and the instance reconcile leaves the next deploy judging the new graph', { timeout: 480_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'graph-abort');
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  const client = new KubeClient(testKubeConfig());
  const options = { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 90_000 };
  const spec = { name: 'ga', items: Array.from({ length: 40 }, (_, i) => `item-${i}`) };
  const data = async (): Promise<string | undefined> => (await core.readNamespacedConfigMap({ name: 'ga-cm', namespace: ns.name })).data?.['version'];
  /** The RGD as the instance records it: `<generation>/<uid>`. */
  const rgdRevision = async (): Promise<string | undefined> => {
    const metadata = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'graph-abort' }))?.metadata;
    return metadata ? `${metadata.generation}/${metadata.uid}` : undefined;
  };
  const recorded = async (): Promise<string | undefined> =>
    (await client.get({ apiVersion: definition.apiVersion, kind: definition.kind, name: 'ga', namespace: ns.name }))?.metadata?.annotations?.['typekro.dev/graph-revision'];
  /** Deploys `version`, aborted as soon as the RGD is applied: the instance is not touched. */
  const aborted = async (version: string, broken: boolean): Promise<void> => {
    const controller = new AbortController();
    const progressCallback = (event: { message?: string }): void => {
      if (event.message?.startsWith('applied ResourceGraphDefinition')) controller.abort();
    };
    await assert.rejects(revision(version, broken).factory('kro', { ...options, abortSignal: controller.signal, progressCallback }).deploy(spec, { name: 'ga' }), {
      name: 'KroAbortedError',
      message: 'deploy of instance "ga" (kro mode) aborted while waiting for KRO to accept ResourceGraphDefinition graph-abort, which stays applied; the instance was not applied',
    });
  };

  assert.equal((await revision('one', false).factory('kro', options).deploy(spec, { name: 'ga' })).status.version, 'one');
  assert.equal(await recorded(), await rgdRevision(), 'a Ready instance records the graph it was reconciled with');

  // The broken revision's RGD is applied, the deploy aborted; deployed again, the RGD does not change, the graph
  // is still new to the instance: KRO's reconcile with it fails.
  await aborted('two', true);
  assert.notEqual(await recorded(), await rgdRevision());
  await assert.rejects(revision('two', true).factory('kro', options).deploy(spec, { name: 'ga' }), /spec\.ports\[0\]\.name: Required value/);
  assert.notEqual(await recorded(), await rgdRevision(), 'a failed deploy confirms nothing');

  // A good revision, aborted likewise, then deployed again: its own values, not the broken graph's failure.
  await aborted('three', false);
  const messages: string[] = [];
  const deployed = await revision('three', false).factory('kro', { ...options, progressCallback: (event) => void messages.push(event.message) }).deploy(spec, { name: 'ga' });
  assert.equal(deployed.status.version, 'three');
  assert.equal(await data(), 'three');
  assert.ok(messages.some((m) => m.startsWith('the ResourceGraphDefinition changed')), messages.join('\n'));
  assert.equal(await recorded(), await rgdRevision());

  // Nothing new to the instance: no suspension.
  messages.length = 0;
  assert.equal((await revision('three', false).factory('kro', { ...options, progressCallback: (event) => void messages.push(event.message) }).deploy(spec, { name: 'ga' })).status.version, 'three');
  assert.ok(!messages.some((m) => m.includes('suspending and resuming')), messages.join('\n'));
  await ns.remove();
});
