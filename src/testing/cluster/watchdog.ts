import { spawn } from 'node:child_process';
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TypeKroError } from '../../util/errors.js';

/** A component as the watchdog (and `typekro cluster stop`) sees it: enough to kill the right process. */
export interface PidRecord {
  readonly name: string;
  readonly pid: number;
  readonly exe: string;
}

/** The file in the cluster directory listing component processes (rewritten atomically on each spawn). */
export function pidsFile(dir: string): string {
  return join(dir, 'pids.json');
}

export function writePids(dir: string, records: readonly PidRecord[]): void {
  const tmp = `${pidsFile(dir)}.tmp`;
  writeFileSync(tmp, JSON.stringify(records));
  renameSync(tmp, pidsFile(dir));
}

/*
 * The watchdog is plain JavaScript run with `node -e`, so it works the same from src/ (tsx) and dist/ and
 * imports nothing of ours. It polls the owner; when the owner is gone (killed, crashed, or exited without
 * stop()) it kills every component's process group, waits for them, and removes the cluster directory.
 * It exits quietly when the directory disappears (a normal stop) or on SIGTERM (disarmed).
 */
const SOURCE = String.raw`
const fs = require('node:fs');
const [owner, dir] = [Number(process.argv[1]), process.argv[2]];
const alive = (pid) => {
  try { process.kill(pid, 0); } catch (e) { return e.code === 'EPERM'; }
  try {
    const s = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
    return s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3) !== 'Z';
  } catch { return true; }
};
const ours = (r) => {
  try { return fs.readFileSync('/proc/' + r.pid + '/cmdline', 'utf8').split('\0')[0] === r.exe; }
  catch { return alive(r.pid); }
};
const records = () => { try { return JSON.parse(fs.readFileSync(dir + '/pids.json', 'utf8')); } catch { return []; } };
const kill = (pid, sig) => { try { process.kill(-pid, sig); } catch {} try { process.kill(pid, sig); } catch {} };
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
const cleanup = async () => {
  const mine = records().filter(ours);
  for (const r of mine) kill(r.pid, 'SIGKILL');
  const until = Date.now() + 15000;
  while (mine.some((r) => alive(r.pid)) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
const tick = () => {
  if (!fs.existsSync(dir)) process.exit(0);
  if (!alive(owner)) return void cleanup();
  setTimeout(tick, 300);
};
tick();
`;

/**
 * Starts a detached watchdog for the cluster in `dir`, owned by `ownerPid`.
 * Returns its PID; `process.kill(pid, 'SIGTERM')` disarms it (used when a cluster must outlive its starter).
 */
export function startWatchdog(ownerPid: number, dir: string): number {
  // a clean env: NODE_OPTIONS (e.g. a loader) must not change how this plain script runs
  const env = { PATH: process.env.PATH ?? '' };
  const child = spawn(process.execPath, ['-e', SOURCE, String(ownerPid), dir], { detached: true, stdio: 'ignore', env });
  child.unref();
  if (child.pid === undefined) throw new TypeKroError('ENVIRONMENT', 'cannot start the local cluster watchdog');
  return child.pid;
}
