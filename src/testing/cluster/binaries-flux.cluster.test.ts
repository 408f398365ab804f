/**
 * `withoutFlux` (what `typekro cluster start --no-flux` asks for): the Flux controllers are neither built nor
 * waited for. A cache holding every core component but Flux's is enough without Flux; with Flux, the same
 * cache starts a build of the Flux controllers. No Go build runs: the build function records what it is asked.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureClusterBinaries } from './binaries.js';
import type { GoBuildFn } from './build.js';
import { componentKey, planBuild } from './build-plan.js';
import { goToolchain } from './go.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'typekro-bins-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Component directories as a finished build leaves them (a manifest and the binaries), Flux's left out. */
async function cacheWithoutFlux(): Promise<void> {
  const plan = planBuild();
  const go = await goToolchain(plan.wrappers.k8s);
  for (const component of plan.components.filter((c) => !c.optional && !c.id.startsWith('flux-'))) {
    const dir = join(cacheDir, 'clusterbins', `${component.id}-${componentKey(component, go)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), '{}');
    for (const name of component.binaries) writeFileSync(join(dir, name), '');
  }
}

describe('cluster binaries without Flux', () => {
  it('needs no Flux controller; with Flux, their build starts', async () => {
    await cacheWithoutFlux();
    const asked: string[] = [];
    const goBuild: GoBuildFn = async (step) => {
      asked.push(step.label);
      throw new Error(`not built in this test: ${step.label}`);
    };
    const bins = await ensureClusterBinaries({ cacheDir, withoutFlux: true, goBuild, progress: () => {} });
    assert.deepEqual(asked, []);
    assert.match(bins.paths['kube-apiserver'], /kube-apiserver$/);
    await assert.rejects(ensureClusterBinaries({ cacheDir, goBuild, progress: () => {} }), /not built in this test: flux-source/);
    assert.deepEqual(asked, ['flux-source']);
  });
});
