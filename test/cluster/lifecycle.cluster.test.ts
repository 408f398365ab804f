import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { VersionApi } from '@kubernetes/client-node';
import { portInUse } from '../../src/testing/cluster/ports.js';
import { processAlive } from '../../src/testing/cluster/lock.js';
import { ComponentExitError, ensureClusterBinaries, startLocalCluster, type ClusterBinaries, type LocalCluster } from '../../src/testing/index.js';
import { eventually } from '../support/cluster.js';
import { processesMentioning } from '../support/processes.js';

// These tests start their own clusters next to the shared one: they are about starting and stopping.

async function nothingLeft(dir: string, pids: readonly number[], ports: readonly number[]): Promise<void> {
  await eventually('processes, ports and directory gone', async () => {
    const alive = pids.filter(processAlive);
    const stray = processesMentioning(dir);
    const busy = (await Promise.all(ports.map(async (p) => ((await portInUse(p)) ? p : 0)))).filter(Boolean);
    if (alive.length + stray.length + busy.length === 0 && !existsSync(dir)) return true;
    throw new Error(`alive ${alive} stray ${stray} ports ${busy} dir ${existsSync(dir)}`);
  }, 30_000);
}

describe('local cluster lifecycle', () => {
  let binaries: ClusterBinaries;
  before(async () => {
    binaries = await ensureClusterBinaries();
  });

  it('reports a component that cannot start with its log tail, and cleans up', async () => {
    const dir = join(tmpdir(), `typekro-broken-${process.pid}`);
    await assert.rejects(
      startLocalCluster({ binaries, dir, reportFailures: false, extraArgs: { 'kube-scheduler': ['--no-such-flag=1'] } }),
      (error: unknown) => {
        assert.ok(error instanceof ComponentExitError, String(error));
        assert.equal(error.component, 'kube-scheduler');
        assert.notEqual(error.exit.code, 0);
        assert.match(error.message, /kube-scheduler exited with code \d+/);
        assert.match(error.message, /no-such-flag/); // the log tail is in the message
        return true;
      },
    );
    await nothingLeft(dir, [], []);
  });

  it('runs two clusters side by side and reports one that loses a component', async () => {
    const start = (name: string): Promise<LocalCluster> => startLocalCluster({ binaries, name, reportFailures: false });
    const [a, b] = await Promise.all([start('side-a'), start('side-b')]);
    try {
      assert.notEqual(a.server, b.server);
      assert.equal(new Set([...Object.values(a.ports), ...Object.values(b.ports)]).size, 2 * Object.keys(a.ports).length);
      for (const c of [a, b]) assert.match((await c.kubeconfig.makeApiClient(VersionApi).getCode()).gitVersion, /^v1\.36\./);

      const reported = new Promise<ComponentExitError>((resolve) => a.onFailure(resolve));
      const scheduler = a.components.find((c) => c.name === 'kube-scheduler');
      assert.ok(scheduler);
      process.kill(scheduler.pid, 'SIGKILL');
      const keepAlive = setInterval(() => {}, 1000); // component processes do not hold the event loop
      const error = await reported.finally(() => clearInterval(keepAlive));
      assert.equal(error.component, 'kube-scheduler');
      assert.equal(error.exit.signal, 'SIGKILL');
      assert.ok(error.tail.length > 0);
      assert.equal(a.failure, error);

      assert.equal(b.failure, undefined);
      assert.match((await b.kubeconfig.makeApiClient(VersionApi).getCode()).gitVersion, /^v1\.36\./);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    for (const c of [a, b]) await nothingLeft(c.dir, c.components.map((x) => x.pid), Object.values(c.ports));
  });

  it('leaves no process, port or directory behind when its owner is killed', async () => {
    const script = fileURLToPath(new URL('../support/owner-process.ts', import.meta.url));
    const owner = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: owner.stdout }).once('line', resolve);
      owner.once('exit', (code) => reject(new Error(`owner exited early (${code})`)));
    });
    const report = JSON.parse(line) as { dir: string; pids: number[]; watchdogPid: number; ports: number[] };
    assert.ok(existsSync(report.dir));
    assert.ok(report.pids.every(processAlive));
    owner.kill('SIGKILL');
    await nothingLeft(report.dir, [...report.pids, report.watchdogPid], report.ports);
  });
});
