/**
 * W1: `typekro status --name X` without the spec reported a ready direct-mode instance as NOT ready (exit 3):
 * the cluster keeps only the spec's hash, and the status planned the instance from the schema's defaults, so
 * a resource the deployed spec skipped (`cache: false`, default true) counted as one that should exist. Without
 * the spec, what exists is judged and a resource the spec decides without objects is `unknown`; with the
 * spec, the same instance is judged exactly (that resource skipped). Both ready, exit 0, the same count.
 * U3: the record now keeps the last deploy's spec (secret values taken out), so without the spec the instance
 * is judged exactly too; a record written before it was kept (no spec) still loads, with the `unknown` row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();
const fixture = 'test/cli/fixtures/spec-decides.ts';
const spec = ['--set', 'name=sd', '--set', 'cache=false', '--set', 'regions=[eu]'];

describe('typekro status of a ready direct instance, without its spec', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', kubeconfig, '-n', namespace.name]);
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'cli-nospec');
  });
  after(async () => namespace.remove());

  it('is ready, as with the spec: the record keeps the deployed spec, so the skipped resource is skipped', async () => {
    const deployed = await cli('deploy', fixture, '--name', 'sd', ...spec, '--timeout', '120s');
    assert.equal(deployed.code, 0, transcript(deployed));
    const bare = await cli('status', fixture, '--name', 'sd');
    assert.equal(bare.code, 0, transcript(bare));
    assert.match(bare.stdout, /SpecDecides "sd" \(direct mode, namespace \S+\): ready \(2\/2 objects ready\)/, transcript(bare));
    assert.match(bare.stdout, /^deployment\s+Deployment\s+-\s+skipped\s+includeWhen is false$/m, transcript(bare));
    assert.match(bare.stdout, /^configMap\s+ConfigMap\s+sd-eu\s+yes\s+ready$/m, transcript(bare));
    const given = await cli('status', fixture, '--name', 'sd', ...spec);
    assert.equal(given.code, 0, transcript(given));
    assert.match(given.stdout, /ready \(2\/2 objects ready\)/, transcript(given));
    assert.match(given.stdout, /^deployment\s+Deployment\s+-\s+skipped\s+includeWhen is false$/m, transcript(given));
    // the API the CLI is a client of says the same
    const json = JSON.parse((await cli('status', fixture, '--name', 'sd', '-o', 'json')).stdout) as { ready: boolean; resources: { resourceId: string; state: string }[]; pending: string[] };
    assert.equal(json.ready, true);
    assert.deepEqual(json.resources.map((r) => [r.resourceId, r.state]), [['web', 'ready'], ['deployment', 'skipped'], ['configMap', 'ready']]);
  });

  it('a record written before the spec was kept still loads: a resource the spec decides is unknown, not missing', async () => {
    const { CoreV1Api } = await import('@kubernetes/client-node');
    const core = testKubeConfig().makeApiClient(CoreV1Api);
    const name = 'typekro.spec-decides.sd';
    const record = await core.readNamespacedConfigMap({ name, namespace: namespace.name });
    assert.ok(record.data?.spec, 'the record keeps the spec');
    assert.equal(record.metadata?.annotations?.['typekro.dev/finished-generation'], '1');
    delete record.data!.spec;
    delete record.metadata!.annotations!['typekro.dev/finished-generation'];
    await core.replaceNamespacedConfigMap({ name, namespace: namespace.name, body: record });
    const bare = await cli('status', fixture, '--name', 'sd');
    assert.equal(bare.code, 0, transcript(bare));
    assert.match(bare.stdout, /ready \(2\/2 objects ready\)/, transcript(bare));
    assert.match(bare.stdout, /^deployment\s+Deployment\s+-\s+unknown\s+no object; whether it should have one depends on the spec of the last deploy \(give it to check\)$/m, transcript(bare));
  });

  it('an object deleted by hand is still not ready without the spec, when the spec does not decide its existence', async () => {
    const { KubeClient } = await import('../../src/runtime/kube/client.js');
    await new KubeClient(testKubeConfig()).delete({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'sd', namespace: namespace.name });
    const bare = await cli('status', fixture, '--name', 'sd');
    assert.equal(bare.code, 3, transcript(bare));
    assert.match(bare.stdout, /NOT ready \(1\/2 objects ready\)/, transcript(bare));
    assert.match(bare.stdout, /^web\s+Deployment\s+-\s+no\s/m, transcript(bare));
  });
});
