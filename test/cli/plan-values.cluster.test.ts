/**
 * `typekro plan` and `deploy` over an instance deployed before (issue 10, a new-user trial): the plan shows
 * each changed field's value before → after (cut when long; a field the template fills from a sensitive spec
 * value is `[redacted]`, its old value too), and both say when the deploy updates an instance deployed with
 * another spec, naming the default that made the name (the composition's) and the way to a separate instance.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const fixture = 'test/cli/fixtures/svcs.ts';
const TOKENS = ['first-token-1', 'second-token-2'];
const first = ['--set', 'image=nginx:1.26', '--set', `token=${TOKENS[0]}`, '--set', 'note=short'];
const second = ['--set', 'image=nginx:1.27', '--set', `token=${TOKENS[1]}`, '--set', `note=${'y'.repeat(100)}`];
const NOTE = 'updating instance svcs (deployed before with another spec; "svcs" is the composition\'s name, the default when neither --name nor the spec\'s name gives one: give --name to deploy a separate instance)';

/** No token, in clear or base64, in `text`. */
function assertNoSecret(text: string): void {
  for (const value of TOKENS) for (const form of [value, Buffer.from(value).toString('base64')]) assert.ok(!text.includes(form), `${form} printed:\n${text}`);
}

describe('plan values and updates of an instance deployed before', () => {
  let ns: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', ns.name]);
  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'plan-values');
    const deployed = await cli('deploy', fixture, ...first, '--wait=false');
    assert.equal(deployed.code, 0, transcript(deployed));
    assert.doesNotMatch(deployed.stderr, /updating instance/, 'a new instance is no update');
  });
  after(async () => ns?.remove());

  it('the same spec: no note; another spec: the note, and each change before → after (old text not shown), secrets redacted', async () => {
    const same = await cli('plan', fixture, ...first);
    assert.equal(same.code, 0, transcript(same));
    assert.equal(same.stdout.trim(), [
      `plan for Svcs "svcs" (direct mode, namespace ${ns.name}): 0 to create, 0 to change, 0 to delete, 2 unchanged`,
      `  = config  ConfigMap ${ns.name}/svcs-config`,
      `  = web     Deployment ${ns.name}/svcs-web`,
    ].join('\n'));
    const other = await cli('plan', fixture, ...second);
    assert.equal(other.code, 0, transcript(other));
    assert.equal(other.stdout.trim(), [
      `plan for Svcs "svcs" (direct mode, namespace ${ns.name}): 0 to create, 2 to change, 0 to delete, 0 unchanged`,
      `  ${NOTE}`,
      `  ~ config  ConfigMap ${ns.name}/svcs-config`,
      `      data.note: [old text not shown] → "${'y'.repeat(59)}…(102 characters)`,
      `  ~ web     Deployment ${ns.name}/svcs-web`,
      `      spec.template.spec.containers[0].env[0].value: [old text not shown] → [redacted]`,
      `      spec.template.spec.containers[0].image: [old text not shown] → "nginx:1.27"`,
    ].join('\n'));
    assertNoSecret(other.stdout + other.stderr);
  });

  it('JSON: the instance and the values; --name gives a new instance', async () => {
    const json = await cli('plan', fixture, ...second, '-o', 'json');
    assert.equal(json.code, 0, transcript(json));
    const plan = JSON.parse(json.stdout) as { instance: unknown; objects: { resource: string; changes?: unknown[] }[] };
    assert.deepEqual(plan.instance, { name: 'svcs', deployed: 'other-spec', note: NOTE });
    assert.deepEqual(plan.objects.find((o) => o.resource === 'web')?.changes, [
      { path: 'spec.template.spec.containers[0].env[0].value', before: '[old text not shown]', after: '[redacted]' },
      { path: 'spec.template.spec.containers[0].image', before: '[old text not shown]', after: '"nginx:1.27"' },
    ]);
    assertNoSecret(json.stdout + json.stderr);
    const named = await cli('plan', fixture, ...second, '--name', 'svcs-two', '-o', 'json');
    assert.equal(named.code, 0, transcript(named));
    assert.deepEqual((JSON.parse(named.stdout) as { instance: unknown }).instance, { name: 'svcs-two', deployed: 'new' });
  });

  it('deploy of another spec says it updates the instance, before anything is applied', async () => {
    const result = await cli('deploy', fixture, ...second, '--wait=false');
    assert.equal(result.code, 0, transcript(result));
    const lines = result.stderr.split('\n');
    const note = lines.findIndex((line) => line.endsWith(` ${NOTE}`));
    assert.ok(note > 0, transcript(result));
    assert.ok(note < lines.findIndex((line) => /applied /.test(line)), transcript(result));
    assertNoSecret(result.stdout + result.stderr);
  });
  it('kro mode: the instance, the RGD and the children each change before → after, no secret shown', async () => {
    // Its own namespace: the direct instance above owns objects of the same names.
    const own = await testNamespace(testKubeConfig(), 'plan-values-kro');
    try {
      const kro = (...args: string[]) => typekro([...args, '--name', 'svcs-kro', '--mode', 'kro', '--kubeconfig', testKubeConfigPath(), '-n', own.name]);
      const deployed = await kro('deploy', fixture, ...first, '--timeout', '3m');
      assert.equal(deployed.code, 0, transcript(deployed));
      const other = await kro('plan', fixture, ...second);
      assert.equal(other.code, 0, transcript(other));
      assert.equal(other.stdout.trim(), [
        `plan for Svcs "svcs-kro" (kro mode, namespace ${own.name}): 0 to create, 3 to change, 0 to delete, 1 unchanged`,
        `  ~ instance  Svcs ${own.name}/svcs-kro`,
        `      spec.image: [old text not shown] → "nginx:1.27"`,
        `      spec.note: [old text not shown] → "${'y'.repeat(59)}…(102 characters)`,
        `      spec.token: [old text not shown] → [redacted]`,
        `  ~ config    ConfigMap ${own.name}/svcs-config`,
        `      data.note: [old text not shown] → "${'y'.repeat(59)}…(102 characters)`,
        `  ~ web       Deployment ${own.name}/svcs-web`,
        `      spec.template.spec.containers[0].env[0].value: [old text not shown] → [redacted]`,
        `      spec.template.spec.containers[0].image: [old text not shown] → "nginx:1.27"`,
        `  = rgd       ResourceGraphDefinition svcs`,
      ].join('\n'));
      assertNoSecret(other.stdout + other.stderr);
    } finally {
      await own.remove();
    }
  });
});
