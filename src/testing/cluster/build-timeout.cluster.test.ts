import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureClusterBinaries } from './binaries.js';
import { componentKey, planBuild } from './build-plan.js';
import type { GoBuildFn } from './build.js';
import { BuildTimeoutError, DEFAULT_BUILD_TIMEOUT_MS, resolveBuildTimeout } from './build-timeout.js';
import { goToolchain } from './go.js';

/** A build step that never finishes by itself: it only ends (rejecting) when the build bound aborts it. */
const hangingBuild: GoBuildFn = (step, _progress, signal) =>
  new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error(`${step.label} interrupted`)), { once: true });
  });

describe('build bound', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-buildbound-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to 90 minutes, takes TYPEKRO_BUILD_TIMEOUT_MINUTES, and names a bad value', () => {
    assert.equal(resolveBuildTimeout(undefined, {}), DEFAULT_BUILD_TIMEOUT_MS);
    assert.equal(DEFAULT_BUILD_TIMEOUT_MS, 90 * 60_000);
    assert.equal(resolveBuildTimeout(undefined, { TYPEKRO_BUILD_TIMEOUT_MINUTES: '120' }), 120 * 60_000);
    assert.equal(resolveBuildTimeout(5000, { TYPEKRO_BUILD_TIMEOUT_MINUTES: '120' }), 5000, 'the option wins');
    assert.throws(() => resolveBuildTimeout(undefined, { TYPEKRO_BUILD_TIMEOUT_MINUTES: 'soon' }), /TYPEKRO_BUILD_TIMEOUT_MINUTES must be a positive number of minutes.*"soon"/);
    assert.throws(() => resolveBuildTimeout(0, {}), /buildTimeoutMs must be a positive number of milliseconds, got 0/);
    assert.throws(() => resolveBuildTimeout(Number.NaN, {}), /buildTimeoutMs must be a positive number/);
  });

  it('stops a build that passes its bound, naming what it built and how to raise the bound, and leaves nothing', async () => {
    const cacheDir = join(dir, 'slow');
    const lines: string[] = [];
    const error = await ensureClusterBinaries({ cacheDir, buildTimeoutMs: 300, goBuild: hangingBuild, progress: (l) => lines.push(l) }).then(
      () => assert.fail('the build should have timed out'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof BuildTimeoutError, String(error));
    assert.equal(error.timeoutMs, 300);
    assert.match(error.message, /timed out after 0s, while building kubernetes \(go build k8s\.io\/kubernetes\/cmd\/kube-apiserver /);
    assert.match(error.message, /kubernetes interrupted/, 'the build step says how it ended');
    for (const how of ['buildTimeoutMs', '--build-timeout <minutes>', 'TYPEKRO_BUILD_TIMEOUT_MINUTES=<minutes>']) {
      assert.ok(error.message.includes(how), `the message names ${how}:\n${error.message}`);
    }
    assert.match(lines[0] ?? '', /\[clusterbins\] building kubernetes, etcd, kwok, kro, flux-source, flux-helm of the local control plane into .*a cold build of everything takes 15-50 minutes/);
    // neither a finished directory nor the temporary build directory nor the lock survives
    assert.deepEqual(readdirSync(join(cacheDir, 'clusterbins')), []);
  });

  it('bounds waiting for another live process that holds the build lock', async () => {
    const cacheDir = join(dir, 'locked');
    const plan = planBuild();
    const kubernetes = plan.components[0]!; // built first
    const key = componentKey(kubernetes, await goToolchain(plan.wrappers.k8s));
    mkdirSync(join(cacheDir, 'clusterbins'), { recursive: true });
    const lock = join(cacheDir, 'clusterbins', `${kubernetes.id}-${key}.lock`);
    writeFileSync(lock, String(process.pid)); // a live owner: this very process
    const error = await ensureClusterBinaries({ cacheDir, buildTimeoutMs: 1500, goBuild: hangingBuild, progress: () => {} }).then(
      () => assert.fail('waiting should have timed out'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof BuildTimeoutError, String(error));
    assert.match(error.message, new RegExp(`while waiting for the build of .*${key} running in process ${process.pid}`));
    assert.ok(existsSync(lock), 'the lock of the other process is not touched');
  });
});
