/**
 * Issue 13, point 4, against the cluster: a deploy into a missing namespace fails before anything is applied
 * (the RGD included, the lease and record too) and says how to create it, in both modes (the CLI:
 * test/cli/namespace.cluster.test.ts); `createNamespace` creates it.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig } from '../support/cluster.js';
import type { TypeKroError } from '../../src/index.js';
import probe from './fixtures/probe.js';

const missing = `typekro-missing-${process.pid}`;

describe('a missing namespace', () => {
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  after(async () => core.deleteNamespace({ name: missing }).catch(() => undefined));

  for (const mode of ['direct', 'kro'] as const) {
    it(`${mode} mode: refused before anything is applied, with NAMESPACE_NOT_FOUND and the ways out as remedies`, async () => {
      const options = { kubeConfig: testKubeConfig(), namespace: missing, timeout: 30_000 };
      const factory = mode === 'kro' ? probe.factory('kro', options) : probe.factory('direct', options);
      const error = await factory.deploy({}).then(
        () => assert.fail('deployed into a missing namespace'),
        (failure: TypeKroError) => failure,
      );
      assert.equal(error.code, 'NAMESPACE_NOT_FOUND');
      assert.equal(
        error.message,
        `namespace "${missing}" does not exist\n  to create it: kubectl create namespace ${missing}\n  to let the deploy create it: the factory option createNamespace: true\n  to deploy into an existing namespace: the factory option namespace`,
      );
      assert.deepEqual(error.remedies?.map((remedy) => remedy.action), ['create-namespace', 'option', 'option']);
      const rgd = await new KubeClient(testKubeConfig()).get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'input-probe' });
      assert.equal(rgd, undefined, 'the RGD was applied');
    });
  }

  it('createNamespace: true creates it, then deploys', async () => {
    const factory = probe.factory('direct', { kubeConfig: testKubeConfig(), namespace: missing, timeout: 60_000, createNamespace: true });
    const instance = await factory.deploy({});
    assert.equal(instance.metadata.namespace, missing);
    assert.equal((await core.readNamespace({ name: missing })).metadata?.name, missing);
    await factory.deleteInstance('probe');
  });
});
