/**
 * `typekro cluster status` of clusters that do not run: one whose processes are all gone (a reboot) is
 * "stopped" and says how to start it; a name with no directory is "no such cluster"; both exit 1. No
 * control plane is needed: the state is written as `cluster start` writes it, with processes that are dead.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { transcript, typekro } from './run.js';

const home = mkdtempSync(join(tmpdir(), 'typekro-home-'));
after(() => rmSync(home, { recursive: true, force: true }));

/** A cluster directory as `cluster start` leaves it, its recorded processes long dead (PIDs above pid_max). */
function stoppedCluster(name: string): void {
  const dir = join(home, 'clusters', name);
  mkdirSync(dir, { recursive: true });
  const components = ['etcd', 'kube-apiserver'].map((component, i) => ({ name: component, pid: 4_194_400 + i, exe: `/nonexistent/${component}` }));
  const state = { name, dir, server: 'https://127.0.0.1:1', kubeconfigPath: join(dir, 'kubeconfig'), startedAt: '2026-01-01T00:00:00.000Z', components };
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
}

describe('typekro cluster status of clusters that do not run', () => {
  it('a cluster whose processes are gone is stopped, with the command that starts it, exit 1', async () => {
    stoppedCluster('default');
    stoppedCluster('dev');
    const result = await typekro(['cluster', 'status'], { inProcess: false, env: { TYPEKRO_HOME: home } });
    assert.equal(result.code, 1, transcript(result));
    assert.equal(
      result.stdout,
      'default: stopped (none of its 2 processes runs, e.g. after a reboot); start it again with: typekro cluster start\n' +
        'dev: stopped (none of its 2 processes runs, e.g. after a reboot); start it again with: typekro cluster start --name dev\n',
    );
  });
  it('a name without a cluster says so, exit 1', async () => {
    const result = await typekro(['cluster', 'status', '--name', 'gone'], { inProcess: false, env: { TYPEKRO_HOME: home } });
    assert.equal(result.code, 1, transcript(result));
    assert.equal(result.stdout, 'gone: no such cluster (stopped and removed, or never started); start it with: typekro cluster start --name gone\n');
  });
  it('no clusters at all: how to start one, exit 1', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'typekro-home-'));
    try {
      const result = await typekro(['cluster', 'status'], { inProcess: false, env: { TYPEKRO_HOME: empty } });
      assert.equal(result.code, 1, transcript(result));
      assert.equal(result.stdout, 'no clusters; start one with: typekro cluster start\n');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
