import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ensureClusterBinaries, type ClusterBinaries, type ComponentVersions, type EnsureBinariesOptions } from './binaries.js';
import * as boot from './bootstrap.js';
import { componentSpec, portsFrom, PORT_COUNT, type ClusterPorts, type ComponentContext } from './components.js';
import { createFluxNamespace, fluxCrds, fluxHealthy, fluxStoragePath, localFlux, type LocalFlux } from './flux.js';
import { AdminClient } from './http.js';
import { writeKubeconfig } from './kubeconfig.js';
import { certManagerCrds, certManagerReady, createCertManagerNamespace, externalDnsHealthy } from './optional.js';
import { createPki } from './pki.js';
import { freePorts } from './ports.js';
import { ComponentExitError, logTail, type ComponentName } from './process.js';
import { Supervisor } from './supervisor.js';
import { upstreamFiles, type KubeObject } from './upstream.js';
import { startWatchdog, writePids } from './watchdog.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * Options of {@link startLocalCluster}; every field is optional. Without `binaries`, the
 * {@link EnsureBinariesOptions} (`cacheDir`, `buildTimeoutMs`, `goBuild`) apply to finding or building them.
 *
 * @example
 * ```ts
 * import type { LocalClusterOptions } from 'typekro/testing';
 * const options: LocalClusterOptions = { name: 'ci', progress: console.log, startTimeoutMs: 120_000, buildTimeoutMs: 3_600_000 };
 * ```
 */
export interface LocalClusterOptions extends EnsureBinariesOptions {
  /** Used in the directory name and kubeconfig context (`typekro-<name>`). Default `local`. */
  readonly name?: string;
  /** Working directory (PKI, etcd data, logs, kubeconfig); created, and removed by stop(). Default: a new temp dir. */
  readonly dir?: string;
  /** Pre-resolved binaries; default {@link ensureClusterBinaries} (which may build them). */
  readonly binaries?: ClusterBinaries;
  /**
   * Deadline for starting the processes until everything is ready, default 180 s (a start takes 5-10 s). It begins
   * once the binaries are there: building them is bounded by `buildTimeoutMs` instead.
   */
  readonly startTimeoutMs?: number;
  /** Extra flags per component, appended last (so they override ours). */
  readonly extraArgs?: Partial<Record<ComponentName, readonly string[]>>;
  /**
   * Run Flux's source-controller and helm-controller (namespace `flux-system`, their CRDs, artifact storage in the
   * cluster directory). Default true; false saves their start time (~ a second) and memory.
   */
  readonly flux?: boolean;
  /**
   * Run cert-manager's controllers (self-signed and CA issuers; its CRDs and namespace `cert-manager` installed).
   * Default false. Built on first use (a few CPU minutes) unless `binaries` were built with it.
   */
  readonly certManager?: boolean;
  /**
   * Run external-dns with the Service source and its in-memory provider (zone `example.com`, see EXTERNAL_DNS_ZONE);
   * the records it creates appear in its log as `CREATE: <name> ...`. Default false; built on first use.
   */
  readonly externalDns?: boolean;
  /** KRO `--feature-gates`, default `CELOmitFunction=true`. */
  readonly kroFeatureGates?: string;
  /**
   * Progress lines of the start and of a binaries build. Default: a build's lines go to stderr (a cold build runs
   * for many minutes and must not look hung), the start's go nowhere.
   */
  readonly progress?: (line: string) => void;
  /** Print a component that dies after start, with its log tail, to stderr. Default true. */
  readonly reportFailures?: boolean;
  /**
   * Keep the cluster running after this process exits (the CLI's `cluster start`). By default a watchdog removes
   * the cluster as soon as the starting process is gone, however it ended.
   */
  readonly detached?: boolean;
}

/**
 * A running local cluster, as returned by {@link startLocalCluster}.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { startLocalCluster, type LocalCluster } from 'typekro/testing';
 * const cluster: LocalCluster = await startLocalCluster({ name: 'demo' });
 * process.env.KUBECONFIG = cluster.kubeconfigPath; // for kubectl or other tools
 * cluster.onFailure((error) => console.error(error.message)); // a component died
 * await cluster.stop();
 * ```
 */
export interface LocalCluster {
  readonly name: string;
  readonly dir: string;
  /** Admin kubeconfig (certificates embedded). */
  readonly kubeconfigPath: string;
  /** The same kubeconfig, loaded. */
  readonly kubeconfig: KubeConfig;
  /** API server URL, `https://127.0.0.1:<port>`. */
  readonly server: string;
  readonly ports: ClusterPorts;
  readonly versions: ComponentVersions;
  /** Flux's controllers, when started with `flux` on (the default); undefined otherwise. */
  readonly flux: LocalFlux | undefined;
  readonly components: readonly { readonly name: ComponentName; readonly pid: number; readonly logPath: string }[];
  /** PID of the detached helper that removes the cluster if this process dies; undefined once disarmed. */
  readonly watchdogPid: number | undefined;
  /** Milliseconds from the binaries being ready to the cluster being ready (a binaries build is not included). */
  readonly startMs: number;
  /** The first component that exited unexpectedly since start, if any. */
  readonly failure: ComponentExitError | undefined;
  /**
   * Called when a component exits unexpectedly; returns an unsubscribe function. Component processes do not keep
   * the event loop alive (a forgotten cluster must not hang its owner), so keep your own handle open while waiting.
   */
  onFailure(listener: (error: ComponentExitError) => void): () => void;
  /** Last lines of a component's log. */
  logTail(component: ComponentName, lines?: number): string;
  /** Stops every process and removes the directory. Idempotent. */
  stop(): Promise<void>;
}

const NOOP = (): void => {};

/** The implementation behind `typekro/testing`'s startLocalCluster (src/testing/cluster-lazy.ts documents it). */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeKroError('USAGE', `startTimeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  }
  const optional = [...(options.certManager ? (['cert-manager'] as const) : []), ...(options.externalDns ? (['external-dns'] as const) : [])];
  // Without Flux its controllers are neither built nor waited for (a cold build of them takes minutes).
  const bins = options.binaries ?? (await ensureClusterBinaries({ ...options, optional, withoutFlux: options.flux === false }));
  // the start deadline begins only now: a cold build takes many minutes and has its own bound (buildTimeoutMs)
  const started = Date.now();
  options.progress?.(`[cluster] binaries ready (${bins.dir}); starting, deadline ${Math.round(timeoutMs / 1000)} s`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, bins, started);
    } catch (error) {
      // a free port can be taken by another process between our probe and the component binding it: retry once
      const portRace = error instanceof ComponentExitError && /address already in use/.test(error.tail);
      if (!portRace || attempt >= 2) throw error;
      options.progress?.(`[cluster] ${error.component} lost a port race, retrying with new ports`);
    }
  }
}

async function startOnce(options: LocalClusterOptions, bins: ClusterBinaries, started: number): Promise<LocalCluster> {
  const progress = options.progress ?? NOOP;
  const name = options.name ?? 'local';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `typekro-${name}-`));
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writePids(dir, []);
  const watchdog = startWatchdog(process.pid, dir);
  const supervisor = new Supervisor(dir);
  const cleanup = async (): Promise<void> => {
    await supervisor.stopAll();
    disarm(watchdog);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ctx = await prepare(dir, name, bins, options);
    const server = `https://127.0.0.1:${ctx.ports.apiserver}`;
    const deadline = started + (options.startTimeoutMs ?? 180_000); // validated by startLocalCluster
    await bringUp(supervisor, ctx, server, deadline, progress);
    if (options.detached) disarm(watchdog);
    if (options.reportFailures ?? true) supervisor.onFailure((e) => process.stderr.write(`${e.message}\n`));
    progress(`[cluster] ${name} ready in ${Date.now() - started} ms: ${server}`);
    const watchdogPid = options.detached ? undefined : watchdog;
    return makeCluster({ name, dir, server, ctx, supervisor, watchdogPid, startMs: Date.now() - started, cleanup });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function disarm(watchdog: number): void {
  try {
    process.kill(watchdog, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Everything known before the first process starts. */
type StartContext = ComponentContext & {
  readonly crds: readonly KubeObject[];
  readonly flux: boolean;
  readonly certManager: boolean;
  readonly externalDns: boolean;
};

async function prepare(dir: string, name: string, bins: ClusterBinaries, options: LocalClusterOptions): Promise<StartContext> {
  const flux = options.flux ?? true;
  const certManager = options.certManager ?? false;
  const externalDns = options.externalDns ?? false;
  for (const [wanted, name] of [[certManager, 'cert-manager-controller'], [externalDns, 'external-dns']] as const) {
    if (wanted && !bins.optionalPaths[name]) {
      throw new TypeKroError('USAGE', `${name} is not among the given binaries: build them with ensureClusterBinaries({ optional: ['${name === 'external-dns' ? 'external-dns' : 'cert-manager'}'] })`);
    }
  }
  if (flux) mkdirSync(fluxStoragePath(dir), { recursive: true }); // source-controller refuses a missing directory
  const [ports, pki, upstream, fluxDefs, certManagerDefs] = await Promise.all([
    freePorts(PORT_COUNT),
    createPki(join(dir, 'pki'), name),
    upstreamFiles(bins),
    flux ? fluxCrds(bins) : [],
    certManager ? certManagerCrds(bins) : [],
  ]);
  const kubeconfig = join(dir, 'kubeconfig');
  const clusterPorts = portsFrom(ports);
  writeKubeconfig(kubeconfig, name, `https://127.0.0.1:${clusterPorts.apiserver}`, pki);
  return {
    dir,
    bins,
    pki,
    ports: clusterPorts,
    kubeconfig,
    kwokStages: upstream.kwokStages,
    kroFeatureGates: options.kroFeatureGates ?? 'CELOmitFunction=true',
    extraArgs: options.extraArgs ?? {},
    crds: [...upstream.kroCrds, ...fluxDefs, ...certManagerDefs],
    flux,
    certManager,
    externalDns,
  };
}

/** Starts the components in dependency order and waits for each readiness condition. */
async function bringUp(
  sup: Supervisor,
  ctx: StartContext,
  server: string,
  deadline: number,
  progress: (line: string) => void,
): Promise<void> {
  const admin = new AdminClient(server, ctx.pki);
  const step = async (what: string, component: ComponentName, check: () => Promise<boolean>): Promise<void> => {
    await sup.waitUntil(what, component, deadline, check);
    progress(`[cluster] ${what}`);
  };
  try {
    sup.spawn(componentSpec('etcd', ctx));
    await step('etcd healthy', 'etcd', () => boot.etcdHealthy(ctx.ports));
    sup.spawn(componentSpec('kube-apiserver', ctx));
    await step('kube-apiserver ready', 'kube-apiserver', () => boot.apiserverReady(admin));
    for (const c of ['kube-controller-manager', 'kube-scheduler', 'kwok'] as const) sup.spawn(componentSpec(c, ctx));
    await Promise.all([
      boot.createNode(admin),
      boot.applyCrds(admin, ctx.crds),
      ctx.flux ? createFluxNamespace(admin) : undefined,
      ctx.certManager ? createCertManagerNamespace(admin) : undefined,
    ]);
    await step(`${ctx.crds.length} CRDs established (KRO${ctx.flux ? ', Flux' : ''}${ctx.certManager ? ', cert-manager' : ''})`, 'kube-apiserver', () =>
      boot.crdsEstablished(admin, ctx.crds),
    );
    sup.spawn(componentSpec('kro-controller', ctx));
    if (ctx.flux) for (const c of ['source-controller', 'helm-controller'] as const) sup.spawn(componentSpec(c, ctx));
    if (ctx.certManager) sup.spawn(componentSpec('cert-manager-controller', ctx));
    if (ctx.externalDns) sup.spawn(componentSpec('external-dns', ctx));
    const optional = [
      ...(ctx.certManager ? [step('cert-manager ready', 'cert-manager-controller', () => certManagerReady(ctx.ports.certManagerHealth))] : []),
      ...(ctx.externalDns ? [step('external-dns healthy', 'external-dns', () => externalDnsHealthy(ctx.ports.externalDnsMetrics))] : []),
    ];
    const flux = ctx.flux
      ? [
          step('Flux source-controller healthy', 'source-controller', () => fluxHealthy(ctx.ports.fluxSourceHealth)),
          step('Flux helm-controller healthy', 'helm-controller', () => fluxHealthy(ctx.ports.fluxHelmHealth)),
        ]
      : [];
    await Promise.all([
      step('kube-controller-manager healthy', 'kube-controller-manager', () => boot.secureHealthy(ctx.ports.controllerManager)),
      step('kube-scheduler healthy', 'kube-scheduler', () => boot.secureHealthy(ctx.ports.scheduler)),
      step(`node ${boot.NODE_NAME} Ready`, 'kwok', () => boot.nodeReady(admin)),
      step('default ServiceAccount present', 'kube-controller-manager', () => boot.defaultServiceAccount(admin)),
      step('KRO controller healthy', 'kro-controller', () => boot.kroHealthy(ctx.ports)),
      ...flux,
      ...optional,
    ]);
  } finally {
    admin.close();
  }
}

interface Parts {
  readonly name: string;
  readonly dir: string;
  readonly server: string;
  readonly ctx: StartContext;
  readonly supervisor: Supervisor;
  readonly watchdogPid: number | undefined;
  readonly startMs: number;
  readonly cleanup: () => Promise<void>;
}

function makeCluster(p: Parts): LocalCluster {
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(p.ctx.kubeconfig);
  let stopping: Promise<void> | undefined;
  return {
    name: p.name,
    dir: p.dir,
    kubeconfigPath: p.ctx.kubeconfig,
    kubeconfig,
    server: p.server,
    ports: p.ctx.ports,
    versions: p.ctx.bins.versions,
    flux: p.ctx.flux ? localFlux(p.ctx.bins, p.ctx.ports.fluxStorage) : undefined,
    components: p.supervisor.components.map((c) => ({ name: c.name, pid: c.pid, logPath: c.logPath })),
    watchdogPid: p.watchdogPid,
    startMs: p.startMs,
    get failure() {
      return p.supervisor.failed;
    },
    onFailure: (listener) => p.supervisor.onFailure(listener),
    logTail: (component, lines) => logTail(join(p.dir, 'logs', `${component}.log`), lines),
    stop: () => (stopping ??= p.cleanup()),
  };
}
