import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { processAlive } from './lock.js';
import { startWatchdog, writePids } from './watchdog.js';

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

describe('watchdog', () => {
  it('kills the components and removes the directory when the owner dies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typekro-wd-'));
    const owner = spawn('/bin/sleep', ['300'], { stdio: 'ignore' });
    const component = spawn('/bin/sleep', ['300'], { stdio: 'ignore', detached: true });
    component.unref();
    assert.ok(owner.pid && component.pid);
    writePids(dir, [{ name: 'etcd', pid: component.pid, exe: '/bin/sleep' }]);
    const watchdog = startWatchdog(owner.pid, dir);
    await sleep(500);
    assert.ok(processAlive(component.pid));

    owner.kill('SIGKILL');
    await until('component killed', () => !processAlive(component.pid ?? 0));
    await until('directory removed', () => !existsSync(dir));
    await until('watchdog exited', () => !processAlive(watchdog));
  });

  it('leaves processes it does not recognise alone and exits when the directory goes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typekro-wd-'));
    const other = spawn('/bin/sleep', ['300'], { stdio: 'ignore' });
    assert.ok(other.pid);
    // a recycled PID: the record names another executable, so the watchdog must not kill it
    writePids(dir, [{ name: 'etcd', pid: other.pid, exe: '/nonexistent/etcd' }]);
    const watchdog = startWatchdog(process.pid, dir);
    rmSync(dir, { recursive: true });
    await until('watchdog exited', () => !processAlive(watchdog));
    assert.ok(processAlive(other.pid));
    other.kill('SIGKILL');
  });
});
