/**
 * What KRO v0.9.4 adds, on the real controller: `shortNames`/`categories` reach the generated CRD, and
 * `deepMerge()` gives the same value in kro mode (KRO evaluates it) and direct mode (our engine does).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiextensionsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

const aliased = kubernetesComposition(
  {
    name: 'kro-aliased-app',
    apiVersion: 'aliases.typekro.dev/v1alpha1',
    kind: 'AliasedApp',
    shortNames: ['aapp', 'aliased'],
    categories: ['typekro-tests'],
    spec: type({ name: 'string', tier: 'string' }),
    status: type({ merged: 'string' }),
  },
  (spec) => {
    // defaults.deepMerge(overrides): nested maps merge, the right side wins, lists are replaced
    const merged = Cel.expr<string>(
      'json.marshal({"labels": {"app": "web", "tier": "default"}, "ports": [80, 443], "keep": true}.deepMerge({"labels": {"tier": ',
      spec.tier,
      '}, "ports": [8080]}))',
    );
    ConfigMap({ name: spec.name, data: { merged } }); // evaluated in a template
    return { merged }; // and in the status
  },
);

const EXPECTED = '{"keep":true,"labels":{"app":"web","tier":"gold"},"ports":[8080]}';

test('shortNames and categories reach the CRD; deepMerge agrees in kro and direct mode', { timeout: 240_000 }, async () => {
  const kc = testKubeConfig();
  const kroNs = await testNamespace(kc, 'kro-v094');
  const directNs = await testNamespace(kc, 'direct-v094');

  const kro = await aliased.factory('kro', { kubeconfig, namespace: kroNs.name, timeout: 120_000 }).deploy({ name: 'merged', tier: 'gold' });
  assert.equal(kro.state, 'ACTIVE');
  assert.equal(kro.status.merged, EXPECTED);

  const crd = await kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: 'aliasedapps.aliases.typekro.dev' });
  assert.deepEqual(crd.spec.names.shortNames, ['aapp', 'aliased']);
  assert.deepEqual(crd.spec.names.categories, ['typekro-tests']);

  const direct = await aliased.factory('direct', { kubeconfig, namespace: directNs.name, timeout: 120_000 }).deploy({ name: 'merged', tier: 'gold' });
  assert.equal(direct.status.merged, EXPECTED);
  const core = kc.makeApiClient(CoreV1Api);
  for (const namespace of [kroNs.name, directNs.name]) {
    const cm = await core.readNamespacedConfigMap({ name: 'merged', namespace });
    assert.equal(cm.data?.['merged'], EXPECTED, `the ConfigMap in ${namespace}`);
  }
});
