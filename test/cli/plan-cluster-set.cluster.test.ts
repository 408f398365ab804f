/**
 * `typekro plan` (and the direct factory's plan()) on values that read what only the cluster sets, behind a
 * JavaScript default (`??`, `?.`, `||`), and on objects copied whole from another resource: before the
 * first deploy nothing of the cluster's exists, so each such resource is "values known after apply", its
 * note naming the field. The plan took the default (or the manifest's object) instead and planned a plain
 * create of `IP: none`, `PORT: "0"`, `READY: "0"`, where the deploy writes an address, 80 and 3. A resource
 * reading only fields the manifests set is a plain create. The same fixture renders offline in
 * test/testing/render-cluster-set.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import app from './fixtures/cluster-defaults.js';
import { CLUSTER_SET_REASONS } from './fixtures/cluster-defaults-reasons.js';
import { transcript, typekro } from './run.js';

const fixture = 'test/cli/fixtures/cluster-defaults.ts';
const afterApply = CLUSTER_SET_REASONS;

describe('plan: reads of what only the cluster sets', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(testKubeConfig(), 'plan-cluster-set')));
  after(async () => ns?.remove());

  it("the factory's plan: each such resource is known after apply, naming the field; the others are plain creates", async () => {
    const plan = await app.factory('direct', { kubeConfig: testKubeConfig(), namespace: ns.name }).plan({ name: 'cd' });
    assert.deepEqual(
      plan.create.filter((o) => o.knownAfterApply).map((o) => [o.resourceId, o.note]),
      afterApply.map(([id, note]) => [id, note]),
    );
    assert.deepEqual(plan.create.filter((o) => !o.knownAfterApply).map((o) => [o.resourceId, o.name]), [['svc', 'cd'], ['web', 'cd-web'], ['known', 'cd-known']]);
  });

  it('typekro plan prints the same, each such line with its field', async () => {
    const result = await typekro(['plan', fixture, '--set', 'name=cd', '--mode', 'direct', '--kubeconfig', testKubeConfigPath(), '-n', ns.name]);
    assert.equal(result.code, 0, transcript(result));
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], `plan for ClusterDefaults "cd" (direct mode, namespace ${ns.name}): 9 to create, 0 to change, 0 to delete, 0 unchanged`);
    for (const [id, note] of afterApply) {
      assert.ok(lines.some((line) => line.startsWith(`  + ${id.padEnd(8)}  `) && line.endsWith(`(known after apply)  (values known after apply; ${note})`)), `${id}\n${result.stdout}`);
    }
    assert.ok(lines.some((line) => line === `  + known     ConfigMap ${ns.name}/cd-known`), result.stdout);
  });
});
