import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { TypeKroError } from '../../util/errors.js';

/** True if a process with this PID exists (zombies count as gone: they hold no resources but their PID). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the state letter follows the parenthesised command name, which may itself contain spaces
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/**
 * An exclusive lock file holding the owner's PID. A lock whose owner died is taken over,
 * so a build killed half-way never blocks later builds. Waiting ends with an error once `signal` aborts.
 */
export async function withFileLock<T>(
  path: string,
  body: () => Promise<T>,
  onWait: (ownerPid: number) => void = () => {},
  signal?: AbortSignal,
): Promise<T> {
  let lastNotice = 0;
  for (;;) {
    if (tryCreate(path)) break;
    if (signal?.aborted) throw new TypeKroError('ENVIRONMENT', `gave up waiting for ${path} (held by process ${readOwner(path) ?? 'unknown'})`);
    const owner = readOwner(path);
    if (owner === undefined || !processAlive(owner)) {
      // re-read just before removing so a lock another waiter took over meanwhile survives (tiny window left)
      if (readOwner(path) === owner) removeQuietly(path);
      continue;
    }
    if (Date.now() - lastNotice > 30_000) {
      onWait(owner);
      lastNotice = Date.now();
    }
    await sleep(1000);
  }
  try {
    return await body();
  } finally {
    removeQuietly(path);
  }
}

/** Writes the PID to a private file and hard-links it into place: the lock never exists without its owner. */
function tryCreate(path: string): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, String(process.pid));
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeQuietly(tmp);
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
