/**
 * Numbers made text (src/ir/javascript-text.ts) on the real KRO controller: a `'number'` spec field and an
 * untyped one (`'Record<string, unknown>'`, where the instance decides the type) written into a ConfigMap and
 * the status. KRO accepts the RGD (its type check takes the CEL), and KRO and direct mode write what JavaScript
 * writes, where CEL's own `string()` gives Go's `%g`: `1.0000005e+06`, `1e-07`, `1e+20` (trial 21 F1).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { ConfigMap } from '../../src/simple.js';
import { includesSubset } from '../support/match.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const numberText = kubernetesComposition(
  {
    name: 'number-text',
    apiVersion: 'numbertext.typekro.dev/v1alpha1',
    kind: 'NumberText',
    spec: type({ ratio: 'number', cfg: 'Record<string, unknown>' }),
    status: type({ ratio: 'string', small: 'string', untyped: 'string', line: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: 'numbers', id: 'numbers', data: { ratio: `${spec.ratio}`, small: String(spec.ratio / 1e12), untyped: String(spec.cfg.v ?? 'none') } });
    return { ratio: `${spec.ratio}`, small: `${spec.ratio / 1e12}`, untyped: String(spec.cfg.v ?? 'none'), line: `v=${spec.cfg.w ?? 0}` };
  },
);

const SPEC = { ratio: 1000000.5, cfg: { v: 1e-7, w: 1e20 } };

test('KRO accepts numbers made text and writes what JavaScript and direct mode write', { timeout: 300_000 }, async () => {
  const js = evaluateConcrete(numberText, SPEC);
  const data = (js.resources[0]!.manifests[0] as { data: Record<string, string> }).data;
  assert.deepEqual(data, { ratio: '1000000.5', small: '0.0000010000005', untyped: '1e-7' });
  const expected = { ratio: '1000000.5', small: '0.0000010000005', untyped: '1e-7', line: 'v=100000000000000000000' };
  assert.deepEqual(js.status, expected);
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  for (const mode of ['kro', 'direct'] as const) {
    const namespace = await testNamespace(kc, `number-text-${mode}`);
    const options = { kubeconfig: testKubeConfigPath(), namespace: namespace.name, timeout: 180_000 };
    const factory = mode === 'kro' ? numberText.factory('kro', options) : numberText.factory('direct', options);
    const instance = await factory.deploy(SPEC);
    const ref = { apiVersion: 'numbertext.typekro.dev/v1alpha1', kind: 'NumberText', name: instance.metadata.name, namespace: namespace.name };
    let last: unknown;
    await eventually(`${mode} status`, async () => {
      last = mode === 'kro' ? ((await client.get(ref)) as { status?: unknown } | undefined)?.status : instance.status;
      return includesSubset(last, expected) ? true : undefined;
    }, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nlast status: ${JSON.stringify(last)}\nJavaScript: ${JSON.stringify(expected)}`);
    });
    const cm = await core.readNamespacedConfigMap({ name: 'numbers', namespace: namespace.name });
    assert.deepEqual(cm.data, data, `the ConfigMap in ${mode} mode`);
    await factory.deleteInstance(instance.metadata.name);
    await namespace.remove();
  }
});
