/**
 * Trial 19 F2: `typekro check` said "spec: valid" and `render --manifests` printed two identical documents
 * for two loop items that make one object name, which deploy refuses. Both refuse the spec now, with
 * deploy's message (test/cli/deploy.cluster.test.ts has plan and deploy).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcript, typekro } from './run.js';

const refusal = `resource "configMap" makes two objects ConfigMap "item-dup" in namespace default: one object would hold the last one's content; give them different names (check the spec values their names are made of)`;

describe('two loop items of one object name (trial 19 F2)', { concurrency: 4 }, () => {
  for (const command of [['check'], ['render', '--manifests']]) {
    it(`typekro ${command.join(' ')} refuses them, exit 2 (a spec error), and prints no manifest`, async () => {
      const result = await typekro([...command, 'test/cli/fixtures/same-items.ts', '--set', 'items=[dup, dup]']);
      assert.equal(result.code, 2, transcript(result));
      assert.equal(result.stderr, `typekro: ${refusal}\n`);
      assert.equal(result.stdout, '');
    });
  }

  it('distinct items render', async () => {
    const result = await typekro(['render', 'test/cli/fixtures/same-items.ts', '--manifests', '--set', 'items=[a, b]']);
    assert.equal(result.code, 0, transcript(result));
    assert.match(result.stdout, /name: item-a[\s\S]*name: item-b/);
  });
});
