/**
 * `status`, `delete` and `logs` of an instance that exists in the other mode: "not found" names the mode
 * searched and says to add `--mode` for the mode the instance is in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const fixture = 'test/input/fixtures/vault.ts';
const spec = ['--set', 'password=abcd-1234', '--set', 'apiToken=tok-1234'];

describe('an instance looked for in the other mode', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', namespace.name]);
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'other-mode');
  });
  after(async () => namespace.remove());

  it('status, logs and delete say to add --mode for the mode the instance is in', async () => {
    for (const [mode, name] of [['kro', 'in-kro'], ['direct', 'in-direct']] as const) {
      // spec.name names the instance and its objects
      const deployed = await cli('deploy', fixture, ...spec, '--set', `name=${name}`, '--mode', mode, '--timeout', '2m');
      assert.equal(deployed.code, 0, transcript(deployed));
    }
    for (const [mode, name, other] of [['direct', 'in-kro', 'kro'], ['kro', 'in-direct', 'direct']] as const) {
      for (const command of ['status', 'logs', 'delete']) {
        const result = await cli(command, fixture, '--mode', mode, '--name', name);
        assert.equal(result.code, 1, transcript(result));
        assert.match(result.stderr, new RegExp(`\\(${mode} mode[^\\n]*not found[^\\n]*; it exists in ${other} mode: add --mode ${other}$`, 'm'), transcript(result));
      }
    }
    // nothing was deleted by the misdirected deletes; an instance in neither mode gets no hint
    for (const [mode, name] of [['kro', 'in-kro'], ['direct', 'in-direct']] as const) {
      const removed = await cli('delete', fixture, '--mode', mode, '--name', name, '--timeout', '2m');
      assert.equal(removed.code, 0, transcript(removed));
    }
    const none = await cli('status', fixture, '--name', 'in-direct');
    assert.equal(none.code, 1, transcript(none));
    assert.doesNotMatch(none.stderr, /it exists in/);
  });
});
