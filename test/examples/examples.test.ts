/**
 * Every example, as a user runs it, without a cluster: it has a spec file and a documented status, and it
 * checks and renders through the CLI. examples.cluster.test.ts deploys each one in both modes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { transcript, typekro } from '../cli/run.js';
import { examples, expected, specFiles } from './expected.js';

describe('examples, offline', { concurrency: 2 }, () => {
  it('every example has a spec file and an expected status here', () => {
    assert.deepEqual(examples, Object.keys(expected).sort());
    assert.deepEqual(specFiles, examples);
  });

  for (const name of examples) {
    const file = `examples/${name}.ts`;
    const spec = `examples/${name}.spec.yaml`;
    it(`${name}: checks and renders offline`, async () => {
      const check = await typekro(['check', file, '-f', spec]);
      assert.equal(check.code, 0, transcript(check));
      const rgd = await typekro(['render', file]);
      assert.equal((parse(rgd.stdout) as { kind: string }).kind, 'ResourceGraphDefinition', transcript(rgd));
      const manifests = await typekro(['render', file, '-f', spec, '--manifests']);
      assert.equal(manifests.code, 0, transcript(manifests));
    });
  }
});
