import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { ComponentExitError, logTail, spawnComponent } from './process.js';

describe('component processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-proc-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an unexpected exit with code and log tail', async () => {
    const c = spawnComponent({
      name: 'kwok',
      exe: '/bin/sh',
      args: ['-c', 'for i in $(seq 1 50); do echo line $i; done; echo fatal: bad flag >&2; exit 3'],
      logPath: join(dir, 'fail.log'),
    });
    const keepAlive = setInterval(() => {}, 1000); // the child is unref'd: keep the loop alive while waiting
    const error = await c.failed.finally(() => clearInterval(keepAlive));
    assert.ok(error instanceof ComponentExitError);
    assert.equal(error.exit.code, 3);
    assert.match(error.message, /kwok exited with code 3/);
    assert.match(error.tail, /fatal: bad flag$/);
    assert.equal(error.tail.split('\n').length, 30);
  });

  it('stop() ends the process group without reporting a failure', async () => {
    const c = spawnComponent({ name: 'etcd', exe: '/bin/sh', args: ['-c', 'sleep 300 & sleep 300'], logPath: join(dir, 'stop.log') });
    let reported = false;
    void c.failed.then(() => (reported = true));
    await sleep(100);
    await c.stop(1000);
    const exit = await c.exited;
    assert.equal(exit.signal, 'SIGTERM');
    await sleep(50);
    assert.equal(reported, false);
  });

  it('reads only the end of a log', () => {
    assert.equal(logTail(join(dir, 'missing.log')), '(no log)');
  });
});
