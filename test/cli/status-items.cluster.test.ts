/**
 * A collection with one item whose readyWhen is false (trial 14, S1): the deploy fails naming that item alone,
 * and `typekro status` counts the other as ready, in both modes. The report used to copy the failing item's
 * reason onto every item ("0/2 objects ready").
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();
const fixture = 'test/cli/fixtures/items.ts';
const specFile = join(mkdtempSync(join(tmpdir(), 'items-')), 'spec.yaml');
writeFileSync(specFile, 'name: cc\nitems:\n  - name: a\n  - name: b\n    v: bad\n');
const falseReason = 'item 1: readyWhen is false: `!has(each.data.v) || each.data.v != "bad"` with data.v = "bad"';

for (const mode of ['direct', 'kro'] as const) {
  describe(`one collection item not ready (${mode} mode)`, () => {
    let namespace: { name: string; remove: () => Promise<void> };
    const cli = (...args: string[]) => typekro([...args, '--mode', mode, '--kubeconfig', kubeconfig, '-n', namespace.name]);
    before(async () => {
      namespace = await testNamespace(testKubeConfig(), `cli-items-${mode}`);
    });
    after(async () => namespace.remove());

    it('the deploy and status name only the failing item', async () => {
      const deployed = await cli('deploy', fixture, '-f', specFile, '--timeout', '20s');
      assert.equal(deployed.code, 3, transcript(deployed));
      const failure = deployed.stderr + deployed.stdout;
      assert.match(failure, new RegExp(`ConfigMap ${namespace.name}/cc-b\\) not ready before the deadline: ${escape(falseReason)}|ConfigMap ${namespace.name}/cc-b: ${escape(falseReason)}`), transcript(deployed));
      assert.doesNotMatch(failure, /cc-a[):].*readyWhen/, transcript(deployed));
      const status = await cli('status', fixture, '--name', 'cc', '-f', specFile);
      assert.equal(status.code, 3, transcript(status));
      assert.match(status.stdout, /NOT ready \(1\/2 objects ready\)/, transcript(status));
      assert.match(status.stdout, /^cms\s+ConfigMap\s+cc-a\s+yes\s+ready$/m, transcript(status));
      assert.match(status.stdout, new RegExp(`^cms\\s+ConfigMap\\s+cc-b\\s+no\\s+${escape(falseReason)}$`, 'm'), transcript(status));
      await cli('delete', fixture, '--name', 'cc');
    });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
