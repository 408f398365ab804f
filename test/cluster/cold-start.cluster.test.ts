import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ensureClusterBinaries, startLocalCluster, type ClusterBinaries, type LocalCluster } from '../../src/testing/index.js';
import { typekro, transcript } from '../cli/run.js';
import { writeGoShim } from './go-shim.js';
import { copyPrebuilt } from './prebuilt.js';

/** Index of the first line matching `pattern`, failing with every line when there is none. */
function lineIndex(lines: readonly string[], pattern: RegExp): number {
  const i = lines.findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `no progress line matches ${pattern}:\n${lines.join('\n')}`);
  return i;
}

/** The executable a component runs, from /proc: proves which binaries directory the cluster uses. */
function exeOf(cluster: LocalCluster, name: string): string {
  const pid = cluster.components.find((c) => c.name === name)?.pid;
  assert.ok(pid, `no ${name} component`);
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
}

describe('startLocalCluster() with an empty binaries cache (the cold path: build, then start)', () => {
  let warm: ClusterBinaries;
  const dirs: string[] = [];
  const clusters: LocalCluster[] = [];
  const emptyCache = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'typekro-coldcache-'));
    dirs.push(dir);
    return dir;
  };

  before(async () => {
    warm = await ensureClusterBinaries({ progress: (l) => process.stderr.write(`${l}\n`) });
  });
  after(async () => {
    mock.timers.reset();
    await Promise.all(clusters.map((c) => c.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('builds into the empty cache, reports the build, then starts a working cluster from those binaries', async () => {
    const cacheDir = emptyCache();
    const lines: string[] = [];
    const cluster = await startLocalCluster({ name: 'cold', cacheDir, goBuild: copyPrebuilt(warm.dir), progress: (l) => lines.push(l) });
    clusters.push(cluster);

    const built = join(cacheDir, 'clusterbins', warm.key);
    assert.ok(existsSync(join(built, 'manifest.json')), 'the build was recorded in the new cache');
    assert.equal(exeOf(cluster, 'kube-apiserver'), join(built, 'kube-apiserver'));
    assert.equal(exeOf(cluster, 'kro-controller'), join(built, 'kro-controller'));
    assert.deepEqual(cluster.versions, warm.versions);
    // the user sees the build, then the start, in that order
    const order = [
      lineIndex(lines, new RegExp(`^\\[clusterbins\\] building kubernetes, etcd, kwok, kro, flux-source, flux-helm of the local control plane into ${join(cacheDir, 'clusterbins')} `)),
      lineIndex(lines, /^\[clusterbins\] kubernetes: copied kube-apiserver, kube-controller-manager, kube-scheduler, kubectl /),
      lineIndex(lines, /^\[clusterbins\] flux-helm: copied helm-controller /),
      lineIndex(lines, new RegExp(`^\\[clusterbins\\] flux-helm built in .*: ${join(cacheDir, 'clusterbins', 'flux-helm-')}`)),
      lineIndex(lines, /^\[cluster\] binaries ready .*; starting, deadline 180 s$/),
      lineIndex(lines, /^\[cluster\] etcd healthy$/),
      lineIndex(lines, /^\[cluster\] cold ready in \d+ ms: https:\/\/127\.0\.0\.1:\d+$/),
    ];
    assert.deepEqual([...order].sort((a, b) => a - b), order, lines.join('\n'));

    const nodes = await cluster.kubeconfig.makeApiClient(CoreV1Api).listNode();
    assert.deepEqual(nodes.items.map((n) => n.metadata?.name), ['kwok-node-0']);
    await cluster.stop();
    assert.equal(existsSync(cluster.dir), false);
  });

  it('does not charge a slow build to the start deadline', async () => {
    // The clock moves 10 minutes per build step (an hour in all), far past the 60 s start deadline; when the
    // deadline was counted from the call, this failed at once with "timed out waiting for etcd healthy".
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const slowBuild = copyPrebuilt(warm.dir, () => mock.timers.tick(10 * 60_000));
    const lines: string[] = [];
    let cluster: LocalCluster;
    try {
      cluster = await startLocalCluster({ name: 'slowbuild', cacheDir: emptyCache(), goBuild: slowBuild, startTimeoutMs: 60_000, flux: false, progress: (l) => lines.push(l) });
    } finally {
      mock.timers.reset();
    }
    clusters.push(cluster);
    lineIndex(lines, /^\[clusterbins\] kubernetes built in 10m00s: /); // the build steps the clock saw (six, an hour in all)
    lineIndex(lines, /^\[cluster\] slowbuild ready in /);
    const nodes = await cluster.kubeconfig.makeApiClient(CoreV1Api).listNode();
    assert.equal(nodes.items.length, 1);
  });
});

describe('typekro cluster start with an empty binaries cache (TYPEKRO_CACHE_DIR)', () => {
  const work = mkdtempSync(join(tmpdir(), 'typekro-coldcli-'));
  const env = { TYPEKRO_CACHE_DIR: join(work, 'cache'), TYPEKRO_HOME: join(work, 'home') };
  after(async () => {
    await typekro(['cluster', 'stop', '--name', 'cold'], { env, inProcess: false });
    rmSync(work, { recursive: true, force: true });
  });

  it('builds (progress on stderr), then starts, and prints the kubeconfig last on stdout', async () => {
    // --no-flux builds the set without Flux, whose key differs from the full set's
    const warm = await ensureClusterBinaries({ progress: () => {}, withoutFlux: true });
    const shim = writeGoShim(join(work, 'bin'), warm.dir);
    // a child process: the build finds `go` (the shim) on its PATH, and the cache through the environment
    const started = await typekro(['cluster', 'start', '--name', 'cold', '--no-flux'], { env: { ...env, PATH: `${shim}:${process.env.PATH}` }, inProcess: false });
    assert.equal(started.code, 0, transcript(started));
    const built = join(env.TYPEKRO_CACHE_DIR, 'clusterbins', warm.key);
    const lines = started.stderr.split('\n');
    const order = [
      lineIndex(lines, new RegExp(`^\\[clusterbins\\] building .* of the local control plane into ${join(env.TYPEKRO_CACHE_DIR, 'clusterbins')} .*a cold build of everything takes 15-50 minutes`)),
      lineIndex(lines, /^\[clusterbins\] kubernetes: go build -v -ldflags .* k8s\.io\/kubernetes\/cmd\/kube-apiserver /),
      lineIndex(lines, new RegExp(`^\\[clusterbins\\] kro built in .*: ${join(env.TYPEKRO_CACHE_DIR, 'clusterbins', 'kro-')}`)),
      lineIndex(lines, /^\[cluster\] etcd healthy$/),
      lineIndex(lines, /^cluster "cold" is running /),
    ];
    assert.deepEqual([...order].sort((a, b) => a - b), order, started.stderr);
    assert.ok(existsSync(join(built, 'manifest.json')));

    const kubeconfigPath = started.stdout.trim().split('\n').at(-1) ?? '';
    assert.equal(kubeconfigPath, join(env.TYPEKRO_HOME, 'clusters', 'cold', 'kubeconfig'));
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    assert.deepEqual(nodes.items.map((n) => n.metadata?.name), ['kwok-node-0']);
    const stopped = await typekro(['cluster', 'stop', '--name', 'cold'], { env, inProcess: false });
    assert.equal(stopped.code, 0, transcript(stopped));
  });
});
