/**
 * The instance's labels and annotations mean the same in both modes (util/instance-metadata.ts): the same
 * composition, deployed with the same labels and annotations in kro mode and in direct mode, computes the
 * same status and the same resource data from them; a key the deploy does not give is the default in both;
 * direct mode's later status (from its record) still sees them; KRO's own keys are on the kro instance only,
 * which is why reads of them are refused (test/composition/instance-metadata-reads.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const labelled = kubernetesComposition(
  {
    name: 'instance-metadata',
    apiVersion: 'meta.typekro.dev/v1alpha1',
    kind: 'InstanceMetadata',
    spec: type({ size: 'number.integer' }),
    status: type({ team: 'string', tier: 'string', owner: 'string', hasTeam: 'boolean', uid: 'string' }),
  },
  (spec, instance) => {
    ConfigMap({ name: `${instance.metadata.name}-team`, data: { team: instance.metadata.labels?.team ?? 'd', size: `${spec.size}` } });
    return {
      team: instance.metadata.labels?.team ?? 'd',
      tier: instance.metadata.labels?.['example.com/tier'] ?? 'none',
      owner: instance.metadata.annotations?.['example.com/owner'] ?? 'nobody',
      hasTeam: 'team' in (instance.metadata.labels ?? {}),
      uid: instance.metadata.uid,
    };
  },
);

const labels = { team: 'platform' };
/** The composition's own status fields (kro mode's status also has KRO's state and conditions). */
const own = ({ team, tier, owner, hasTeam }: { team?: string; tier?: string; owner?: string; hasTeam?: boolean }): Record<string, unknown> => ({ team, tier, owner, hasTeam });
const annotations = { 'example.com/owner': 'Jane Doe <jane@example.com>' };

test('the same labels and annotations give the same status and data in kro and direct mode', { timeout: 300_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'inst-meta');
  const kubeconfig = testKubeConfigPath();
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  const direct = labelled.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 });
  const kro = labelled.factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000 });
  const expected = { team: 'platform', tier: 'none', owner: 'Jane Doe <jane@example.com>', hasTeam: true };

  const d = await direct.deploy({ size: 1 }, { name: 'd', labels, annotations });
  const k = await kro.deploy({ size: 1 }, { name: 'k', labels, annotations });
  assert.deepEqual(own(d.status), expected);
  assert.deepEqual(own(k.status), expected);
  assert.equal((await core.readNamespacedConfigMap({ name: 'd-team', namespace: ns.name })).data?.['team'], 'platform');
  assert.equal((await core.readNamespacedConfigMap({ name: 'k-team', namespace: ns.name })).data?.['team'], 'platform');

  // The kro instance carries the user's labels and annotations, and KRO's own besides (what reads of the whole map would see).
  const object = await new KubeClient(testKubeConfig()).get({ apiVersion: 'meta.typekro.dev/v1alpha1', kind: 'InstanceMetadata', name: 'k', namespace: ns.name });
  const liveLabels = (object?.metadata?.labels ?? {}) as Record<string, string>;
  assert.equal(liveLabels['team'], 'platform');
  assert.equal(object?.metadata?.annotations?.['example.com/owner'], 'Jane Doe <jane@example.com>');
  assert.equal(liveLabels['kro.run/owned'], 'true');

  // Direct mode's later status reads the labels of the last deploy from its record, as kro mode's reads the instance.
  assert.deepEqual(own((await direct.instanceStatus('d', { spec: { size: 1 } })).status), expected);
  assert.deepEqual(own((await kro.instanceStatus('k')).status), expected);
  // and the uid the deploy computed with (the record's; the instance object's): a later status is not another value
  const uidOf = (status: { uid?: string }): string | undefined => status.uid;
  assert.match(uidOf(d.status) ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(uidOf((await direct.instanceStatus('d', { spec: { size: 1 } })).status), uidOf(d.status));
  assert.equal(uidOf((await direct.instanceStatus('d')).status), uidOf(d.status));
  assert.equal(uidOf((await kro.instanceStatus('k')).status), object?.metadata?.uid);
  assert.equal(uidOf(k.status), object?.metadata?.uid);

  // A redeploy without labels drops them in both modes, and both compute from that at once: the defaults. KRO
  // skips an update that leaves the generation as it was, so kro mode suspends and resumes the instance, which
  // KRO reconciles (runtime/kro/relabel.ts).
  const none = { team: 'd', tier: 'none', owner: 'nobody', hasTeam: false };
  assert.deepEqual(own((await direct.deploy({ size: 1 }, { name: 'd' })).status), none);
  const messages: string[] = [];
  const watched = labelled.factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000, progressCallback: (event) => void messages.push(event.message ?? '') });
  assert.deepEqual(own((await watched.deploy({ size: 1 }, { name: 'k' })).status), none);
  assert.ok(messages.some((m) => m.startsWith('only labels or annotations changed')), messages.join('\n'));
  const relabelled = await new KubeClient(testKubeConfig()).get({ apiVersion: 'meta.typekro.dev/v1alpha1', kind: 'InstanceMetadata', name: 'k', namespace: ns.name });
  assert.equal(relabelled?.metadata?.labels?.['team'], undefined, 'the apply of the instance without labels removes the ones it gave');
  assert.equal(relabelled?.metadata?.annotations?.['kro.run/reconcile'], undefined, 'the instance is not left suspended');
  assert.equal(relabelled?.metadata?.generation, object?.metadata?.generation, 'a label-only change: the same generation');
  assert.deepEqual(own((await kro.instanceStatus('k')).status), none);
  assert.equal((await core.readNamespacedConfigMap({ name: 'k-team', namespace: ns.name })).data?.['team'], 'd');
  // Another label value: the same in both modes; a redeploy that changes nothing is not suspended.
  const other = { ...expected, team: 'data', owner: 'nobody' };
  assert.deepEqual(own((await direct.deploy({ size: 1 }, { name: 'd', labels: { team: 'data' } })).status), other);
  assert.deepEqual(own((await kro.deploy({ size: 1 }, { name: 'k', labels: { team: 'data' } })).status), other);
  messages.length = 0;
  assert.deepEqual(own((await watched.deploy({ size: 1 }, { name: 'k', labels: { team: 'data' } })).status), other);
  assert.ok(!messages.some((m) => m.startsWith('only labels or annotations changed')), messages.join('\n'));
  await ns.remove();
});
