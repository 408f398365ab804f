/**
 * A key removed from a Secret's `stringData` is removed from the live Secret on redeploy, in both modes
 * (trial 11, S2). `stringData` is write-only, so its appliers (direct mode's server-side apply and KRO's
 * `kro.run/applyset` manager) never owned `data.KEY` and never pruned it; the graph now sends `data`
 * (src/composition/secret-wire.ts), which they own. An optional value that is absent leaves its key (or the
 * whole map) out, and KRO accepts the form it takes (`c ? dyn(...) : omit()`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubernetesComposition } from '../../src/index.js';
import { Secret } from '../../src/simple.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();
const core = () => testKubeConfig().makeApiClient(CoreV1Api);

const creds = kubernetesComposition(
  {
    name: 'secret-prune',
    apiVersion: 'prune.typekro.dev/v1alpha1',
    kind: 'SecretPrune',
    spec: type({ name: 'string', creds: 'Record<string, string>', user: 'string', raw: 'string', 'opt?': 'string', 'more?': 'Record<string, string>' }),
    status: type({ name: 'string' }),
  },
  (spec) => {
    // A whole map, and keys one by one (a literal, a spec value, a template).
    Secret({ id: 'whole', name: `${spec.name}-whole`, stringData: spec.creds });
    // data given as base64 text by an expression (KRO types data as bytes; before, it refused the RGD).
    Secret({ id: 'given', name: `${spec.name}-given`, data: { raw: spec.raw } });
    const keys = Secret({ id: 'keys', name: `${spec.name}-keys`, stringData: { fixed: 'literal', user: spec.user, url: `https://${spec.user}@db` } });
    // Optional values: absent, the key (or the whole map) is left out, as JavaScript leaves it out.
    Secret({ id: 'optionalKey', name: `${spec.name}-optional`, stringData: { opt: spec.opt, fixed: 'x' } });
    Secret({ id: 'maybe', name: `${spec.name}-maybe`, stringData: spec.more });
    return { name: keys.metadata.name };
  },
);

async function decoded(namespace: string, name: string): Promise<Record<string, string>> {
  const secret = await core().readNamespacedSecret({ name, namespace });
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

for (const mode of ['direct', 'kro'] as const) {
  test(`${mode}: a key removed from stringData is removed from the live Secret`, { timeout: 300_000 }, async () => {
    const ns = await testNamespace(testKubeConfig(), `secret-prune-${mode}`);
    const options = { kubeconfig, namespace: ns.name, timeout: 120_000 };
    const factory = mode === 'kro' ? creds.factory('kro', options) : creds.factory('direct', options);
    await factory.deploy({ name: 'app', creds: { USER: 'me', PASSWORD: 'hunter2' }, user: 'me', raw: 'cmF3' }, { name: 'app' });
    assert.deepEqual(await decoded(ns.name, 'app-given'), { raw: 'raw' });
    assert.deepEqual(await decoded(ns.name, 'app-whole'), { USER: 'me', PASSWORD: 'hunter2' });
    assert.deepEqual(await decoded(ns.name, 'app-keys'), { fixed: 'literal', user: 'me', url: 'https://me@db' });
    assert.deepEqual(await decoded(ns.name, 'app-optional'), { fixed: 'x' });
    assert.deepEqual(await decoded(ns.name, 'app-maybe'), {});
    await factory.deploy({ name: 'app', creds: { USER: 'me' }, user: 'you', raw: 'cmF3', opt: 'o', more: { M: 'm' } }, { name: 'app' });
    // KRO reconciles the instance's new spec on its own schedule.
    await eventually('the removed key gone', async () => {
      assert.deepEqual(await decoded(ns.name, 'app-whole'), { USER: 'me' });
      assert.deepEqual(await decoded(ns.name, 'app-keys'), { fixed: 'literal', user: 'you', url: 'https://you@db' });
      assert.deepEqual(await decoded(ns.name, 'app-optional'), { fixed: 'x', opt: 'o' });
      assert.deepEqual(await decoded(ns.name, 'app-maybe'), { M: 'm' });
      return true;
    }, 90_000);
    await ns.remove();
  });
}
