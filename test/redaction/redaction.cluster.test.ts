/**
 * Issue 13, point 5, against the cluster: a password from the spec (it flows into a Secret) and a token marked
 * `sensitive` never appear in `typekro deploy`'s output, progress or errors, in either mode, including an
 * error the API server words with the password (a label value it refuses) and, in kro mode, KRO's conditions
 * that quote that error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from '../cli/run.js';

const fixture = 'test/input/fixtures/vault.ts';
const kubeconfig = testKubeConfigPath();
const password = 'Zq7-pass-word-8841';
const apiToken = 'tok-5f2a9c41-sensitive';
// Matches the spec's pattern, but is longer than a label value may be: the API server refuses it, quoting it.
const refusedPassword = `Zq7-${'k'.repeat(70)}`;

for (const mode of ['direct', 'kro'] as const) {
  describe(`secrets in ${mode} mode`, () => {
    let namespace: { name: string; remove: () => Promise<void> };
    const cli = (...args: string[]) => typekro([...args, '--mode', mode, '--kubeconfig', kubeconfig, '-n', namespace.name]);
    before(async () => {
      namespace = await testNamespace(testKubeConfig(), `redact-${mode}`);
    });
    after(async () => namespace.remove());

    it('deploy: the output is the status, its field computed from the password redacted; neither secret is printed anywhere', async () => {
      const result = await cli('deploy', fixture, '--set', `password=${password}`, '--set', `apiToken=${apiToken}`, '--timeout', '2m');
      assert.equal(result.code, 0, transcript(result));
      const printed = parse(result.stdout) as { spec?: unknown; status: { endpoint?: string } };
      assert.equal(printed.spec, undefined);
      assert.equal(printed.status.endpoint, '[redacted]');
      for (const secret of [password, apiToken]) assert.ok(!`${result.stdout}${result.stderr}`.includes(secret), transcript(result));
      const removed = await cli('delete', fixture, '--name', 'vault', '--timeout', '2m');
      assert.equal(removed.code, 0, transcript(removed));
    });

    it('a deploy the API server refuses, quoting the password: the error and the progress show [redacted]', async () => {
      const result = await cli('deploy', fixture, '--set', 'name=refused', '--set', `password=${refusedPassword}`, '--set', `apiToken=${apiToken}`, '--timeout', '25s');
      assert.notEqual(result.code, 0, transcript(result));
      const output = `${result.stdout}${result.stderr}`;
      assert.ok(!output.includes(refusedPassword.slice(4, 40)) && !output.includes(apiToken), transcript(result));
      // the error did quote it: the redaction was needed
      assert.match(result.stderr, /typekro: [^\n]*\[redacted\]/, transcript(result));
      // status shows the status (its endpoint is computed from the password) and, in kro mode, KRO's conditions,
      // which quote the same error; without the spec, the CLI knows the password only from the cluster's answers
      const status = await cli('status', fixture, '--name', 'refused');
      assert.ok(!`${status.stdout}${status.stderr}`.includes(refusedPassword.slice(4, 40)), transcript(status));
      await cli('delete', fixture, '--name', 'refused', '--timeout', '1m');
    });
  });
}
