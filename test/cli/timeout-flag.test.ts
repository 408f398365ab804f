/**
 * `--timeout 0` (trial 14 F11) is refused where the arguments are read, before anything is applied: a zero
 * deadline applied the objects and then failed at once. Negative and non-numeric deadlines were already
 * refused there; all three are checked here with the message that names the flag.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcript, typekro } from './run.js';

const fixture = 'test/input/fixtures/vault.ts';
const spec = ['--set', 'password=abcd-1234', '--set', 'apiToken=tok'];
// a kubeconfig is never read: the flag is refused first
const cluster = ['--kubeconfig', '/nonexistent/kubeconfig'];

describe('--timeout', () => {
  for (const value of ['0', '0s', '0ms', '0.0001']) {
    it(`refuses ${value} before deploying`, async () => {
      const result = await typekro(['deploy', fixture, ...spec, ...cluster, '--timeout', value]);
      assert.equal(result.code, 2, transcript(result));
      assert.match(result.stderr, new RegExp(`^typekro: --timeout "${value.replace('.', '\\.')}": the deadline must be more than zero \\(a zero deadline fails right after applying the objects\\); use a duration such as 90s or 5m$`, 'm'));
      assert.doesNotMatch(result.stderr, /deploying|applied/);
    });
  }

  it('refuses 0 for delete too', async () => {
    const result = await typekro(['delete', fixture, ...spec, ...cluster, '--timeout=0']);
    assert.equal(result.code, 2, transcript(result));
    assert.match(result.stderr, /^typekro: --timeout "0": the deadline must be more than zero/m);
  });

  for (const value of ['-5', 'abc']) {
    it(`refuses ${value}`, async () => {
      const result = await typekro(['deploy', fixture, ...spec, ...cluster, `--timeout=${value}`]);
      assert.equal(result.code, 2, transcript(result));
      assert.match(result.stderr, new RegExp(`^typekro: --timeout "${value}": use a duration such as 90s, 5m, 1m30s or 1500ms$`, 'm'));
    });
  }
});
