/**
 * Trial 19 F1: objects of a direct instance edited by hand (`kubectl patch` of a ConfigMap's data, a label
 * removed, a Deployment scaled to 0). Direct `status` said ready and nothing of the drift, and the next deploy
 * of the unchanged spec failed with a field-manager conflict, while KRO put everything back. Now status
 * reports each drifted object and field (the dry run `plan` makes) and is not ready; plan says the deploy
 * takes those fields over; deploy applies the instance's own objects with force, as KRO does, and status is
 * ready again. `force: false` keeps the strict behaviour: its conflict error names the object, field and
 * manager, and says truly what was left applied. Adopted objects are not forced. Also trial 19 F2 against a
 * cluster: plan and deploy (both modes) refuse two loop items of one object name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { ApplyConflictError } from '../../src/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { configMap, factoryFor, spec, x } from '../direct/support.js';
import { transcript, typekro } from './run.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('hand edits of a direct instance (trial 19 F1)', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', ns.name]);
  before(async () => (ns = await testNamespace(kc, 'cli-drift')));
  after(async () => ns?.remove());

  it('status reports the drift and is not ready; plan lists it; deploy puts it back', async () => {
    const deployed = await cli('deploy', 'test/cli/fixtures/drift.ts', '--set', 'name=d', '--timeout', '2m');
    assert.equal(deployed.code, 0, transcript(deployed));
    await core.patchNamespacedConfigMap({ name: 'd-cfg', namespace: ns.name, body: { metadata: { labels: { team: null } }, data: { tier: 'HACKED' } }, fieldManager: 'kubectl-patch' }, merge);
    await apps.patchNamespacedDeployment({ name: 'd', namespace: ns.name, body: { spec: { replicas: 0 } }, fieldManager: 'kubectl-scale' }, merge);

    const status = await cli('status', 'test/cli/fixtures/drift.ts', '--name', 'd');
    assert.equal(status.code, 3, transcript(status));
    assert.match(status.stdout, /NOT ready \(\d\/2 objects ready; 2 objects differ from the composition\)/);
    assert.match(status.stdout, new RegExp(`^  cfg ConfigMap ${ns.name}/d-cfg: data\\.tier: .* → "none"; metadata\\.labels\\.team: \\(none\\) → "t"$`, 'm'));
    assert.match(status.stdout, new RegExp(`^  deployment Deployment ${ns.name}/d: spec\\.replicas: 0 → 2$`, 'm'));
    assert.match(status.stdout, /^cfg +ConfigMap +d-cfg +drifted /m);

    const plan = await cli('plan', 'test/cli/fixtures/drift.ts', '--set', 'name=d');
    assert.equal(plan.code, 0, transcript(plan));
    assert.match(plan.stdout, /0 to create, 2 to change, 0 to delete, 0 unchanged, 2 with fields another manager owns \(taken over\)/);
    assert.match(plan.stdout, /~ cfg +ConfigMap .*d-cfg +\(fields another field manager owns: \.data\.tier \(kubectl-patch\).*; deploy takes them over with the composition's values/);

    const again = await cli('deploy', 'test/cli/fixtures/drift.ts', '--set', 'name=d', '--timeout', '2m');
    assert.equal(again.code, 0, transcript(again));
    const cm = await core.readNamespacedConfigMap({ name: 'd-cfg', namespace: ns.name });
    assert.deepEqual([cm.data?.tier, cm.metadata?.labels?.team], ['none', 't']);
    assert.equal((await apps.readNamespacedDeployment({ name: 'd', namespace: ns.name })).spec?.replicas, 2);
    const healed = await cli('status', 'test/cli/fixtures/drift.ts', '--name', 'd');
    assert.equal(healed.code, 0, transcript(healed));
    assert.match(healed.stdout, /: ready \(2\/2 objects ready\)\n/);
    assert.doesNotMatch(healed.stdout, /differ|drifted/);
  });

  it('force: false fails on the hand-edited object, naming field and manager, and says what it left applied', async () => {
    const resources = [configMap('first', 'first', { v: x(spec('value')) }), configMap('second', 'second', { v: x(spec('value')) }, { dependsOn: ['first'] })];
    await factoryFor('strict', resources, { namespace: ns.name }).deploy({ name: 's', value: 'ours', replicas: 1, flag: true });
    await core.patchNamespacedConfigMap({ name: 's-second', namespace: ns.name, body: { data: { v: 'theirs' } }, fieldManager: 'kubectl-patch' }, merge);
    const strict = factoryFor('strict', resources, { namespace: ns.name, force: false });
    await assert.rejects(strict.deploy({ name: 's', value: 'ours', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof ApplyConflictError, String(error));
      assert.equal(
        error.message.split('\n').slice(0, 2).join('\n'),
        `apply ConfigMap ${ns.name}/s-second conflicts with another field manager: .data.v (owned by field manager "kubectl-patch"). ConfigMap ${ns.name}/s-second was not changed. Take these fields over, or stop the other tool from managing them.\n` +
          `(applied before the failure and left in the cluster: ConfigMap ${ns.name}/s-first; deploy again once fixed, or remove them)`,
      );
      assert.doesNotMatch(error.message, /Nothing was changed/);
      return true;
    });
    assert.equal((await core.readNamespacedConfigMap({ name: 's-second', namespace: ns.name })).data?.v, 'theirs');
  });

  it('an adopted object is not applied with force: its fields another tool owns are a conflict', async () => {
    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'a-first' }, data: { v: 'theirs' } }, fieldManager: 'other-tool' });
    const adopting = factoryFor('adopting', [configMap('first', 'first', { v: x(spec('value')) })], { namespace: ns.name, adopt: true });
    await assert.rejects(adopting.deploy({ name: 'a', value: 'ours', replicas: 1, flag: true }), { name: 'ApplyConflictError', message: /\.data\.v \(owned by field manager "other-tool"\)/ });
    assert.equal((await core.readNamespacedConfigMap({ name: 'a-first', namespace: ns.name })).data?.v, 'theirs');
  });
});

describe('two loop items of one object name against a cluster (trial 19 F2)', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', ns.name]);
  before(async () => (ns = await testNamespace(kc, 'cli-same-items')));
  after(async () => ns?.remove());
  const refusal = (namespace: string): string =>
    `typekro: resource "configMap" makes two objects ConfigMap "item-dup" in namespace ${namespace}: one object would hold the last one's content; give them different names (check the spec values their names are made of)`;

  it('plan and deploy refuse them in both modes; deploy says nothing was applied', async () => {
    for (const mode of ['direct', 'kro']) {
      const plan = await cli('plan', 'test/cli/fixtures/same-items.ts', '--set', 'items=[dup, dup]', '--name', 'dd', '-m', mode);
      assert.equal(plan.code, 2, transcript(plan));
      assert.equal(plan.stderr, `${refusal(ns.name)}\n`);
      const deploy = await cli('deploy', 'test/cli/fixtures/same-items.ts', '--set', 'items=[dup, dup]', '--name', 'dd', '-m', mode);
      assert.equal(deploy.code, 2, transcript(deploy));
      assert.match(deploy.stderr, new RegExp(`${refusal(ns.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Nothing was applied\\n`));
    }
    assert.deepEqual((await core.listNamespacedConfigMap({ namespace: ns.name })).items.map((c) => c.metadata?.name).filter((n) => n !== 'kube-root-ca.crt'), []);
  });
});
