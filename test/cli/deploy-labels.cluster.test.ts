/**
 * `typekro deploy --label k=v --annotation k=v` on the cluster, in both modes: the instance carries them (kro
 * mode: the instance object; direct mode: its record, which `typekro status` reads), and the composition
 * computes from them (status and a ConfigMap's data). A redeploy in kro mode that changes only a label is
 * reconciled by KRO (runtime/kro/relabel.ts suspends and resumes the instance): the ConfigMap it makes
 * follows. The usage errors of the flags are offline (usage.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const fixture = 'test/cli/fixtures/labelled.ts';
const kubeconfig = testKubeConfigPath();
const owner = 'Jane Doe <jane@example.com>';

interface Printed {
  metadata: { name: string };
  status: { team?: string; owner?: string };
}

describe('typekro deploy --label/--annotation (both modes)', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  const client = new KubeClient(testKubeConfig());
  const cli = (mode: 'direct' | 'kro', ...args: string[]) => typekro([...args, '--mode', mode, '--kubeconfig', kubeconfig, '-n', ns.name]);
  const team = async (name: string): Promise<string | undefined> => (await core.readNamespacedConfigMap({ name: `${name}-team`, namespace: ns.name })).data?.['team'];
  before(async () => void (ns = await testNamespace(testKubeConfig(), 'cli-labels')));
  after(async () => ns?.remove());

  it('direct mode: the deploy computes from them; status reads them back from the record', async () => {
    const result = await cli('direct', 'deploy', fixture, '--timeout', '2m', '--name', 'd', '--label', 'team=platform', '--annotation', `example.com/owner=${owner}`);
    assert.equal(result.code, 0, transcript(result));
    assert.deepEqual((parse(result.stdout) as Printed).status, { team: 'platform', owner });
    assert.equal(await team('d'), 'platform');
    const status = await cli('direct', 'status', fixture, '--name', 'd', '-o', 'json');
    assert.equal(status.code, 0, transcript(status));
    assert.deepEqual((JSON.parse(status.stdout) as Printed).status, { team: 'platform', owner });
  });

  it('kro mode: the instance object carries them, and KRO computes from them', async () => {
    const result = await cli('kro', 'deploy', fixture, '--timeout', '2m', '--name', 'k', '--label', 'team=platform', '--annotation', `example.com/owner=${owner}`);
    assert.equal(result.code, 0, transcript(result));
    const printed = (parse(result.stdout) as Printed).status;
    assert.deepEqual({ team: printed.team, owner: printed.owner }, { team: 'platform', owner });
    const object = await client.get({ apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'Labelled', name: 'k', namespace: ns.name });
    assert.equal(object?.metadata?.labels?.['team'], 'platform');
    assert.equal(object?.metadata?.annotations?.['example.com/owner'], owner);
    assert.equal(await team('k'), 'platform');
  });

  it('kro mode: a redeploy that changes only a label is reconciled; the ConfigMap and the status follow', async () => {
    const before = await client.get({ apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'Labelled', name: 'k', namespace: ns.name });
    const result = await cli('kro', 'deploy', fixture, '--timeout', '2m', '--name', 'k', '--label', 'team=data');
    assert.equal(result.code, 0, transcript(result));
    assert.match(result.stderr, /only labels or annotations changed/);
    const printed = (parse(result.stdout) as Printed).status;
    assert.deepEqual({ team: printed.team, owner: printed.owner }, { team: 'data', owner: 'nobody' });
    const object = await client.get({ apiVersion: 'fixtures.typekro.dev/v1alpha1', kind: 'Labelled', name: 'k', namespace: ns.name });
    assert.equal(object?.metadata?.labels?.['team'], 'data');
    assert.equal(object?.metadata?.annotations?.['example.com/owner'], undefined, 'the annotation the redeploy does not give is removed');
    assert.equal(object?.metadata?.annotations?.['kro.run/reconcile'], undefined, 'the instance is not left suspended');
    assert.equal(object?.metadata?.generation, before?.metadata?.generation, 'a label-only change: the same generation');
    assert.equal(await team('k'), 'data');
  });
});
