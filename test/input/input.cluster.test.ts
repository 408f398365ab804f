/**
 * Issue 13, point 4, against the cluster: a deploy into a missing namespace fails before anything is applied
 * (the RGD included, the lease and record too) and says how to create it, in both modes, API and CLI alike;
 * `createNamespace` creates it.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath } from '../support/cluster.js';
import { transcript, typekro } from '../cli/run.js';
import probe from './fixtures/probe.js';

const missing = `typekro-missing-${process.pid}`;
const kubeconfig = testKubeConfigPath();

describe('a missing namespace', () => {
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  after(async () => core.deleteNamespace({ name: missing }).catch(() => undefined));

  for (const mode of ['direct', 'kro'] as const) {
    it(`${mode} mode: refused before anything is applied, saying how to create it; the CLI says the same`, async () => {
      const options = { kubeConfig: testKubeConfig(), namespace: missing, timeout: 30_000 };
      const factory = mode === 'kro' ? probe.factory('kro', options) : probe.factory('direct', options);
      const error = await factory.deploy({}).then(
        () => assert.fail('deployed into a missing namespace'),
        (failure: Error & { code?: string }) => failure,
      );
      assert.equal(error.code, 'NOT_FOUND');
      assert.equal(error.message, `namespace "${missing}" does not exist; create it (kubectl create namespace ${missing}), or let the deploy create it: --create-namespace (CLI), createNamespace: true (factory option)`);
      const cli = await typekro(['deploy', 'test/input/fixtures/probe.ts', '--mode', mode, '--kubeconfig', kubeconfig, '-n', missing, '--timeout', '30s']);
      assert.equal(cli.code, 1, transcript(cli));
      assert.ok(cli.stderr.includes(`typekro: ${error.message}\n`), transcript(cli));
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
