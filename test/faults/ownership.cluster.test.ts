/**
 * Ownership (issue 13): deploying `examples/webapp.ts` as instance `alpha`, then as `beta` in the same
 * namespace (same object names) must not take alpha's objects over: the second deploy fails before it
 * changes anything (no object, no record), naming the owner; deleting `beta` then deletes nothing of
 * alpha's. `--adopt` takes them over explicitly. Objects made by another tool (kubectl) and by a KRO
 * instance are refused the same way; a kro-mode deploy over a direct instance's objects is refused by the same
 * check before anything is applied, and leaves them as they were.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { OwnershipConflictError } from '../../src/runtime/direct/errors.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from '../cli/run.js';
import { configMap, factoryFor, spec, x } from '../direct/support.js';
import { versions } from '../direct/support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);

describe('ownership: an instance never takes over what another one owns', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', namespace.name]);
  const instanceOf = async () => (await apps.readNamespacedDeployment({ name: 'webapp', namespace: namespace.name })).metadata?.labels?.['typekro.dev/instance'];
  before(async () => (namespace = await testNamespace(kc, 'own')));
  after(() => namespace?.remove());

  it('refuses to deploy beta over alpha, naming alpha, and changes nothing; deleting beta leaves alpha whole', async () => {
    const alpha = await cli('deploy', 'examples/webapp.ts', '--name', 'alpha', '--set', 'replicas=1', '--timeout', '2m');
    assert.equal(alpha.code, 0, transcript(alpha));
    const before = await versions(kc, namespace.name);
    const deployment = (await apps.readNamespacedDeployment({ name: 'webapp', namespace: namespace.name })).metadata?.resourceVersion;

    const beta = await cli('deploy', 'examples/webapp.ts', '--name', 'beta', '--set', 'replicas=2', '--timeout', '1m');
    assert.equal(beta.code, 1, transcript(beta));
    assert.match(beta.stderr, new RegExp(`instance "beta" \\(namespace ${namespace.name}\\) would take over objects it does not own: Deployment ${namespace.name}/webapp is owned by TypeKro instance "alpha" of composition "webapp"`));
    assert.match(beta.stderr, new RegExp(`Service ${namespace.name}/webapp-service is owned by TypeKro instance "alpha"`));
    assert.match(beta.stderr, /Nothing was changed\..*\n  to take the objects over: pass --adopt\n/);
    assert.deepEqual(await versions(kc, namespace.name), before, 'no object (and no record of beta) was written');
    assert.equal((await apps.readNamespacedDeployment({ name: 'webapp', namespace: namespace.name })).metadata?.resourceVersion, deployment);

    const status = await cli('status', 'examples/webapp.ts', '--name', 'alpha');
    assert.equal(status.code, 0, transcript(status));
    const deleted = await cli('delete', 'examples/webapp.ts', '--name', 'beta');
    assert.notEqual(deleted.code, 0, `beta does not exist: ${transcript(deleted)}`);
    assert.equal(await instanceOf(), 'alpha', "alpha's Deployment is still alpha's");
  });

  it('--adopt takes the objects over; then deleting alpha deletes nothing of beta, deleting beta everything', async () => {
    const beta = await cli('deploy', 'examples/webapp.ts', '--name', 'beta', '--set', 'replicas=1', '--adopt', '--timeout', '2m');
    assert.equal(beta.code, 0, transcript(beta));
    assert.equal(await instanceOf(), 'beta');
    const alpha = await cli('delete', 'examples/webapp.ts', '--name', 'alpha');
    assert.equal(alpha.code, 0, transcript(alpha));
    assert.equal(await instanceOf(), 'beta', 'deleting alpha left what beta now owns');
    const gone = await cli('delete', 'examples/webapp.ts', '--name', 'beta');
    assert.equal(gone.code, 0, transcript(gone));
    const left = Object.keys(await versions(kc, namespace.name)).filter((k) => k !== 'ConfigMap/kube-root-ca.crt');
    assert.deepEqual(left, [], 'no orphans, no records');
  });

  it('refuses an object another tool made (its field manager named); adopt takes it over', async () => {
    const client = new KubeClient(kc);
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tool-config', namespace: namespace.name }, data: { key: 'theirs' } } as KubernetesObject, { fieldManager: 'other-tool' });
    const resources = [configMap('config', 'config', { key: x(spec('value')) }), configMap('extra', 'extra')];
    await assert.rejects(factoryFor('own-tool', resources, { namespace: namespace.name }).deploy({ name: 'tool', value: 'theirs', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof OwnershipConflictError, String(error));
      assert.equal(error.code, 'CONFLICT');
      assert.deepEqual(error.owners, [{ object: `ConfigMap ${namespace.name}/tool-config`, owner: 'field manager "other-tool" (not a TypeKro instance)' }]);
      return true;
    });
    const names = (await core.listNamespacedConfigMap({ namespace: namespace.name })).items.map((c) => c.metadata?.name).sort();
    assert.deepEqual(names, ['kube-root-ca.crt', 'tool-config'], 'neither the other object nor a record was written');
    const adopted = factoryFor('own-tool', resources, { namespace: namespace.name, adopt: true });
    await adopted.deploy({ name: 'tool', value: 'theirs', replicas: 1, flag: true });
    const taken = await core.readNamespacedConfigMap({ name: 'tool-config', namespace: namespace.name });
    assert.equal(taken.metadata?.labels?.['typekro.dev/instance'], 'tool');
    await adopted.deleteInstance('tool');
    assert.deepEqual((await core.listNamespacedConfigMap({ namespace: namespace.name })).items.map((c) => c.metadata?.name), ['kube-root-ca.crt']);
  });

  it("refuses a KRO instance's objects: a direct deploy over a kro-mode instance names it", async () => {
    const kro = await cli('deploy', 'examples/webapp.ts', '--mode', 'kro', '--name', 'kroapp', '--set', 'replicas=1', '--timeout', '3m');
    assert.equal(kro.code, 0, transcript(kro));
    try {
      const direct = await cli('deploy', 'examples/webapp.ts', '--name', 'directapp', '--set', 'replicas=1', '--timeout', '1m');
      assert.equal(direct.code, 1, transcript(direct));
      assert.match(direct.stderr, new RegExp(`Deployment ${namespace.name}/webapp is owned by KRO instance WebApp ${namespace.name}/kroapp\\b`));
      assert.equal((await apps.readNamespacedDeployment({ name: 'webapp', namespace: namespace.name })).metadata?.labels?.['kro.run/instance-name'], 'kroapp');
    } finally {
      const removed = await cli('delete', 'examples/webapp.ts', '--mode', 'kro', '--name', 'kroapp');
      assert.equal(removed.code, 0, transcript(removed));
    }
  });

  it("kro mode over a direct instance's objects: the deploy fails and the objects stay the direct instance's", async () => {
    const own = await testNamespace(kc, 'own-kro');
    const run = (...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', own.name]);
    try {
      const direct = await run('deploy', 'examples/webapp.ts', '--name', 'solo', '--set', 'replicas=1', '--timeout', '2m');
      assert.equal(direct.code, 0, transcript(direct));
      const kro = await run('deploy', 'examples/webapp.ts', '--mode', 'kro', '--name', 'taker', '--set', 'replicas=1', '--timeout', '40s');
      assert.equal(kro.code, 1, transcript(kro));
      assert.match(kro.stderr, new RegExp(`Deployment ${own.name}/webapp is owned by TypeKro instance "solo"`));
      const labels = (await apps.readNamespacedDeployment({ name: 'webapp', namespace: own.name })).metadata?.labels ?? {};
      assert.equal(labels['typekro.dev/instance'], 'solo');
      assert.equal(labels['kro.run/instance-name'], undefined, 'KRO did not relabel the object');
      // refused before anything was applied: there is no kro instance to delete
      const none = await run('delete', 'examples/webapp.ts', '--mode', 'kro', '--name', 'taker');
      assert.equal(none.code, 1, transcript(none));
      assert.match(none.stderr, /not found/);
      const removed = await run('delete', 'examples/webapp.ts', '--name', 'solo');
      assert.equal(removed.code, 0, transcript(removed));
      assert.deepEqual((await apps.listNamespacedDeployment({ namespace: own.name })).items.map((d) => d.metadata?.name), []);
    } finally {
      await own.remove();
    }
  });
});
