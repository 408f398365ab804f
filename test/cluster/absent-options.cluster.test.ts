/**
 * A factory option that may be `undefined` (trial R2) compiles to `c ? value : omit()` where the factory
 * passes it on (src/composition/absent-options.ts): KRO (with the CELOmitFunction gate our clusters run)
 * and the direct runtime must both leave the field out of the stored object when the option is
 * `undefined`, and write it when it is set, as JavaScript's manifest does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { configMap, kubernetesComposition } from '../../src/index.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();
const core = () => testKubeConfig().makeApiClient(CoreV1Api);

const optional = kubernetesComposition(
  { name: 'absent-options', apiVersion: 'absent.typekro.dev/v1alpha1', kind: 'AbsentOptions', spec: type({ name: 'string', c: 'boolean' }), status: type({ name: 'string' }) },
  (spec) => {
    configMap({ metadata: { name: spec.name }, data: { a: 'x', b: (spec.c ? 'set' : undefined) as string }, immutable: spec.c ? false : undefined });
    return { name: spec.name };
  },
);

test('a field JavaScript leaves out is absent from the stored object in both modes, and present when set', { timeout: 300_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'absent-options');
  const options = { kubeconfig, namespace: ns.name, timeout: 150_000 };
  for (const mode of ['direct', 'kro'] as const) {
    for (const c of [false, true]) {
      const name = `${mode}-${c ? 'set' : 'unset'}`;
      const spec = { name, c };
      if (mode === 'kro') await optional.factory('kro', options).deploy(spec, { name });
      else await optional.factory('direct', options).deploy(spec, { name });
      const stored = await core().readNamespacedConfigMap({ name, namespace: ns.name });
      assert.deepEqual(stored.data, c ? { a: 'x', b: 'set' } : { a: 'x' }, `${name}: data`);
      assert.equal(stored.immutable, c ? false : undefined, `${name}: immutable`);
    }
  }
  await ns.remove();
});
