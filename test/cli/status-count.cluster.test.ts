/**
 * `typekro status` of an instance whose Deployment was never created (its port name, from a sensitive spec field,
 * is refused by the API server): the count covers every object of the instance (1/2, not 1/1), and in direct
 * mode, which stores no spec, the Deployment's row says which sensitive field it lacks instead of "No such key".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();
const fixture = 'test/cli/fixtures/leak.ts';

for (const mode of ['direct', 'kro'] as const) {
  describe(`status of a half-created instance (${mode} mode)`, () => {
    let namespace: { name: string; remove: () => Promise<void> };
    const cli = (...args: string[]) => typekro([...args, '--mode', mode, '--kubeconfig', kubeconfig, '-n', namespace.name]);
    before(async () => {
      namespace = await testNamespace(testKubeConfig(), `cli-count-${mode}`);
    });
    after(async () => namespace.remove());

    it('counts the missing Deployment, and (direct) names the unstored secret', async () => {
      const name = `leak-${mode}`;
      const deployed = await cli('deploy', fixture, '--name', name, '--set', 'apiToken=not a label!', '--timeout', '20s');
      assert.notEqual(deployed.code, 0, transcript(deployed));
      const status = await cli('status', fixture, '--name', name);
      assert.equal(status.code, 3, transcript(status));
      assert.match(status.stdout, /NOT ready \(1\/2 objects ready\)/, transcript(status));
      assert.doesNotMatch(status.stdout, /not a label/, transcript(status));
      const row = status.stdout.split('\n').find((line) => /^d\s+Deployment/.test(line)) ?? '';
      if (mode === 'direct') {
        assert.match(row, /cannot be evaluated without spec\.apiToken \(sensitive, not stored/, transcript(status));
        assert.doesNotMatch(row, /No such key/);
        // given the spec, the row is the template's own state (not created)
        const given = await cli('status', fixture, '--name', name, '--set', 'apiToken=not a label!');
        assert.match(given.stdout, /^d\s+Deployment\s+-\s+missing/m, transcript(given));
      } else assert.match(row, /Deployment\s+-\s+missing/, transcript(status));
      await cli('delete', fixture, '--name', name);
    });
  });
}
