/**
 * The runner fixtures on the test cluster: a namespace per test body, deleted afterwards, also when the body
 * fails; a failure prints the control plane's component logs; startTestCluster reuses TYPEKRO_TEST_KUBECONFIG.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { inTestNamespace, startTestCluster } from '../../src/testing/index.js';
import { eventually, testKubeConfig, testKubeConfigPath } from '../support/cluster.js';

const core = (): CoreV1Api => testKubeConfig().makeApiClient(CoreV1Api);

/** Gone or terminating: a namespace is deleted asynchronously. */
async function deleted(name: string): Promise<true | undefined> {
  try {
    const ns = await core().readNamespace({ name });
    return ns.metadata?.deletionTimestamp ? true : undefined;
  } catch (error) {
    return (error as { code?: number }).code === 404 ? true : undefined;
  }
}

describe('test fixtures', () => {
  it('startTestCluster reuses the cluster of TYPEKRO_TEST_KUBECONFIG', async () => {
    const path = testKubeConfigPath();
    const teardown = await startTestCluster();
    assert.equal(process.env.TYPEKRO_TEST_KUBECONFIG, path);
    await teardown();
    assert.equal(process.env.TYPEKRO_TEST_KUBECONFIG, path, 'a reused cluster is left alone');
  });

  it('a test body runs in a fresh namespace, with its default ServiceAccount, deleted afterwards', async () => {
    const seen = await inTestNamespace(async (ns) => {
      const api = ns.kubeconfig.makeApiClient(CoreV1Api);
      await api.readNamespacedServiceAccount({ name: 'default', namespace: ns.name });
      assert.equal(ns.kubeconfigPath, testKubeConfigPath());
      return ns.name;
    }, { prefix: 'Fixture Test' })();
    assert.match(seen, /^fixture-test-[0-9a-f]{6}$/);
    await eventually(`namespace ${seen} deleted`, () => deleted(seen));
  });

  it('a failing body fails the test, prints the component logs, and its namespace is still deleted', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    let name = '';
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await assert.rejects(
        inTestNamespace((ns) => {
          name = ns.name;
          throw new Error('the deployment never became ready');
        }, { logLines: 5 }),
        /the deployment never became ready/,
      );
    } finally {
      process.stderr.write = write;
    }
    const text = written.join('');
    assert.match(text, new RegExp(`test in namespace ${name} failed; component logs:`));
    assert.match(text, /--- kube-apiserver\.log \(last 5 lines\) ---/);
    await eventually(`namespace ${name} deleted`, () => deleted(name));
  });
});
