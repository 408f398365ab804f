import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { TypeKroError } from '../../util/errors.js';

/**
 * The processes of a local cluster.
 *
 * @example
 * import type { ComponentName } from 'typekro/testing';
 * const component: ComponentName = 'kro-controller';
 * component; // => 'kro-controller'
 */
export type ComponentName =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kwok'
  | 'kro-controller'
  | 'source-controller'
  | 'helm-controller'
  | 'cert-manager-controller'
  | 'external-dns';

/**
 * How a component process ended.
 *
 * @example
 * import type { ExitInfo } from 'typekro/testing';
 * const exit: ExitInfo = { code: 1, signal: null };
 * exit.code; // => 1
 */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Last `lines` lines of a log file (reads only its end: logs of a long run can be large). */
export function logTail(path: string, lines = 30): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '(no log)';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

/**
 * A component exited while it was expected to run; the message carries the tail of its log.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { ComponentExitError, startLocalCluster } from 'typekro/testing';
 * try {
 *   await (await startLocalCluster({ extraArgs: { 'kube-scheduler': ['--no-such-flag'] } })).stop();
 * } catch (error) {
 *   if (!(error instanceof ComponentExitError)) throw error;
 *   error.component; // => 'kube-scheduler'
 * }
 * ```
 */
export class ComponentExitError extends TypeKroError {
  constructor(
    readonly component: ComponentName,
    readonly exit: ExitInfo,
    readonly logPath: string,
    readonly tail: string,
  ) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    super('ENVIRONMENT', `local cluster: ${component} ${how}. Last lines of ${logPath}:\n${tail}`);
    this.name = 'ComponentExitError';
  }
}

/** A supervised component process with its own process group and log file. */
export interface ComponentProcess {
  readonly name: ComponentName;
  readonly pid: number;
  readonly exe: string;
  readonly logPath: string;
  /** Settles when the process ends, whatever the reason. */
  readonly exited: Promise<ExitInfo>;
  /**
   * Resolves with an error if the process ends without `stop()` having been called; never otherwise.
   * Waiting on it does not keep the event loop alive (the child is unref'd).
   */
  readonly failed: Promise<ComponentExitError>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnSpec {
  readonly name: ComponentName;
  readonly exe: string;
  readonly args: readonly string[];
  readonly logPath: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Spawns a component in its own session (detached): a Ctrl-C on the terminal or a kill of the owner's group
 * does not reach it, so cleanup is ours (stop() or the watchdog) and is never half-done by a signal.
 * The child is unref'd so a forgotten cluster does not keep the owner alive; the watchdog then removes it.
 */
export function spawnComponent(spec: SpawnSpec): ComponentProcess {
  const log = openSync(spec.logPath, 'a');
  const child = spawn(spec.exe, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  let stopping = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: -1, signal: null })); // e.g. ENOENT: treated as an exit
  });
  const failed = exited.then((exit) =>
    stopping ? new Promise<never>(() => {}) : new ComponentExitError(spec.name, exit, spec.logPath, logTail(spec.logPath)),
  );
  const pid = child.pid ?? -1;
  return {
    name: spec.name,
    pid,
    exe: spec.exe,
    logPath: spec.logPath,
    exited,
    failed,
    async stop(graceMs = 3000) {
      stopping = true;
      if (pid <= 0) return;
      child.ref(); // wait for the exit event even if nothing else keeps the event loop alive
      killGroup(pid, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!done) killGroup(pid, 'SIGKILL');
      await exited;
      killGroup(pid, 'SIGKILL'); // anything the component forked into its group
    },
  };
}
