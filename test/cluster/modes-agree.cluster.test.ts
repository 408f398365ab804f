/**
 * The two modes agree on data (issue 12, point 7), against the real API server and KRO:
 * - observed objects enter CEL typed by their schema: a Secret's `data` is bytes in both modes, so KRO's
 *   own secret-transformation example, re-expressed for typed data, gives the same result in both;
 * - the instance's uid (and generation) is there in direct mode too;
 * - a read its resource's schema rules out fails at once instead of waiting for the deadline;
 * - deleting an instance that does not exist says so;
 * - a new RGD for a kind whose CRD KRO kept from a deleted RGD is checked before applying.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { BreakingChangeError, DirectDeployError, externalRef, InstanceNotFoundError, KroRejectedError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { secretTransformation } from '../support/secret-transformation.js';

const kubeconfig = testKubeConfigPath();
const core = () => testKubeConfig().makeApiClient(CoreV1Api);

async function tokenOf(namespace: string, name: string): Promise<string> {
  const object = await core().readNamespacedSecret({ name, namespace });
  return Buffer.from(object.data?.['token'] ?? '', 'base64').toString();
}

test("KRO's secret-transformation example gives the same token and status in both modes (Secret data is bytes)", { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'modes-secret');
  await core().createNamespacedSecret({ namespace: ns.name, body: { metadata: { name: 'test' }, stringData: { uri: 'api.test.com' } } });
  const direct = await secretTransformation.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 }).deploy({ name: 'direct-token' }, { name: 'direct' });
  const kro = await secretTransformation.factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000 }).deploy({ name: 'kro-token' }, { name: 'kro' });
  assert.equal(direct.status.uri, 'api.test.com');
  assert.equal(kro.status.uri, 'api.test.com');
  assert.equal(direct.status.encoded, 'YXBpLnRlc3QuY29t');
  assert.equal(kro.status.encoded, 'YXBpLnRlc3QuY29t');
  assert.equal(await tokenOf(ns.name, 'direct-token'), 'api.test.com/oauth/token');
  assert.equal(await tokenOf(ns.name, 'kro-token'), 'api.test.com/oauth/token');
  await ns.remove();
});

const seeded = kubernetesComposition(
  { name: 'modes-seeded', apiVersion: 'modes.typekro.dev/v1alpha1', kind: 'ModesSeeded', spec: type({ size: 'number.integer' }), status: type({ uid: 'string', generation: 'number' }) },
  (spec, instance) => {
    ConfigMap({ name: `${instance.metadata.name}-seed`, data: { seed: instance.metadata.uid } });
    return { uid: instance.metadata.uid, generation: instance.metadata.generation };
  },
);

test('schema.metadata.uid and generation in both modes', { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'modes-uid');
  const direct = seeded.factory('direct', { kubeconfig, namespace: ns.name, timeout: 60_000 });
  const first = await direct.deploy({ size: 1 }, { name: 'd' });
  const record = await core().readNamespacedConfigMap({ name: 'typekro.modes-seeded.d', namespace: ns.name });
  assert.equal(first.status.uid, record.metadata?.uid);
  assert.equal((await core().readNamespacedConfigMap({ name: 'd-seed', namespace: ns.name })).data?.['seed'], record.metadata?.uid);
  assert.equal(first.status.generation, 1);
  assert.equal((await direct.deploy({ size: 1 }, { name: 'd' })).status.generation, 1, 'the same spec is the same generation');
  const changed = await direct.deploy({ size: 2 }, { name: 'd' });
  assert.deepEqual(changed.status, { uid: record.metadata?.uid, generation: 2 });

  const kro = await seeded.factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000 }).deploy({ size: 1 }, { name: 'k' });
  // deploy results carry name and namespace only: the instance object says what its uid is
  const object = await new KubeClient(testKubeConfig()).get({ apiVersion: `${seeded.graph.group}/${seeded.graph.version}`, kind: seeded.graph.kind, name: 'k', namespace: ns.name });
  assert.equal(kro.status.uid, object?.metadata?.uid);
  assert.equal(kro.status.generation, 1);
  assert.equal((await core().readNamespacedConfigMap({ name: 'k-seed', namespace: ns.name })).data?.['seed'], kro.status.uid);
  await ns.remove();
});

test('a read the schema rules out fails at once in both modes, not at the deadline', { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'modes-impossible');
  await core().createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'settings' }, data: { a: 'b' } } });
  const impossible = kubernetesComposition(
    { name: 'modes-impossible', apiVersion: 'modes.typekro.dev/v1alpha1', kind: 'ModesImpossible', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
    (spec) => {
      // A ConfigMap has no spec: the type given to externalRef is wrong, and only the schema knows.
      const settings = externalRef<{ spec: { level: string } }>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      const config = ConfigMap({ name: spec.name, data: { level: settings.spec.level } });
      return { name: config.metadata.name };
    },
  );
  // Deadlines far beyond the test's own timeout: only an immediate failure lets the test pass.
  await assert.rejects(impossible.factory('direct', { kubeconfig, namespace: ns.name, timeout: 600_000 }).deploy({ name: 'x' }), (error: Error) => {
    assert.ok(error instanceof DirectDeployError && !/deadline/.test(error.message), error.message);
    assert.match(error.message, /reads settings\.spec\.level, which can never be present: the object has no field "spec" in its schema \(fields: [^)]*data[^)]*\) \(v1 ConfigMap\)/);
    return true;
  });
  await assert.rejects(impossible.factory('kro', { kubeconfig, namespace: ns.name, timeout: 600_000 }).deploy({ name: 'x' }), (error: Error) => {
    assert.ok(error instanceof KroRejectedError, error.message);
    assert.match(error.message, /spec/);
    return true;
  });
  await ns.remove();
});

test('deleteInstance of an instance that does not exist says so in both modes', { timeout: 120_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'modes-missing');
  const options = { kubeconfig, namespace: ns.name, timeout: 30_000 };
  for (const factory of [seeded.factory('direct', options), seeded.factory('kro', options)]) {
    await assert.rejects(factory.deleteInstance('nobody'), (error: Error) => {
      assert.ok(error instanceof InstanceNotFoundError, `${factory.mode}: ${error.message}`);
      assert.equal(error.status, 404);
      assert.match(error.message, new RegExp(`instance "nobody" not found in namespace "${ns.name}".*nothing was deleted`));
      return true;
    });
    await factory.deleteInstance('nobody', { ignoreNotFound: true });
  }
  await ns.remove();
});

function kept(version: 'v1' | 'v2') {
  const spec = version === 'v1' ? type({ name: 'string', level: "'info' | 'debug'" }) : type({ name: 'string' });
  return kubernetesComposition(
    { name: 'modes-kept', apiVersion: 'modes.typekro.dev/v1alpha1', kind: 'ModesKept', spec, status: type({ name: 'string' }) },
    (s) => {
      const config = ConfigMap({ name: s.name, data: { version } });
      return { name: config.metadata.name };
    },
  );
}

test('kro mode: a new RGD for a kind whose CRD KRO kept is checked against that CRD before applying', { timeout: 240_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'modes-kept');
  const client = new KubeClient(testKubeConfig());
  await kept('v1').factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000 }).deploy({ name: 'one', level: 'info' } as never, { name: 'one' });
  const rgd = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'modes-kept' };
  await client.delete(rgd);
  await eventually('the RGD to be deleted', async () => ((await client.get(rgd)) ? undefined : true));
  assert.ok(await client.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'modeskepts.modes.typekro.dev' }), 'KRO keeps the CRD');

  // Deadline far beyond the test's timeout: KRO itself would only leave the RGD inactive.
  await assert.rejects(kept('v2').factory('kro', { kubeconfig, namespace: ns.name, timeout: 600_000 }).deploy({ name: 'two' }), (error: Error) => {
    assert.ok(error instanceof BreakingChangeError, error.message);
    assert.equal(error.keptCrd, 'modeskepts.modes.typekro.dev');
    assert.match(error.message, /spec\.level: field removed/);
    assert.match(error.message, /kubectl delete crd modeskepts\.modes\.typekro\.dev/);
    return true;
  });
  assert.equal(await client.get(rgd), undefined, 'nothing was applied');

  const allowed = await kept('v2').factory('kro', { kubeconfig, namespace: ns.name, timeout: 120_000, allowBreakingChanges: true }).deploy({ name: 'two' }, { name: 'two' });
  assert.equal(allowed.status.name, 'two');
  await ns.remove();
});
