import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goBuild, formatDuration, type GoBuildFn, type ProgressFn } from './build.js';
import { BuildTimeoutError, resolveBuildTimeout } from './build-timeout.js';
import { componentKey, planBuild, setKey, type BuildComponent, type BuildPlan, type Wrappers } from './build-plan.js';
import { goToolchain, type GoToolchain } from './go.js';
import { withFileLock } from './lock.js';
import { cacheRoot } from './paths.js';
import { verifyComponent } from './verify.js';

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
import { BINARY_NAMES, OPTIONAL_BINARIES, OPTIONAL_COMPONENTS, type BinaryName, type ComponentVersions, type OptionalBinaryName, type OptionalComponent } from './binary-names.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * Built binaries in the cache, plus what they were built from.
 *
 * @example
 * import type { ClusterBinaries } from 'typekro/testing';
 * const apiserver = (binaries: ClusterBinaries): string => binaries.paths['kube-apiserver'];
 * apiserver({ paths: { 'kube-apiserver': '/cache/bin/kube-apiserver' } } as ClusterBinaries); // => '/cache/bin/kube-apiserver'
 */
export interface ClusterBinaries {
  /** One directory naming every binary (links into the per-component cache directories). */
  readonly dir: string;
  readonly key: string;
  readonly versions: ComponentVersions;
  readonly paths: Readonly<Record<BinaryName, string>>;
  /** The optional components' binaries, for those asked for (`EnsureBinariesOptions.optional`). */
  readonly optionalPaths: Readonly<Partial<Record<OptionalBinaryName, string>>>;
  /** The wrapper module directories, needed to locate upstream files (CRDs, kwok stages) in the module cache. */
  readonly wrappers: Wrappers;
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
  /** Optional components to build (or find) as well, e.g. `['cert-manager']`; default none. */
  readonly optional?: readonly OptionalComponent[];
  /**
   * Leave out Flux's source-controller and helm-controller (a cluster started with `flux: false` runs
   * neither): they are not built or waited for, and their paths in the result name no file.
   */
  readonly withoutFlux?: boolean;
}

/** The build components of Flux, left out by `withoutFlux`. */
const FLUX_COMPONENTS: readonly string[] = ['flux-source', 'flux-helm'];

/** A component with its key and cache directory (`clusterbins/<id>-<key>/`). */
interface Unit {
  readonly component: BuildComponent;
  readonly key: string;
  readonly dir: string;
}

function complete(dir: string, names: readonly string[]): boolean {
  // existsSync follows links: a set whose component directory was removed is incomplete
  return existsSync(join(dir, 'manifest.json')) && names.every((n) => existsSync(join(dir, n)));
}

function result(dir: string, key: string, plan: BuildPlan, optional: readonly OptionalComponent[]): ClusterBinaries {
  const paths = Object.fromEntries(BINARY_NAMES.map((n) => [n, join(dir, n)])) as Record<BinaryName, string>;
  const optionalPaths = Object.fromEntries(optional.map((c) => [OPTIONAL_BINARIES[c], join(dir, OPTIONAL_BINARIES[c])]));
  return { dir, key, versions: plan.versions, paths, optionalPaths, wrappers: plan.wrappers };
}

function checkOptional(optional: readonly OptionalComponent[]): OptionalComponent[] {
  for (const c of optional) {
    if (!OPTIONAL_COMPONENTS.includes(c)) {
      throw new TypeKroError('USAGE', `optional: unknown component "${String(c)}"; the optional components are ${OPTIONAL_COMPONENTS.join(', ')}`);
    }
  }
  return OPTIONAL_COMPONENTS.filter((c) => optional.includes(c)); // a fixed order: one set per selection
}

/** The implementation behind `typekro/testing`'s ensureClusterBinaries (src/testing/cluster-lazy.ts documents it). */
export async function ensureClusterBinaries(options: EnsureBinariesOptions = {}): Promise<ClusterBinaries> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  // a wrong setting is an error whether or not a build is needed: it would surface on the next build
  const timeoutMs = resolveBuildTimeout(options.buildTimeoutMs);
  const optional = checkOptional(options.optional ?? []);
  const plan = planBuild();
  const go = await goToolchain(plan.wrappers.k8s);
  const root = join(options.cacheDir ?? cacheRoot(), 'clusterbins');
  // without optional components the set (and its key) is exactly the core one: asking for none builds nothing new
  const selected = plan.components.filter((c) => (c.optional === undefined || optional.includes(c.optional)) && !(options.withoutFlux && FLUX_COMPONENTS.includes(c.id)));
  const names = selected.flatMap((c) => c.binaries);
  const units: Unit[] = selected.map((component) => {
    const key = componentKey(component, go);
    return { component, key, dir: join(root, `${component.id}-${key}`) };
  });
  const key = setKey(units.map((u) => u.key));
  const set = join(root, key);
  if (complete(set, names)) return result(set, key, plan, optional);
  mkdirSync(root, { recursive: true });
  const job: BuildJob = { root, plan, go, progress, goBuild: options.goBuild ?? goBuild, activity: 'starting the build' };
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    const missing = units.filter((u) => !complete(u.dir, u.component.binaries));
    if (missing.length > 0) {
      progress(
        `[clusterbins] building ${missing.map((u) => u.component.id).join(', ')} of the local control plane into ${root} ` +
          `(${go.version}); a cold build of everything takes 15-50 minutes on 2 cores (progress every 20 s); later runs reuse it`,
      );
    }
    for (const unit of missing) await ensureComponent(job, unit, timeout.signal);
    job.activity = `linking the binaries into ${set}`;
    await withFileLock(`${set}.lock`, async () => {
      if (!complete(set, names)) writeSet(job, set, key, units);
    }, undefined, timeout.signal);
  } catch (error) {
    if (!timeout.signal.aborted) throw error;
    throw new BuildTimeoutError(timeoutMs, job.activity, (error as Error).message);
  } finally {
    clearTimeout(timer);
  }
  return result(set, key, plan, optional);
}

/** One build run; `activity` says what it is doing now, for a timeout message. */
interface BuildJob {
  readonly root: string;
  readonly plan: BuildPlan;
  readonly go: GoToolchain;
  readonly progress: ProgressFn;
  readonly goBuild: GoBuildFn;
  activity: string;
}

async function ensureComponent(job: BuildJob, unit: Unit, signal: AbortSignal): Promise<void> {
  const onWait = (pid: number): void => {
    job.activity = `waiting for the build of ${unit.dir} running in process ${pid} (stop it, or wait with a larger bound)`;
    job.progress(`[clusterbins] waiting for the build of ${unit.component.id} running in process ${pid}`);
  };
  await withFileLock(`${unit.dir}.lock`, async () => {
    if (!complete(unit.dir, unit.component.binaries)) await buildComponent(job, unit, signal);
  }, onWait, signal);
}

async function buildComponent(job: BuildJob, unit: Unit, signal: AbortSignal): Promise<void> {
  const { root, plan, go, progress } = job;
  const { component, key, dir } = unit;
  const prefix = `.build-${component.id}-${key}-`;
  for (const stale of readdirSync(root).filter((n) => n.startsWith(prefix))) {
    rmSync(join(root, stale), { recursive: true, force: true }); // left by a build that was killed
  }
  rmSync(dir, { recursive: true, force: true });
  const tmp = mkdtempSync(join(root, prefix));
  try {
    const step = component.step(tmp);
    job.activity = `building ${component.id} (go build ${step.packages.join(' ')} in ${step.wrapperDir})`;
    const duration = formatDuration(await job.goBuild(step, progress, signal));
    job.activity = `checking the versions of the ${component.id} binaries in ${tmp}`;
    const paths = Object.fromEntries(component.binaries.map((n) => [n, join(tmp, n)]));
    await verifyComponent(component.id, paths, plan.versions);
    const manifest = { component: component.id, key, versions: plan.versions, go: go.version, builtAt: new Date().toISOString(), duration };
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    chmodSync(tmp, 0o755); // mkdtemp makes it private; the binaries are not secret
    renameSync(tmp, dir); // atomic: readers see a complete directory or none
    progress(`[clusterbins] ${component.id} built in ${duration}: ${dir}`);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** The set directory: a relative link per binary into its component directory, and which keys it joins. */
function writeSet(job: BuildJob, set: string, key: string, units: readonly Unit[]): void {
  const prefix = `.set-${key}-`;
  for (const stale of readdirSync(job.root).filter((n) => n.startsWith(prefix))) rmSync(join(job.root, stale), { recursive: true, force: true });
  rmSync(set, { recursive: true, force: true });
  const tmp = mkdtempSync(join(job.root, prefix));
  try {
    for (const { component, key: componentKey } of units) {
      for (const name of component.binaries) symlinkSync(join('..', `${component.id}-${componentKey}`, name), join(tmp, name));
    }
    const components = Object.fromEntries(units.map((u) => [u.component.id, u.key]));
    const manifest = { key, versions: job.plan.versions, go: job.go.version, components };
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    chmodSync(tmp, 0o755);
    renameSync(tmp, set);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
