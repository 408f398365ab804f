/**
 * Trial 19 F5: a kro-mode plan of a composition that dropped the only resource of a kind said "0 to delete"
 * (it listed the instance's objects only in the new graph's kinds) while KRO deleted the object. It reads the
 * kinds of the RGD in the cluster too, as direct mode reads its instance record's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

describe('kro plan: a resource removed with its kind', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--mode', 'kro', '--kubeconfig', testKubeConfigPath(), '-n', ns.name]);
  before(async () => (ns = await testNamespace(testKubeConfig(), 'plan-kind-gone')));
  after(async () => ns?.remove());

  it('is listed as deleted', async () => {
    const deployed = await cli('deploy', 'test/cli/fixtures/kind-gone-v1.ts', '--set', 'name=k', '--timeout', '3m');
    assert.equal(deployed.code, 0, transcript(deployed));
    const plan = await cli('plan', 'test/cli/fixtures/kind-gone-v2.ts', '--set', 'name=k');
    assert.equal(plan.code, 0, transcript(plan));
    assert.match(plan.stdout, /: 0 to create, 1 to change, 1 to delete, /);
    assert.match(plan.stdout, new RegExp(`^  - secret +Secret ${ns.name}/k-s  \\(no longer desired\\)$`, 'm'));
  });
});
