/**
 * `-f` means `--follow` in `typekro logs` (as in `kubectl logs -f`) and `--spec` elsewhere: a spec file given
 * after `logs ... -f` is an extra argument, and the message says what -f means here and how to give the spec.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcript, typekro } from './run.js';

describe('typekro logs -f', () => {
  it('a spec file after -f is refused with what -f means here, exit 2', async () => {
    const result = await typekro(['logs', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml']);
    assert.equal(result.code, 2, transcript(result));
    assert.equal(
      result.stderr.split('\n')[0],
      'typekro: in typekro logs, -f is --follow (as in kubectl logs -f), so "examples/webapp.spec.yaml" is an extra argument; give a spec file with --spec examples/webapp.spec.yaml',
    );
  });
  it('another extra argument is refused as such', async () => {
    const result = await typekro(['logs', 'examples/webapp.ts', 'more']);
    assert.equal(result.code, 2, transcript(result));
    assert.equal(result.stderr.split('\n')[0], `typekro: too many arguments for 'logs': expected the composition file only, got also "more"`);
  });
  it('the help says -f follows, and that the spec is --spec', async () => {
    const result = await typekro(['logs', '--help']);
    assert.match(result.stdout.replace(/\s+/g, ' '), /-f, --follow stream new lines until Ctrl-C \(in other commands -f is --spec\)/);
    assert.match(result.stdout.replace(/\s+/g, ' '), / --spec <file> instance spec/);
  });
});
