/**
 * `typekro deploy` into a namespace that does not exist: invalid input (exit 2), refused before anything is
 * applied, in both modes; the message names the namespace and the ways out as command lines and flags (the API's
 * side: test/input/input.cluster.test.ts). `--create-namespace` creates it and deploys. `typekro plan` exits 2
 * the same way, instead of planning every object as a create that would fail.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const missing = `typekro-cli-missing-${process.pid}`;
const kubeconfig = testKubeConfigPath();
const fixture = 'test/input/fixtures/probe.ts';

describe('typekro deploy into a missing namespace', () => {
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  after(async () => core.deleteNamespace({ name: missing }).catch(() => undefined));

  for (const mode of ['direct', 'kro'] as const) {
    it(`${mode} mode: exit 2, naming the namespace and the ways out; nothing is applied`, async () => {
      const result = await typekro(['deploy', fixture, '--mode', mode, '--kubeconfig', kubeconfig, '-n', missing, '--timeout', '30s']);
      assert.equal(result.code, 2, transcript(result));
      assert.ok(
        result.stderr.includes(
          `typekro: namespace "${missing}" does not exist\n` +
            `  to create it: kubectl create namespace ${missing} --kubeconfig ${kubeconfig}\n` +
            '  to let the deploy create it: pass --create-namespace\n' +
            '  to deploy into an existing namespace: pass --namespace <namespace> (-n)\n',
        ),
        transcript(result),
      );
      assert.doesNotMatch(result.stderr, /factory option|usage:/i);
      assert.equal(result.stdout, '');
      const client = new KubeClient(testKubeConfig());
      assert.equal(await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'input-probe' }), undefined, 'the RGD was applied');
      assert.equal(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: missing }), undefined, 'the namespace was created');
    });
  }

  for (const mode of ['direct', 'kro'] as const) {
    it(`plan, ${mode} mode: exit 2 as deploy, naming the namespace; it offers no option plan does not take`, async () => {
      const result = await typekro(['plan', fixture, '--mode', mode, '--kubeconfig', kubeconfig, '-n', missing]);
      assert.equal(result.code, 2, transcript(result));
      assert.ok(
        result.stderr.includes(
          `typekro: namespace "${missing}" does not exist (a deploy creates it with createNamespace, --create-namespace)\n` +
            `  to create it: kubectl create namespace ${missing} --kubeconfig ${kubeconfig}\n` +
            '  to plan into an existing namespace: pass --namespace <namespace> (-n)\n',
        ),
        transcript(result),
      );
      assert.equal(result.stdout, '');
    });
  }

  it('--create-namespace creates it and deploys (direct mode)', async () => {
    const result = await typekro(['deploy', fixture, '--kubeconfig', kubeconfig, '-n', missing, '--create-namespace', '--timeout', '60s']);
    assert.equal(result.code, 0, transcript(result));
    assert.equal((await core.readNamespace({ name: missing })).metadata?.name, missing);
    const removed = await typekro(['delete', fixture, '--kubeconfig', kubeconfig, '-n', missing, '--name', 'probe', '--timeout', '60s']);
    assert.equal(removed.code, 0, transcript(removed));
  });
});
