/**
 * A property read of an untyped value (`'Record<string, unknown>'`, where the instance decides the type) that
 * holds a list, on the real KRO controller: JavaScript reads `undefined` there. KRO's cel-go failed on such a
 * read ("unsupported index type 'string' in list") and never reconciled the instance (trial 21 F3c); now KRO
 * and direct mode write what JavaScript writes (src/ir/untyped-target.ts).
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

type Tier = { tier?: string };

const untypedRead = kubernetesComposition(
  {
    name: 'untyped-list-read',
    apiVersion: 'untypedread.typekro.dev/v1alpha1',
    kind: 'UntypedListRead',
    spec: type({ cfg: 'Record<string, unknown>' }),
    status: type({ tier: 'string', set: 'boolean', other: 'string' }),
  },
  (spec) => {
    const a = spec.cfg.a as Tier | undefined;
    ConfigMap({ name: 'untyped', id: 'untyped', data: { tier: a?.tier ?? 'none', other: (spec.cfg.b as Tier | undefined)?.tier ?? 'none' } });
    return { tier: a?.tier ?? 'none', set: a?.tier !== undefined, other: (spec.cfg.b as Tier | undefined)?.tier ?? 'none' };
  },
);

const SPEC = { cfg: { a: ['gold', 'silver'], b: { tier: 'bronze' } } };

test('KRO reads a property of an untyped list as JavaScript does: undefined, not an error', { timeout: 300_000 }, async () => {
  const js = evaluateConcrete(untypedRead, SPEC);
  const data = (js.resources[0]!.manifests[0] as { data: Record<string, string> }).data;
  assert.deepEqual(data, { tier: 'none', other: 'bronze' });
  const expected = { tier: 'none', set: false, other: 'bronze' };
  assert.deepEqual(js.status, expected);
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  for (const mode of ['kro', 'direct'] as const) {
    const namespace = await testNamespace(kc, `untyped-read-${mode}`);
    const options = { kubeconfig: testKubeConfigPath(), namespace: namespace.name, timeout: 180_000 };
    const factory = mode === 'kro' ? untypedRead.factory('kro', options) : untypedRead.factory('direct', options);
    const instance = await factory.deploy(SPEC);
    const ref = { apiVersion: 'untypedread.typekro.dev/v1alpha1', kind: 'UntypedListRead', name: instance.metadata.name, namespace: namespace.name };
    let last: unknown;
    await eventually(`${mode} status`, async () => {
      last = mode === 'kro' ? ((await client.get(ref)) as { status?: unknown } | undefined)?.status : instance.status;
      return includesSubset(last, expected) ? true : undefined;
    }, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\nlast status: ${JSON.stringify(last)}\nJavaScript: ${JSON.stringify(expected)}`);
    });
    const cm = await core.readNamespacedConfigMap({ name: 'untyped', namespace: namespace.name });
    assert.deepEqual(cm.data, data, `the ConfigMap in ${mode} mode`);
    await factory.deleteInstance(instance.metadata.name);
    await namespace.remove();
  }
});
