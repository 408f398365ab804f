import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalCluster } from './cluster.js';
import { AdminClient } from './http.js';
import { processAlive } from './lock.js';
import { stateRoot } from './paths.js';
import { pkiFiles } from './pki.js';
import { pidsFile, type PidRecord } from './watchdog.js';
import { TypeKroError } from '../../util/errors.js';

/** What `typekro cluster start` records for later `stop` and `status` calls (in `<dir>/state.json`). */
export interface ClusterState {
  readonly name: string;
  readonly dir: string;
  readonly server: string;
  readonly kubeconfigPath: string;
  readonly startedAt: string;
  readonly components: readonly PidRecord[];
}

/** `${TYPEKRO_HOME:-~/.typekro}/clusters/<name>`: the working directory of a detached cluster. */
export function clusterDir(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new TypeKroError('ENVIRONMENT', `invalid cluster name "${name}" (use lowercase letters, digits, dashes)`);
  return join(stateRoot(), 'clusters', name);
}

export function writeState(cluster: LocalCluster): ClusterState {
  const state: ClusterState = {
    name: cluster.name,
    dir: cluster.dir,
    server: cluster.server,
    kubeconfigPath: cluster.kubeconfigPath,
    startedAt: new Date().toISOString(),
    components: readPids(cluster.dir),
  };
  writeFileSync(join(cluster.dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

export function readState(name: string): ClusterState | undefined {
  try {
    return JSON.parse(readFileSync(join(clusterDir(name), 'state.json'), 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

/** Names of clusters that have a directory (running, or left over). */
export function listClusters(): string[] {
  const root = join(stateRoot(), 'clusters');
  return existsSync(root) ? readdirSync(root).sort() : [];
}

/** Only a live process still running the recorded binary is ours: PIDs get reused. */
export function isOurs(record: PidRecord): boolean {
  if (!processAlive(record.pid)) return false;
  try {
    return readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0')[0] === record.exe;
  } catch {
    return true; // no /proc: trust the PID
  }
}

function readPids(dir: string): PidRecord[] {
  try {
    return JSON.parse(readFileSync(pidsFile(dir), 'utf8')) as PidRecord[];
  } catch {
    return [];
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // gone
    }
  }
}

/**
 * Stops the processes recorded in a cluster directory (SIGTERM, SIGKILL after `graceMs`) and removes the
 * directory. Works for a cluster started by another process, and for one whose start was interrupted.
 * Returns how many processes were still running.
 */
export async function stopClusterDir(dir: string, graceMs = 5000): Promise<number> {
  const running = readPids(dir).filter(isOurs);
  for (const r of running) signalGroup(r.pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (running.some((r) => processAlive(r.pid)) && Date.now() < until) await sleep(100);
  for (const r of running.filter((x) => processAlive(x.pid))) signalGroup(r.pid, 'SIGKILL');
  while (running.some((r) => processAlive(r.pid))) await sleep(100);
  rmSync(dir, { recursive: true, force: true });
  return running.length;
}

/** Component liveness and API readiness of a detached cluster. */
export interface ClusterStatus {
  readonly state: ClusterState;
  readonly components: readonly (PidRecord & { readonly running: boolean })[];
  readonly apiReady: boolean;
}

export async function clusterStatus(state: ClusterState): Promise<ClusterStatus> {
  const components = state.components.map((c) => ({ ...c, running: isOurs(c) }));
  const admin = new AdminClient(state.server, pkiFiles(join(state.dir, 'pki')));
  const apiReady = await admin
    .get('/readyz')
    .then((r) => r.status === 200)
    .catch(() => false);
  admin.close();
  return { state, components, apiReady };
}
