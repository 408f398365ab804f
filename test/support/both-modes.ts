/**
 * One composition deployed in KRO mode and in direct mode, each in a namespace of its own: the status each
 * mode reports reaches what JavaScript gives (`expected`), and a ConfigMap the composition makes holds the
 * data JavaScript gives. The cluster tests that hold compiled CEL to JavaScript on KRO itself share it.
 */
import assert from 'node:assert/strict';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Composition } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { includesSubset } from './match.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from './cluster.js';

export interface BothModesCheck {
  /** The prefix of each mode's namespace (`<prefix>-kro`, `<prefix>-direct`). */
  readonly namespace: string;
  /** The status JavaScript gives: each mode's status must include it. */
  readonly expected: Readonly<Record<string, unknown>>;
  /** A ConfigMap of the composition and the data JavaScript writes into it. */
  readonly configMap: { readonly name: string; readonly data: Readonly<Record<string, string>> };
}

export async function assertBothModes<TSpec, TStatus>(composition: Composition<TSpec, TStatus>, spec: TSpec, check: BothModesCheck): Promise<void> {
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const { group, version, kind } = composition.graph;
  for (const mode of ['kro', 'direct'] as const) {
    const namespace = await testNamespace(kc, `${check.namespace}-${mode}`);
    const options = { kubeconfig: testKubeConfigPath(), namespace: namespace.name, timeout: 180_000 };
    const factory = mode === 'kro' ? composition.factory('kro', options) : composition.factory('direct', options);
    const instance = await factory.deploy(spec);
    if ('state' in instance) assert.equal(instance.state, 'ACTIVE');
    const ref = { apiVersion: `${group}/${version}`, kind, name: instance.metadata.name, namespace: namespace.name };
    let last: unknown;
    await eventually(`${mode} status`, async () => {
      last = mode === 'kro' ? ((await client.get(ref)) as { status?: unknown } | undefined)?.status : instance.status;
      return includesSubset(last, check.expected) ? true : undefined;
    }, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nlast status: ${JSON.stringify(last)}\nJavaScript: ${JSON.stringify(check.expected)}`);
    });
    const cm = await core.readNamespacedConfigMap({ name: check.configMap.name, namespace: namespace.name });
    assert.deepEqual(cm.data, check.configMap.data, `the ConfigMap in ${mode} mode`);
    await factory.deleteInstance(instance.metadata.name);
    await namespace.remove();
  }
}
