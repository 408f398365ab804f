import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { processAlive, withFileLock } from './lock.js';

describe('file lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serialises holders', async () => {
    const path = join(dir, 'serial.lock');
    const events: string[] = [];
    const hold = (id: string) =>
      withFileLock(path, async () => {
        events.push(`${id}+`);
        await sleep(50);
        events.push(`${id}-`);
      });
    await Promise.all([hold('a'), hold('b')]);
    assert.deepEqual(events.map((e) => e.slice(1)), ['+', '-', '+', '-']);
    assert.equal(existsSync(path), false);
  });

  it('takes over a lock whose owner died', async () => {
    const path = join(dir, 'stale.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path, dead);
    assert.equal(processAlive(Number(dead)), false);
    assert.equal(await withFileLock(path, async () => 'ran'), 'ran');
  });

  it('releases the lock when the body throws', async () => {
    const path = join(dir, 'throw.lock');
    await assert.rejects(withFileLock(path, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(existsSync(path), false);
  });
});
