import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, spawnComponent, type ComponentExitError, type ComponentName, type ComponentProcess, type SpawnSpec } from './process.js';
import { writePids } from './watchdog.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * Start timed out; names what it waited for and carries the log tail of the component responsible.
 *
 * @example
 * ```ts
 * // needs: cluster
 * import { StartTimeoutError, startLocalCluster } from 'typekro/testing';
 * const cluster = await startLocalCluster({ startTimeoutMs: 60_000 }).catch((error: unknown) => {
 *   if (error instanceof StartTimeoutError) console.error(`stuck at ${error.waitedFor}; see ${error.logPath}`);
 *   throw error;
 * });
 * await cluster.stop();
 * ```
 */
export class StartTimeoutError extends TypeKroError {
  constructor(readonly waitedFor: string, readonly component: ComponentName, readonly logPath: string, tail: string) {
    super('TIMEOUT', `local cluster: timed out waiting for ${waitedFor}. Last lines of ${logPath}:\n${tail}`);
    this.name = 'StartTimeoutError';
  }
}

/** Owns the component processes of one cluster: spawning, failure tracking, pid file, ordered stop. */
export class Supervisor {
  readonly components: ComponentProcess[] = [];
  private failure: ComponentExitError | undefined;
  private stopped = false;
  private readonly listeners = new Set<(error: ComponentExitError) => void>();

  constructor(private readonly dir: string) {}

  spawn(spec: SpawnSpec): ComponentProcess {
    const component = spawnComponent(spec);
    this.components.push(component);
    writePids(this.dir, this.components.map((c) => ({ name: c.name, pid: c.pid, exe: c.exe })));
    void component.failed.then((error) => {
      this.failure ??= error;
      for (const listener of this.listeners) listener(error);
    });
    return component;
  }

  /** The first unexpected exit, if any. */
  get failed(): ComponentExitError | undefined {
    return this.failure;
  }

  onFailure(listener: (error: ComponentExitError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  find(name: ComponentName): ComponentProcess | undefined {
    return this.components.find((c) => c.name === name);
  }

  /**
   * Polls `check` until it passes, a component dies (that component's error is thrown at once) or the deadline
   * passes (a StartTimeoutError with the log of `component`). A check that throws counts as not yet passing.
   */
  async waitUntil(what: string, component: ComponentName, deadline: number, check: () => Promise<boolean>): Promise<void> {
    for (;;) {
      if (this.stopped) throw new TypeKroError('ENVIRONMENT', `local cluster: stopped while waiting for ${what}`);
      if (this.failure) throw this.failure;
      const passed = await check().catch(() => false);
      if (this.failure) throw this.failure;
      if (passed) return;
      if (Date.now() > deadline) {
        const logPath = this.find(component)?.logPath ?? '(not started)';
        throw new StartTimeoutError(what, component, logPath, logTail(logPath));
      }
      await sleep(200);
    }
  }

  /** Controllers first, then the apiserver, then etcd: clients go before what they talk to, so logs stay quiet. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    const tiers: ComponentName[][] = [
      ['cert-manager-controller', 'external-dns', 'helm-controller', 'source-controller', 'kro-controller', 'kwok', 'kube-scheduler', 'kube-controller-manager'],
      ['kube-apiserver'],
      ['etcd'],
    ];
    for (const tier of tiers) {
      await Promise.all(this.components.filter((c) => tier.includes(c.name)).map((c) => c.stop()));
    }
    this.listeners.clear();
  }
}
