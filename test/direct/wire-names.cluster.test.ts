/**
 * Fields client-node's types spell differently from the API (`_from`, `_default`) reach the API server with
 * their wire names: the NetworkPolicy keeps its ingress peers (without them it would allow every source)
 * and the LimitRange its defaults.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CoreV1Api, NetworkingV1Api } from '@kubernetes/client-node';
import { type } from 'arktype';
import { kubernetesComposition, limitRange, networkPolicy } from '../../src/index.js';
import { testKubeConfig, testKubeConfigPath } from '../support/cluster.js';

const fenced = kubernetesComposition(
  { name: 'fenced', apiVersion: 'wire.typekro.dev/v1alpha1', kind: 'Fenced', spec: type({ role: 'string' }), status: type({ 'peers?': 'number' }) },
  (spec) => {
    const policy = networkPolicy({
      metadata: { name: 'fenced-ingress' },
      spec: { podSelector: { matchLabels: { app: 'fenced' } }, policyTypes: ['Ingress'], ingress: [{ _from: [{ podSelector: { matchLabels: { role: spec.role } } }] }] },
    });
    limitRange({ metadata: { name: 'fenced-limits' }, spec: { limits: [{ type: 'Container', _default: { cpu: '200m' } }] } });
    return { peers: policy.spec.ingress[0]!._from.length };
  },
);

describe('direct mode: model names are sent as wire names', () => {
  const namespace = 'default';
  const factory = fenced.factory('direct', { kubeconfig: testKubeConfigPath(), namespace, timeout: 120_000 });
  after(async () => factory.deleteInstance('fenced').catch(() => undefined));

  it('the API server stores the ingress peers and the limit defaults; the status reads `from`', async () => {
    const instance = await factory.deploy({ role: 'client' });
    assert.equal(instance.status.peers, 1);
    // client-node's typed read maps the wire name `from` back to `_from`: present only if `from` was stored.
    const policy = await testKubeConfig().makeApiClient(NetworkingV1Api).readNamespacedNetworkPolicy({ name: 'fenced-ingress', namespace });
    assert.deepEqual(policy.spec?.ingress?.[0]?._from?.map((peer) => peer.podSelector?.matchLabels), [{ role: 'client' }]);
    const limits = await testKubeConfig().makeApiClient(CoreV1Api).readNamespacedLimitRange({ name: 'fenced-limits', namespace });
    assert.deepEqual(limits.spec?.limits[0]?._default, { cpu: '200m' });
  });
});
