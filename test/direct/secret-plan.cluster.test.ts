/**
 * The plan of a direct deploy over Secrets, now that their stringData is deployed as data
 * (composition/secret-wire.ts): an unchanged Secret plans no change, a changed value plans its `data.KEY`,
 * a removed key plans its removal; neither the API's plan nor the CLI's prints a value, in clear or base64
 * (the plan shows values before → after elsewhere: a Secret's are `[redacted]`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import secretPlan from './fixtures/secret-plan.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from '../cli/run.js';

const kubeconfig = testKubeConfigPath();
const deployed = { creds: { DB_USER: 'admin-user', DB_PASSWORD: 'first-db-secret' }, user: 'plan-user', password: 'first-password' };
const SECRETS = ['first-db-secret', 'first-password', 'second-password', 'literal-value'];

/** No secret value of the specs planned, in clear or base64, in `text`. */
function assertNoSecret(text: string): void {
  for (const value of SECRETS) for (const form of [value, Buffer.from(value).toString('base64')]) assert.ok(!text.includes(form), `${form} (${value}) printed:\n${text}`);
}

describe('direct mode: the plan of Secrets', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const factory = () => secretPlan.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 });
  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'secret-plan');
    await factory().deploy(deployed, { name: 'sp' });
  });
  after(async () => ns?.remove());

  it('an unchanged Secret plans no change', async () => {
    const plan = await factory().plan(deployed, { name: 'sp' });
    assert.deepEqual(plan.change, []);
    assert.deepEqual(plan.unchanged.map((o) => o.resourceId), ['creds', 'keys']);
    assertNoSecret(JSON.stringify(plan));
  });

  it('a changed value plans its data key; a removed key plans its removal; no value is shown', async () => {
    const plan = await factory().plan({ ...deployed, creds: { DB_USER: 'admin-user' }, password: 'second-password' }, { name: 'sp' });
    assert.deepEqual(plan.change.map((c) => [c.resource.resourceId, c.paths, c.removed ?? []]), [
      ['creds', ['data.DB_PASSWORD'], ['data.DB_PASSWORD']],
      ['keys', ['data.PASSWORD'], []],
    ]);
    assertNoSecret(JSON.stringify(plan));
  });

  it('the CLI says so, in text and JSON, each value [redacted]', async () => {
    const args = ['plan', 'test/direct/fixtures/secret-plan.ts', '--name', 'sp', '--kubeconfig', kubeconfig, '-n', ns.name];
    const set = ['--set', 'creds.DB_USER=admin-user', '--set', 'user=plan-user', '--set', 'password=second-password'];
    const text = await typekro([...args, ...set]);
    assert.equal(text.code, 0, transcript(text));
    assert.match(text.stdout, /: 0 to create, 2 to change, 0 to delete, 0 unchanged\n/);
    assert.match(text.stdout, /~ creds +Secret \S+\/plan-creds\n +data\.DB_PASSWORD: \[old text not shown\] → \(removed\)\n/);
    assert.match(text.stdout, /~ keys +Secret \S+\/plan-keys\n +data\.PASSWORD: \[old text not shown\] → \[redacted\]\n/);
    assertNoSecret(text.stdout + text.stderr);
    const json = await typekro([...args, ...set, '-o', 'json']);
    assert.equal(json.code, 0, transcript(json));
    const changes = (JSON.parse(json.stdout) as { objects: { resource: string; changes?: unknown[] }[] }).objects.map((o) => [o.resource, o.changes]);
    assert.deepEqual(changes, [['creds', [{ path: 'data.DB_PASSWORD', removed: true, before: '[old text not shown]' }]], ['keys', [{ path: 'data.PASSWORD', before: '[old text not shown]', after: '[redacted]' }]]]);
    assertNoSecret(json.stdout + json.stderr);
  });
});
