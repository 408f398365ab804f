/**
 * The API server restarted in the middle of a direct deploy, on a dedicated local cluster (restarting the
 * shared test cluster's API server would disturb the other tests): the deploy recovers and completes; when
 * the API server stays away the deploy fails cleanly naming the server, and once it is back every object
 * that was applied is found through the instance record and deleted (nothing orphaned).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { E } from '../../src/ir/expr.js';
import type { ProgressEvent } from '../../src/runtime/direct/index.js';
import { KubeApiError } from '../../src/runtime/kube/client.js';
import { ensureClusterBinaries, startLocalCluster, type LocalCluster } from '../../src/testing/index.js';
import { eventually } from '../support/cluster.js';
import { configMap, deployment, factoryFor, x } from './support.js';

interface Command {
  readonly exe: string;
  readonly args: string[];
  readonly cwd: string;
}

/** How a running process was started, from /proc (Linux). */
function commandOf(pid: number): Command {
  const [exe, ...args] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((part) => part !== '');
  return { exe: exe!, args, cwd: readlinkSync(`/proc/${pid}/cwd`) };
}

describe('direct mode: API server restarted during a deploy', () => {
  let cluster: LocalCluster;
  let apiserver: Command;
  let apiserverPid: number;
  let logPath: string;
  const restarted: ChildProcess[] = [];

  const kill = (): void => void process.kill(apiserverPid, 'SIGKILL');
  const start = (): void => {
    const log = openSync(logPath, 'a');
    const child = spawn(apiserver.exe, apiserver.args, { cwd: apiserver.cwd, detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    child.unref();
    restarted.push(child);
    apiserverPid = child.pid!;
  };
  const resources = () => [
    configMap('first', 'first'),
    { ...deployment('app'), dependsOn: ['first'] },
    configMap('last', 'last', { ready: x(E.call('string', [E.path('app', 'status', 'readyReplicas')])) }),
  ];
  const owned = async (instance: string): Promise<string[]> => {
    const selector = `typekro.dev/instance=${instance}`;
    const core = cluster.kubeconfig.makeApiClient(CoreV1Api);
    const apps = cluster.kubeconfig.makeApiClient(AppsV1Api);
    const cms = (await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: selector })).items.map((o) => `ConfigMap/${o.metadata?.name}`);
    const deps = (await apps.listNamespacedDeployment({ namespace: 'default', labelSelector: selector })).items.map((o) => `Deployment/${o.metadata?.name}`);
    return [...cms, ...deps].sort();
  };
  const waitReady = () =>
    eventually('the restarted API server to serve', async () => (await cluster.kubeconfig.makeApiClient(CoreV1Api).readNamespace({ name: 'default' })) ? true : undefined, 60_000);

  before(async () => {
    const binaries = await ensureClusterBinaries({ progress: () => undefined });
    cluster = await startLocalCluster({ name: 'restart', binaries, reportFailures: false });
    const component = cluster.components.find((c) => c.name === 'kube-apiserver')!;
    apiserverPid = component.pid;
    logPath = component.logPath;
    apiserver = commandOf(apiserverPid);
  });
  after(async () => {
    for (const child of restarted) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await cluster?.stop();
  });

  it('recovers when the API server restarts between two applies, and completes the deploy', async () => {
    let killed = false;
    const events: ProgressEvent[] = [];
    const factory = factoryFor('restart', resources(), {
      kubeConfig: cluster.kubeconfig,
      namespace: 'default',
      timeout: 120_000,
      progressCallback: (event) => {
        events.push(event);
        if (!killed && event.type === 'apply' && event.resourceId === 'first') {
          killed = true;
          kill(); // the next apply (the Deployment) meets a dead API server
          setTimeout(start, 1_500);
        }
      },
    });
    const instance = await factory.deploy({ name: 'rs', value: '', replicas: 2, flag: true });
    assert.ok(killed);
    assert.deepEqual(instance.metadata, { name: 'rs', namespace: 'default' });
    const last = await cluster.kubeconfig.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'rs-last', namespace: 'default' });
    assert.equal(last.data?.ready, '2');
    assert.deepEqual(await owned('rs'), ['ConfigMap/rs-first', 'ConfigMap/rs-last', 'Deployment/rs']);
    await factory.deleteInstance('rs');
    assert.deepEqual(await owned('rs'), []);
  });

  it('fails cleanly when the API server stays away, and leaves nothing orphaned once it is back', async () => {
    let killed = false;
    const factory = factoryFor('restart', resources(), {
      kubeConfig: cluster.kubeconfig,
      namespace: 'default',
      timeout: 12_000,
      progressCallback: (event) => {
        if (!killed && event.type === 'apply' && event.resourceId === 'app') {
          killed = true;
          kill();
        }
      },
    });
    await assert.rejects(factory.deploy({ name: 'gone', value: '', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof KubeApiError, String(error));
      const [reason, leftBehind] = error.message.split('\n');
      assert.match(reason ?? '', /^cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \((get|watch|discover) [^)]*\): .*ECONNREFUSED.*\(still failing after \d+ attempts\)$/);
      assert.match(leftBehind ?? '', /^\(applied before the failure and left in the cluster: ConfigMap default\/gone-first, Deployment default\/gone; .*deleteInstance\("gone"\)/);
      return true;
    });
    assert.ok(killed);
    start();
    await waitReady();
    // everything applied before the API server went away is found (through the record) and deleted
    assert.deepEqual(await owned('gone'), ['ConfigMap/gone-first', 'Deployment/gone']);
    await factory.deleteInstance('gone');
    assert.deepEqual(await owned('gone'), []);
    await assert.rejects(cluster.kubeconfig.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'typekro.restart.gone', namespace: 'default' }), (e: { code?: number }) => e.code === 404);
  });
});
