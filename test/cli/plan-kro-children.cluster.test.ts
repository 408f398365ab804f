/**
 * `typekro plan` in kro mode lists what KRO will do to the instance's objects, not only the instance's spec
 * diff (trial 14 F12): the same planner as direct mode's plan over the planned spec and the objects KRO owns
 * (runtime/kro/children-plan.ts), each change checked by a server-side dry run applied as KRO applies. The
 * same spec change planned in direct mode lists the same objects with the same actions and paths; a resource
 * reading the status of one the change rolls out (`e` reads `a.status`) is "values known after apply" in both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const fixture = 'test/cli/fixtures/fleet.ts';
const kubeconfig = testKubeConfigPath();

describe('typekro plan in kro mode: the objects KRO will create, change and delete', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const cli = (mode: 'direct' | 'kro', ...args: string[]) => typekro([...args, '--mode', mode, '--kubeconfig', kubeconfig, '-n', ns.name]);
  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'plan-kro-children');
    for (const [mode, name] of [['kro', 'f'], ['direct', 'g']] as const) {
      const deployed = await cli(mode, 'deploy', fixture, '--name', name, '--set', 'replicas=1', '--timeout', '3m');
      assert.equal(deployed.code, 0, transcript(deployed));
    }
  });
  after(async () => ns?.remove());

  it('the deployed spec: every object unchanged', async () => {
    const result = await cli('kro', 'plan', fixture, '--name', 'f', '--set', 'replicas=1');
    assert.equal(result.code, 0, transcript(result));
    assert.equal(
      result.stdout.trim(),
      [
        `plan for Fleet "f" (kro mode, namespace ${ns.name}): 0 to create, 0 to change, 0 to delete, 6 unchanged, 1 skipped`,
        `  = rgd       ResourceGraphDefinition fleet`,
        `  = instance  Fleet ${ns.name}/f`,
        `  = a         Deployment ${ns.name}/f-a`,
        `  = c         ConfigMap ${ns.name}/f-c`,
        `  = b         ConfigMap ${ns.name}/f-b`,
        `  = e         ConfigMap ${ns.name}/f-e`,
        `  · d         skipped  (excluded by its condition)`,
      ].join('\n'),
    );
  });

  it('a spec change: the object KRO creates, the ones it changes (field paths) and the one it deletes, as direct mode plans them', async () => {
    const result = await cli('kro', 'plan', fixture, '--name', 'f', '--set', 'replicas=2', '--set', 'extra=true');
    assert.equal(result.code, 0, transcript(result));
    assert.equal(
      result.stdout.trim(),
      [
        `plan for Fleet "f" (kro mode, namespace ${ns.name}): 1 to create, 3 to change, 1 to delete, 2 unchanged, 1 skipped`,
        `  + d         Deployment ${ns.name}/f-d`,
        `  ~ instance  Fleet ${ns.name}/f`,
        `      spec.extra: false → true`,
        `      spec.replicas: 1 → 2`,
        `  ~ a         Deployment ${ns.name}/f-a`,
        `      spec.replicas: 1 → 2`,
        `  ~ e         ConfigMap ${ns.name}/f-e  (values known after apply; data.ready: a.status is not set by the manifest of a: only the cluster knows it)`,
        `  - c         ConfigMap ${ns.name}/f-c  (no longer desired)`,
        `  = rgd       ResourceGraphDefinition fleet`,
        `  = b         ConfigMap ${ns.name}/f-b`,
        `  · c         skipped  (excluded by its condition)`,
      ].join('\n'),
    );
    const direct = await cli('direct', 'plan', fixture, '--name', 'g', '--set', 'replicas=2', '--set', 'extra=true');
    assert.equal(direct.code, 0, transcript(direct));
    assert.equal(
      direct.stdout.trim(),
      [
        `plan for Fleet "g" (direct mode, namespace ${ns.name}): 1 to create, 2 to change, 1 to delete, 1 unchanged, 1 skipped`,
        `  updating instance g (deployed before with another spec)`,
        `  + d  Deployment ${ns.name}/g-d`,
        `  ~ a  Deployment ${ns.name}/g-a`,
        `      spec.replicas: 1 → 2`,
        `  ~ e  ConfigMap ${ns.name}/g-e  (values known after apply; data.ready: a.status is not set by the manifest of a: only the cluster knows it)`,
        `  - c  ConfigMap ${ns.name}/g-c  (no longer desired)`,
        `  = b  ConfigMap ${ns.name}/g-b`,
        `  · c  skipped  (excluded by its condition)`,
      ].join('\n'),
    );
  });
});
