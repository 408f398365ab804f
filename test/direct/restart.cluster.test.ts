/**
 * API server faults in the middle of a direct deploy, on a dedicated local cluster (restarting the shared
 * test cluster's API server would disturb the other tests): restarted between two applies or while a
 * watch is open, the deploy recovers and completes; when the API server stays away the deploy fails
 * cleanly naming the server, and once it is back every object that was applied is found through the
 * instance record and deleted (nothing orphaned); when it hangs (SIGSTOP), the deploying process still
 * ends on its own, with the API server still paused. Also: a kro-mode deploy whose watch on the instance
 * a restart breaks, and a delete a restart interrupts (it completes, nothing is left).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { E } from '../../src/ir/expr.js';
import type { ProgressEvent } from '../../src/runtime/direct/index.js';
import { KubeApiError } from '../../src/runtime/kube/client.js';
import { ensureClusterBinaries, startLocalCluster, type LocalCluster } from '../../src/testing/index.js';
import { eventually } from '../support/cluster.js';
import { createFactory, type KroFactory } from '../../src/api/factories.js';
import { configMap, definition, deployment, factoryFor, graph, x, type TestSpec } from './support.js';

const GATED = join(import.meta.dirname, 'fixtures', 'gated-deploy.ts');
/** A gate ConfigMap: ready once its `data.open` is "yes" (the test opens it). */
const gate = () =>
  configMap('gate', 'gate', {}, { readyWhen: [E.binary('==', E.call('orValue', [E.str('')], E.select(E.path('gate', 'data'), 'open', true)), E.str('yes'))] });

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

describe('direct mode: API server faults during a deploy', () => {
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
      const [reason, leftBehind, remedy] = error.message.split('\n');
      assert.match(reason ?? '', /^cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \((get|watch|discover) [^)]*\): .*ECONNREFUSED.*\(still failing after \d+ attempts\)$/);
      assert.match(leftBehind ?? '', /^\(applied before the failure and left in the cluster: ConfigMap default\/gone-first, Deployment default\/gone; deploy again once fixed, or remove them\)$/);
      assert.equal(remedy, '  to remove them: deleteInstance("gone") of a direct factory for namespace default');
      assert.deepEqual(error.remedies?.[0], { purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: 'gone', namespace: 'default' });
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

  it('resumes a watch broken by an API server restart, and the deploy goes on', async () => {
    let killed = false;
    const factory = factoryFor('restart', [gate()], {
      kubeConfig: cluster.kubeconfig,
      namespace: 'default',
      timeout: 120_000,
      progressCallback: (event) => {
        if (!killed && event.type === 'waiting' && event.resourceId === 'gate') {
          killed = true;
          // the deploy is watching the gate now: break the watch with a restart
          setTimeout(() => {
            kill();
            setTimeout(start, 1_500);
          }, 1_000);
        }
      },
    });
    const deployed = factory.deploy({ name: 'watched', value: '', replicas: 1, flag: true });
    await eventually('the gate to be waited on', async () => (killed ? true : undefined), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await waitReady();
    await cluster.kubeconfig.makeApiClient(CoreV1Api).patchNamespacedConfigMap({ name: 'watched-gate', namespace: 'default', body: { data: { open: 'yes' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const instance = await deployed;
    assert.deepEqual(instance.metadata, { name: 'watched', namespace: 'default' });
    await factory.deleteInstance('watched');
    assert.deepEqual(await owned('watched'), []);
  });

  it('kro mode: resumes the watch on the instance broken by an API server restart, and the deploy goes on', async () => {
    let killed = false;
    const kro = createFactory('kro', definition('restartkro'), graph('restartkro', [gate()]), {
      kubeConfig: cluster.kubeconfig,
      namespace: 'default',
      timeout: 180_000,
      progressCallback: (event) => {
        if (!killed && /^applied DirectTest default\/kwatched/.test(event.message)) {
          killed = true;
          // the deploy now watches the instance for KRO's verdict: break the watch with a restart
          setTimeout(() => {
            kill();
            setTimeout(start, 1_500);
          }, 500);
        }
      },
    }) as KroFactory<TestSpec, unknown>;
    const deployed = kro.deploy({ name: 'kwatched', value: '', replicas: 1, flag: true });
    await eventually('the instance to be applied', async () => (killed ? true : undefined), 120_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await waitReady();
    // KRO creates the gate once it reconciles again; opening it makes the instance ready
    const core = cluster.kubeconfig.makeApiClient(CoreV1Api);
    await eventually('KRO to create the gate', async () => (await core.readNamespacedConfigMap({ name: 'kwatched-gate', namespace: 'default' }).catch(() => undefined)) ?? undefined, 120_000);
    await core.patchNamespacedConfigMap({ name: 'kwatched-gate', namespace: 'default', body: { data: { open: 'yes' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const instance = await deployed;
    assert.equal(instance.metadata.name, 'kwatched');
    await kro.deleteInstance('kwatched');
    await eventually('KRO to delete the gate', async () => ((await core.readNamespacedConfigMap({ name: 'kwatched-gate', namespace: 'default' }).catch(() => undefined)) ? undefined : true), 120_000);
  });

  it('completes a delete the API server restarted in the middle of, leaving nothing', async () => {
    const factory = factoryFor('restart', resources(), { kubeConfig: cluster.kubeconfig, namespace: 'default', timeout: 120_000 });
    await factory.deploy({ name: 'del', value: '', replicas: 1, flag: true });
    let killed = false;
    const deleting = factoryFor('restart', resources(), {
      kubeConfig: cluster.kubeconfig,
      namespace: 'default',
      timeout: 120_000,
      progressCallback: (event) => {
        if (!killed && event.type === 'delete') {
          killed = true;
          kill(); // the wait for that object to be gone, and the next deletes, meet a dead API server
          setTimeout(start, 1_500);
        }
      },
    });
    await deleting.deleteInstance('del');
    assert.ok(killed);
    assert.deepEqual(await owned('del'), []);
    await assert.rejects(cluster.kubeconfig.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'typekro.restart.del', namespace: 'default' }), (e: { code?: number }) => e.code === 404);
  });

  it('ends the deploying process on its own when the API server hangs (SIGSTOP) past the deadline', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', GATED], {
      env: { ...process.env, TYPEKRO_TEST_KUBECONFIG: cluster.kubeconfigPath, GATE_TIMEOUT_MS: '8000', GATE_INSTANCE: 'paused' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let paused = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!paused && stdout.includes('waiting')) {
        paused = true;
        process.kill(apiserverPid, 'SIGSTOP');
      }
    });
    // a ceiling so a regression fails instead of hanging: the deadline is 8 s
    const ceiling = setTimeout(() => child.kill('SIGKILL'), 120_000);
    try {
      const [code, signal] = (await new Promise((resolve) => child.on('exit', (c, s) => resolve([c, s])))) as [number | null, NodeJS.Signals | null];
      assert.ok(paused, `the deploy never waited on the gate:\n${stdout}\n${stderr}`);
      assert.equal(signal, null, `the process did not end by itself while the API server was paused:\n${stdout}\n${stderr}`);
      assert.equal(code, 1, `${stdout}\n${stderr}`);
      assert.match(stdout, /^failed: .*(not ready before the deadline|did not answer within)/m);
    } finally {
      clearTimeout(ceiling);
      process.kill(apiserverPid, 'SIGCONT');
    }
    await waitReady();
    await factoryFor('gated', [gate()], { kubeConfig: cluster.kubeconfig, namespace: 'default' }).deleteInstance('paused');
    assert.deepEqual(await owned('paused'), []);
  });
});
