/**
 * Faults in direct mode that need no cluster: a missing or unreadable kubeconfig, an unknown context, and
 * a server nothing listens on. faults.cluster.test.ts covers the faults that need the local cluster.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from '../../src/api/direct.js';
import { KubeApiError } from '../../src/runtime/kube/client.js';
import { KubeconfigError } from '../../src/runtime/kube/config.js';
import { configMap, definition, graph, type TestSpec } from './support.js';

const config = configMap('config', 'config', { plain: 'visible' });

/** A factory that never reaches the test cluster: the caller names the cluster target. */
function factory(name: string, options: DirectFactoryOptions): DirectFactory<TestSpec, Record<string, unknown>> {
  return createDirectFactory<TestSpec, Record<string, unknown>>(definition(name), graph(name, [config]), { timeout: 10_000, ...options });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A kubeconfig whose one context points at `server`. */
function kubeConfigFor(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'gone', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
    currentContext: 'gone',
  });
  return kc;
}

describe('direct mode: faults without a cluster', () => {
  it('a missing or unreadable kubeconfig, or an unknown context, is a KubeconfigError naming it', async () => {
    const missing = factory('fault-kc', { kubeconfig: '/nonexistent/kubeconfig' });
    await assert.rejects(missing.deploy({ name: 'k', value: '', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof KubeconfigError, String(error));
      assert.match(error.message, /no kubeconfig found \(looked at \/nonexistent\/kubeconfig\)/);
      return true;
    });
    const dir = mkdtempSync(join(tmpdir(), 'typekro-fault-'));
    try {
      writeFileSync(join(dir, 'garbage'), 'this: is: not: a kubeconfig: [');
      const garbage = factory('fault-kc', { kubeconfig: join(dir, 'garbage') });
      await assert.rejects(garbage.deleteInstance('k'), /cannot read kubeconfig .*garbage/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const context = factory('fault-kc', { kubeConfig: kubeConfigFor('https://127.0.0.1:1'), context: 'no-such-context' });
    await assert.rejects(context.plan({ name: 'k', value: '', replicas: 1, flag: true }), /context "no-such-context" not found/);
  });

  it('an unreachable cluster fails with the server address, for deploy, plan and deleteInstance', async () => {
    const port = await closedPort();
    const unreachable = factory('fault-unreachable', { kubeConfig: kubeConfigFor(`https://127.0.0.1:${port}`) });
    const expected = new RegExp(`cannot reach the cluster at https://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`);
    await assert.rejects(unreachable.deploy({ name: 'u', value: '', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof KubeApiError, String(error));
      assert.match(error.message, expected);
      return true;
    });
    await assert.rejects(unreachable.plan({ name: 'u', value: '', replicas: 1, flag: true }), expected);
    await assert.rejects(unreachable.deleteInstance('u'), expected);
  });
});
