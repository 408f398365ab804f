/**
 * The per-component cache, end to end without recompiling: a build step that copies the binaries built
 * before stands in for `go build`, so the real cold path (build, version check, rename, set links) runs.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureClusterBinaries } from './binaries.js';
import type { GoBuildFn } from './build.js';

describe('per-component binaries cache', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'typekro-components-'));
  after(() => rmSync(cacheDir, { recursive: true, force: true }));

  /** Copies the binaries of an earlier build where the step would write them, recording each step. */
  const copying = (from: string, built: string[]): GoBuildFn => async (step) => {
    built.push(step.label);
    const intoDir = step.output.endsWith('/');
    for (const name of intoDir ? step.packages.map((p) => basename(p)) : [basename(step.output)]) {
      await copyFile(join(from, name), intoDir ? join(step.output, name) : step.output);
    }
    return 0;
  };

  it('builds every component into its own directory, then only the one that is missing', async () => {
    const earlier = await ensureClusterBinaries();
    const from = dirname(earlier.paths['kube-apiserver']);
    const built: string[] = [];
    const first = await ensureClusterBinaries({ cacheDir, goBuild: copying(from, built), progress: () => {} });
    assert.deepEqual(built, ['kubernetes', 'etcd', 'kwok', 'kro', 'flux-source', 'flux-helm']);
    assert.equal(first.key, earlier.key, 'the same wrappers and toolchain give the same set key');
    const root = join(cacheDir, 'clusterbins');
    const kroDir = readdirSync(root).find((n) => n.startsWith('kro-'));
    assert.ok(kroDir, readdirSync(root).join(' '));

    rmSync(join(root, kroDir), { recursive: true }); // the set's kro-controller link now dangles
    built.length = 0;
    const second = await ensureClusterBinaries({ cacheDir, goBuild: copying(from, built), progress: () => {} });
    assert.deepEqual(built, ['kro'], 'only the missing component is built again');
    assert.equal(second.dir, first.dir);
    assert.ok(existsSync(second.paths['kro-controller']));

    built.length = 0;
    await ensureClusterBinaries({ cacheDir, goBuild: copying(from, built), progress: () => {} });
    assert.deepEqual(built, [], 'a complete set is a cache hit');
  });
});
