/**
 * The UTF-16 forms of `.length`, `indexOf` and `lastIndexOf` (analysis/utf16.ts) on the real KRO controller:
 * the RGD of text-position-cases.ts, whose status and ConfigMap use every form, becomes Active (KRO's type
 * check accepts the CEL), and KRO and direct mode give the values JavaScript gives for text with emoji, from
 * positions between the two halves of one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoreV1Api } from '@kubernetes/client-node';
import { evaluateConcrete } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { textPositions, type TextSpec } from '../differential/text-position-cases.js';
import { includesSubset } from '../support/match.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();
const SPEC: TextSpec = { s: 'a😀b😀😀_é', t: '😀', p: 2, o: 5, u: '\u{10ffff}x', words: ['😀😀', 'b😀', ''] };

test('KRO accepts the UTF-16 forms and computes what JavaScript and direct mode compute', { timeout: 300_000 }, async () => {
  const js = evaluateConcrete(textPositions, SPEC as never);
  const expected = js.status as Record<string, unknown>;
  assert.equal(expected.len, 10);
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const data = (js.resources[0]!.manifests[0] as { data: Record<string, string> }).data;
  for (const mode of ['kro', 'direct'] as const) {
    const namespace = await testNamespace(kc, `text-${mode}`);
    const options = { kubeconfig, namespace: namespace.name, timeout: 180_000 };
    const factory = mode === 'kro' ? textPositions.factory('kro', options) : textPositions.factory('direct', options);
    const instance = await factory.deploy(SPEC as never);
    if ('state' in instance) assert.equal(instance.state, 'ACTIVE');
    const ref = { apiVersion: 'text.typekro.dev/v1alpha1', kind: 'TextPositions', name: instance.metadata.name, namespace: namespace.name };
    let last: unknown;
    await eventually(`${mode} status`, async () => {
      last = mode === 'kro' ? (await client.get(ref) as { status?: unknown } | undefined)?.status : instance.status;
      return includesSubset(last, expected) ? true : undefined;
    }, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nlast status: ${JSON.stringify(last)}\nJavaScript: ${JSON.stringify(expected)}`);
    });
    const cm = await core.readNamespacedConfigMap({ name: 'text', namespace: namespace.name });
    assert.deepEqual(cm.data, data, `the ConfigMap in ${mode} mode`);
    await factory.deleteInstance(instance.metadata.name);
    await namespace.remove();
  }
});
