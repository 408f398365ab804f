/**
 * Direct mode against the local cluster: an expression that reads only the spec and misses data (an
 * optional spec field without a default, through `Cel.expr`) fails the deploy at once, naming the resource,
 * the field and the way out, instead of waiting for the deadline (trial 10 K04). The spec that has the
 * field deploys.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { DirectDeployError } from '../../src/runtime/direct/index.js';
import { ConfigMap } from '../../src/simple.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const merged = kubernetesComposition(
  { name: 'spec-only', apiVersion: 'k.typekro.dev/v1alpha1', kind: 'SpecOnly', spec: type({ name: 'string', 'config?': 'Record<string, string>' }), status: type({ name: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: spec.name, data: Cel.expr<Record<string, string>>('{"team": "t"}.merge(', spec.config, ')') });
    return { name: spec.name };
  },
);

const kc = testKubeConfig();

describe('direct mode: an expression only the spec decides', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'spec-only')));
  after(async () => ns?.remove());

  it('fails at once when its data is missing, and deploys when the spec has it', async () => {
    // A deadline the test never reaches: before, the deploy waited for it and failed with a timeout.
    const factory = merged.factory('direct', { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 120_000 });
    await assert.rejects(factory.deploy({ name: 'absent' }), (error: unknown) => {
      assert.ok(error instanceof DirectDeployError, String(error));
      assert.equal(error.code, 'DEPLOY_FAILED');
      assert.match(error.message, /resource "cm": data: No such key: config \(the expression reads only the instance's spec, which stays as it is for the whole deploy/);
      return true;
    });
    await factory.deploy({ name: 'given', config: { a: '1', team: 'mine' } });
    const cm = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'given', namespace: ns.name });
    assert.deepEqual(cm.data, { a: '1', team: 'mine' });
  });
});
