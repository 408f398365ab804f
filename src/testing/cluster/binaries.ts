import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { goBuild, formatDuration, type GoBuildFn, type GoBuildStep, type ProgressFn } from './build.js';
import { BuildTimeoutError, resolveBuildTimeout } from './build-timeout.js';
import { goToolchain, requiredVersion, type GoToolchain } from './go.js';
import { withFileLock } from './lock.js';
import { cacheRoot, toolsDir } from './paths.js';
import { verifyBinaries } from './verify.js';

/**
 * Every executable the local control plane runs (kubectl is built for humans debugging a cluster).
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { BINARY_NAMES, ensureClusterBinaries } from 'typekro/testing';
 * const bins = await ensureClusterBinaries();
 * for (const name of BINARY_NAMES) console.log(name, bins.paths[name]);
 * ```
 */
export { BINARY_NAMES, type BinaryName, type ComponentVersions } from './binary-names.js';
import { BINARY_NAMES, type BinaryName, type ComponentVersions } from './binary-names.js';
import { TypeKroError } from '../../util/errors.js';

/** The Go modules (and main packages) of Flux's controllers. */
export const FLUX_SOURCE_MODULE = 'github.com/fluxcd/source-controller';
export const FLUX_HELM_MODULE = 'github.com/fluxcd/helm-controller';

/**
 * Built binaries in the cache, plus what they were built from.
 *
 * @example
 * import type { ClusterBinaries } from 'typekro/testing';
 * const apiserver = (binaries: ClusterBinaries): string => binaries.paths['kube-apiserver'];
 * apiserver({ paths: { 'kube-apiserver': '/cache/bin/kube-apiserver' } } as ClusterBinaries); // => '/cache/bin/kube-apiserver'
 */
export interface ClusterBinaries {
  readonly dir: string;
  readonly key: string;
  readonly versions: ComponentVersions;
  readonly paths: Readonly<Record<BinaryName, string>>;
  /** The wrapper module directories, needed to locate upstream files (CRDs, kwok stages) in the module cache. */
  readonly wrappers: {
    readonly k8s: string;
    readonly kwok: string;
    readonly kro: string;
    readonly fluxSource: string;
    readonly fluxHelm: string;
  };
}

/**
 * Options of {@link ensureClusterBinaries}; every field is optional.
 *
 * @example
 * ```ts
 * import type { EnsureBinariesOptions } from 'typekro/testing';
 * const options: EnsureBinariesOptions = { cacheDir: '/tmp/typekro-cache', buildTimeoutMs: 2 * 60 * 60_000 };
 * ```
 */
export interface EnsureBinariesOptions {
  /** Progress lines (default: stderr). A cold build runs for many minutes and prints a line every 20 s. */
  readonly progress?: ProgressFn;
  /** Overrides `${TYPEKRO_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/typekro}`. */
  readonly cacheDir?: string;
  /**
   * Bound of a build, including waiting for another process's build of the same binaries; then a
   * {@link BuildTimeoutError}. Default `TYPEKRO_BUILD_TIMEOUT_MINUTES`, else 90 minutes. A cache hit takes none of it.
   */
  readonly buildTimeoutMs?: number;
  /** Runs one build step; default `go build` ({@link GoBuildFn} says when to replace it). */
  readonly goBuild?: GoBuildFn;
}

// bump when the build recipe changes in a way the inputs below do not capture
const RECIPE = 'clusterbins/1 CGO_ENABLED=0';

interface Plan {
  readonly versions: ComponentVersions;
  readonly wrappers: ClusterBinaries['wrappers'];
  readonly steps: (dir: string) => GoBuildStep[];
  readonly keyInputs: readonly string[];
}

function need(goMod: string, module: string, file: string): string {
  const version = requiredVersion(goMod, module);
  if (!version) throw new TypeKroError('ENVIRONMENT', `${file} does not require ${module}`);
  return version;
}

/** Reads the wrappers and derives versions, ldflags and build steps from them. */
export function planBuild(tools: string = toolsDir()): Plan {
  const wrappers = {
    k8s: join(tools, 'k8s'),
    kwok: join(tools, 'kwok'),
    kro: join(tools, 'kro'),
    fluxSource: join(tools, 'flux-source'),
    fluxHelm: join(tools, 'flux-helm'),
  };
  const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
  const k8sMod = read(wrappers.k8s, 'go.mod');
  const versions: ComponentVersions = {
    kubernetes: need(k8sMod, 'k8s.io/kubernetes', 'tools/k8s/go.mod'),
    etcd: need(k8sMod, 'go.etcd.io/etcd/server/v3', 'tools/k8s/go.mod'),
    kwok: need(read(wrappers.kwok, 'go.mod'), 'sigs.k8s.io/kwok', 'tools/kwok/go.mod'),
    kro: need(read(wrappers.kro, 'go.mod'), 'github.com/kubernetes-sigs/kro', 'tools/kro/go.mod'),
    fluxSource: need(read(wrappers.fluxSource, 'go.mod'), FLUX_SOURCE_MODULE, 'tools/flux-source/go.mod'),
    fluxHelm: need(read(wrappers.fluxHelm, 'go.mod'), FLUX_HELM_MODULE, 'tools/flux-helm/go.mod'),
  };
  const ld = ldflags(versions);
  const steps = (dir: string): GoBuildStep[] => [
    {
      label: 'kubernetes',
      wrapperDir: wrappers.k8s,
      ldflags: ld.kubernetes,
      output: `${dir}/`,
      packages: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'].map((c) => `k8s.io/kubernetes/cmd/${c}`),
    },
    { label: 'etcd', wrapperDir: wrappers.k8s, ldflags: ld.etcd, output: join(dir, 'etcd'), packages: ['go.etcd.io/etcd/server/v3'] },
    { label: 'kwok', wrapperDir: wrappers.kwok, ldflags: ld.kwok, output: join(dir, 'kwok'), packages: ['sigs.k8s.io/kwok/cmd/kwok'] },
    {
      label: 'kro',
      wrapperDir: wrappers.kro,
      ldflags: ld.kro,
      output: join(dir, 'kro-controller'),
      packages: ['github.com/kubernetes-sigs/kro/cmd/controller'],
    },
    // Flux: both mains are their module roots; neither stamps a version (verify reads the build info instead)
    { label: 'flux source-controller', wrapperDir: wrappers.fluxSource, ldflags: '-s -w', output: join(dir, 'source-controller'), packages: [FLUX_SOURCE_MODULE] },
    { label: 'flux helm-controller', wrapperDir: wrappers.fluxHelm, ldflags: '-s -w', output: join(dir, 'helm-controller'), packages: [FLUX_HELM_MODULE] },
  ];
  const keyInputs = [RECIPE, JSON.stringify(steps('OUT').map((s) => [s.packages, s.ldflags]))];
  for (const [name, dir] of Object.entries(wrappers)) {
    keyInputs.push(name, read(dir, 'go.mod'), read(dir, 'go.sum'));
  }
  return { versions, wrappers, steps, keyInputs };
}

/** Version stamps: unstamped Kubernetes reports v0.0.0-master, which breaks /version consumers and skew checks. */
export function ldflags(v: Pick<ComponentVersions, 'kubernetes' | 'kwok' | 'kro'>): Record<'kubernetes' | 'etcd' | 'kwok' | 'kro', string> {
  const [major, minor] = v.kubernetes.replace(/^v/, '').split('.');
  const k8s = [
    `-X k8s.io/component-base/version.gitVersion=${v.kubernetes}`,
    `-X k8s.io/component-base/version.gitMajor=${major}`,
    `-X k8s.io/component-base/version.gitMinor=${minor}`,
    '-X k8s.io/component-base/version.gitTreeState=clean',
    `-X k8s.io/client-go/pkg/version.gitVersion=${v.kubernetes}`,
    `-X k8s.io/client-go/pkg/version.gitMajor=${major}`,
    `-X k8s.io/client-go/pkg/version.gitMinor=${minor}`,
  ];
  const kro = [`-X sigs.k8s.io/release-utils/version.gitVersion=${v.kro}`, '-X sigs.k8s.io/release-utils/version.gitTreeState=clean'];
  return {
    kubernetes: ['-s -w', ...k8s].join(' '),
    etcd: '-s -w', // etcd's version is a compiled-in constant
    kwok: `-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${v.kwok.replace(/^v/, '')}`,
    kro: ['-s -w', ...kro].join(' '),
  };
}

/** sha256 over what determines the binaries: wrapper go.mod/go.sum, ldflags, Go version, GOOS/GOARCH. */
export function cacheKey(plan: Pick<Plan, 'keyInputs'>, go: Pick<GoToolchain, 'version' | 'goos' | 'goarch'>): string {
  const hash = createHash('sha256');
  for (const input of [...plan.keyInputs, go.version, go.goos, go.goarch]) hash.update(`${input.length}:${input}`);
  return hash.digest('hex').slice(0, 24);
}

function result(dir: string, key: string, plan: Plan): ClusterBinaries {
  const paths = Object.fromEntries(BINARY_NAMES.map((n) => [n, join(dir, n)])) as Record<BinaryName, string>;
  return { dir, key, versions: plan.versions, paths, wrappers: plan.wrappers };
}

function complete(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json')) && BINARY_NAMES.every((n) => existsSync(join(dir, n)));
}

/**
 * Returns the control-plane binaries, building them first if this cache key has none.
 *
 * The cold build compiles Kubernetes, etcd, kwok and KRO from the Go module proxy (minutes on a small machine,
 * with progress lines); later calls only hash the wrapper files. Concurrent callers wait for one build.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { ensureClusterBinaries } from 'typekro/testing';
 * const bins = await ensureClusterBinaries();
 * console.log(bins.paths['kube-apiserver'], bins.versions.kubernetes); // .../kube-apiserver v1.36.3
 * ```
 */
export async function ensureClusterBinaries(options: EnsureBinariesOptions = {}): Promise<ClusterBinaries> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeoutMs = resolveBuildTimeout(options.buildTimeoutMs);
  const plan = planBuild();
  const go = await goToolchain(plan.wrappers.k8s);
  const key = cacheKey(plan, go);
  const root = join(options.cacheDir ?? cacheRoot(), 'clusterbins');
  const dir = join(root, key);
  if (complete(dir)) return result(dir, key, plan);
  mkdirSync(root, { recursive: true });
  const job: BuildJob = { root, dir, key, plan, go, progress, goBuild: options.goBuild ?? goBuild, activity: 'starting the build' };
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onWait = (pid: number): void => {
    job.activity = `waiting for the build of ${dir} running in process ${pid} (stop it, or wait with a larger bound)`;
    progress(`[clusterbins] waiting for the build running in process ${pid}`);
  };
  try {
    await withFileLock(join(root, `${key}.lock`), async () => {
      if (!complete(dir)) await build(job, timeout.signal);
    }, onWait, timeout.signal);
  } catch (error) {
    if (!timeout.signal.aborted) throw error;
    throw new BuildTimeoutError(timeoutMs, job.activity, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
  return result(dir, key, plan);
}

/** One build of the binaries; `activity` says what it is doing now, for a timeout message. */
interface BuildJob {
  readonly root: string;
  readonly dir: string;
  readonly key: string;
  readonly plan: Plan;
  readonly go: GoToolchain;
  readonly progress: ProgressFn;
  readonly goBuild: GoBuildFn;
  activity: string;
}

async function build(job: BuildJob, signal: AbortSignal): Promise<void> {
  const { root, dir, key, plan, go, progress } = job;
  for (const stale of readdirSync(root).filter((n) => n.startsWith(`.build-${key}-`))) {
    rmSync(join(root, stale), { recursive: true, force: true }); // left by a build that was killed
  }
  rmSync(dir, { recursive: true, force: true });
  const tmp = mkdtempSync(join(root, `.build-${key}-`));
  const started = Date.now();
  progress(
    `[clusterbins] building the local control plane into ${dir} (${go.version}); a cold build takes 15-50 minutes on ` +
      `2 cores (progress every 20 s); later runs reuse it`,
  );
  try {
    const durations: Record<string, string> = {};
    for (const step of plan.steps(tmp)) {
      job.activity = `building ${step.label} (go build ${step.packages.join(' ')} in ${step.wrapperDir})`;
      durations[step.label] = formatDuration(await job.goBuild(step, progress, signal));
    }
    job.activity = `checking the versions of the built binaries in ${tmp}`;
    await verifyBinaries(result(tmp, key, plan));
    const manifest = { key, versions: plan.versions, go: go.version, builtAt: new Date().toISOString(), durations };
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    chmodSync(tmp, 0o755); // mkdtemp makes it private; the binaries are not secret
    renameSync(tmp, dir); // atomic: readers see a complete directory or none
    progress(`[clusterbins] built in ${formatDuration(Date.now() - started)}: ${dir}`);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
