import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { ensureClusterBinaries } from '../../testing/cluster/binaries.js';
import { BUILD_TIMEOUT_ENV, DEFAULT_BUILD_TIMEOUT_MS } from '../../testing/cluster/build-timeout.js';
import { startLocalCluster } from '../../testing/cluster/cluster.js';
import { clusterDir, clusterStatus, isOurs, listClusters, readState, stopClusterDir, writeState } from '../../testing/cluster/state.js';
import { pidsFile, type PidRecord } from '../../testing/cluster/watchdog.js';
import { BuildTimeoutError } from '../../testing/cluster/build-timeout.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { err as errLine, out as outLine, type CliRun } from '../io.js';

const DEFAULT_NAME = 'default';

function liveComponents(dir: string): PidRecord[] {
  try {
    return (JSON.parse(readFileSync(pidsFile(dir), 'utf8')) as PidRecord[]).filter(isOurs);
  } catch {
    return [];
  }
}

/** A positive number from an option, else a usage error naming the option. */
function positive(value: string, option: string, unit: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${option} must be a positive number of ${unit}, got "${value}"`);
  return n;
}

/** `--build-timeout` in milliseconds; undefined leaves the default (TYPEKRO_BUILD_TIMEOUT_MINUTES, else 90 min). */
function buildTimeoutMs(minutes: string | undefined): number | undefined {
  return minutes === undefined ? undefined : positive(minutes, '--build-timeout', 'minutes') * 60_000;
}

/** A build that ran out of time says everything itself (what, how to raise the bound): no stack hint. */
async function reportingBuildTimeout<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BuildTimeoutError) throw new CliError(error.message, EXIT.failure);
    throw error;
  }
}

/**
 * Starts a detached cluster under ~/.typekro/clusters/<name>. Progress (a binaries build's included) goes to
 * stderr and the kubeconfig path is the last line, alone on stdout, so `export KUBECONFIG=$(typekro cluster start)`
 * works.
 */
async function start(run: CliRun, opts: { name: string; timeout: string; buildTimeout?: string; flux: boolean; certManager?: boolean; externalDns?: boolean }): Promise<void> {
  const err = (line: string): void => errLine(run.io, line);
  const startTimeoutMs = positive(opts.timeout, '--timeout', 'seconds') * 1000;
  const dir = clusterDir(opts.name);
  if (liveComponents(dir).length > 0) {
    const state = readState(opts.name);
    throw new Error(`cluster "${opts.name}" is already running${state ? `; kubeconfig: ${state.kubeconfigPath}` : ''} (stop it first)`);
  }
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // leftovers of a cluster that died
  const cluster = await reportingBuildTimeout(() =>
    startLocalCluster({
      name: opts.name,
      dir,
      detached: true,
      reportFailures: false,
      startTimeoutMs,
      buildTimeoutMs: buildTimeoutMs(opts.buildTimeout),
      flux: opts.flux,
      certManager: opts.certManager ?? false,
      externalDns: opts.externalDns ?? false,
      progress: err,
    }),
  );
  writeState(cluster);
  err(`cluster "${opts.name}" is running (${cluster.versions.kubernetes}, started in ${(cluster.startMs / 1000).toFixed(1)} s); stop it with: typekro cluster stop --name ${opts.name}`);
  outLine(run.io, cluster.kubeconfigPath);
}

async function stop(run: CliRun, opts: { name: string }): Promise<void> {
  const dir = clusterDir(opts.name);
  if (!existsSync(dir)) {
    errLine(run.io, `no cluster named "${opts.name}"`);
    return;
  }
  const stopped = await stopClusterDir(dir);
  outLine(run.io, `cluster "${opts.name}" stopped (${stopped} processes), ${dir} removed`);
}

/** `typekro cluster start` for this name (`--name` only when it is not the default). */
function startCommand(name: string): string {
  return `typekro cluster start${name === DEFAULT_NAME ? '' : ` --name ${name}`}`;
}

/**
 * One line per cluster: running, degraded (some components died), stopped (all died, e.g. after a reboot:
 * the directory is left), not started (a start that never finished), or no such cluster.
 */
async function status(run: CliRun, opts: { name?: string }): Promise<void> {
  const out = (line: string): void => outLine(run.io, line);
  const names = opts.name ? [opts.name] : listClusters();
  if (names.length === 0) out(`no clusters; start one with: ${startCommand(DEFAULT_NAME)}`);
  let healthy = names.length > 0;
  for (const name of names) {
    const state = readState(name);
    if (!state) {
      healthy = false;
      if (!existsSync(clusterDir(name))) out(`${name}: no such cluster (stopped and removed, or never started); start it with: ${startCommand(name)}`);
      else out(`${name}: not running (a start that did not finish); start it again with: ${startCommand(name)}`);
      continue;
    }
    // None of its processes left: stopped, without asking an API server that is not there.
    if (!state.components.some(isOurs)) {
      healthy = false;
      out(`${name}: stopped (none of its ${state.components.length} processes runs, e.g. after a reboot); start it again with: ${startCommand(name)}`);
      continue;
    }
    const s = await clusterStatus(state);
    const running = s.components.filter((c) => c.running).length;
    const ok = s.apiReady && running === s.components.length;
    healthy &&= ok;
    out(`${name}: ${ok ? 'running' : 'degraded'}  server ${state.server}  since ${state.startedAt}`);
    out(`  kubeconfig ${state.kubeconfigPath}`);
    out(`  api ${s.apiReady ? 'ready' : 'NOT ready'}`);
    for (const c of s.components) out(`  ${c.name.padEnd(24)} pid ${String(c.pid).padEnd(8)} ${c.running ? 'running' : 'NOT running'}`);
    if (!ok) out(`  restart it with: typekro cluster stop${name === DEFAULT_NAME ? '' : ` --name ${name}`} && ${startCommand(name)}`);
  }
  if (!healthy) run.exitCode = EXIT.failure;
}

const BUILD_TIMEOUT_HELP =
  `bound of a build of the binaries (first run: 15-50 min on 2 cores), default $${BUILD_TIMEOUT_ENV} or ${DEFAULT_BUILD_TIMEOUT_MS / 60_000}`;

/** `typekro cluster start|stop|status|build`: a local control plane for users without a cluster. */
export function registerClusterCommands(program: Command, run: CliRun): void {
  const cluster = program.command('cluster').description('a local Kubernetes control plane with KRO and Flux (no Docker needed)');
  cluster
    .command('start')
    .description('start a cluster in the background; prints its kubeconfig path last')
    .option('-n, --name <name>', 'cluster name', DEFAULT_NAME)
    .option('--timeout <seconds>', 'start deadline, counted once the binaries are there', '180')
    .option('--build-timeout <minutes>', BUILD_TIMEOUT_HELP)
    .option('--no-flux', "without Flux's source-controller and helm-controller: they are not built or waited for (HelmReleases then never become Ready)")
    .option('--cert-manager', "also run cert-manager's controllers (self-signed and CA issuers; built on first use)")
    .option('--external-dns', 'also run external-dns (Service source, in-memory provider for example.com; built on first use)')
    .action((opts: Parameters<typeof start>[1]) => start(run, opts));
  cluster.command('stop').description('stop a cluster and remove its files').option('-n, --name <name>', 'cluster name', DEFAULT_NAME).action((opts: { name: string }) => stop(run, opts));
  cluster
    .command('status')
    .description('show clusters and whether their components run: running, degraded, stopped (e.g. after a reboot) or no such cluster')
    .option('-n, --name <name>', 'cluster name (default: every cluster)')
    .addHelpText('after', '\nExit codes:\n  0  every cluster shown is running\n  1  one is stopped, degraded or not there (or there are none)')
    .action((opts: { name?: string }) => status(run, opts));
  cluster
    .command('build')
    .description('build (or find cached) control-plane binaries; prints their directory')
    .option('--build-timeout <minutes>', BUILD_TIMEOUT_HELP)
    .action(async (opts: { buildTimeout?: string }) => {
      const timeout = buildTimeoutMs(opts.buildTimeout);
      outLine(run.io, (await reportingBuildTimeout(() => ensureClusterBinaries({ progress: (line) => errLine(run.io, line), buildTimeoutMs: timeout }))).dir);
    });
}
