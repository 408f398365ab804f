import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { eventually, testKubeConfig, testNamespace } from '../support/cluster.js';

interface Condition {
  type: string;
  status: string;
}
interface KroObject {
  status?: { state?: string; conditions?: Condition[]; message?: string };
}

const conditionTrue = (o: KroObject, type: string): boolean => o.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

// one ConfigMap from schema.spec: the smallest graph that exercises KRO's CRD generation, instance controller and CEL
const rgd = (name: string) => ({
  apiVersion: 'kro.run/v1alpha1',
  kind: 'ResourceGraphDefinition',
  metadata: { name },
  spec: {
    schema: {
      apiVersion: 'v1alpha1',
      kind: 'SmokeApp',
      spec: { greeting: 'string | default="hello"' },
      status: { stored: '${config.data.greeting}' },
    },
    resources: [
      {
        id: 'config',
        template: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: '${schema.metadata.name}-config' },
          data: { greeting: '${schema.spec.greeting}' },
        },
      },
    ],
  },
});

describe('KRO on the local cluster', () => {
  let kc: KubeConfig;
  let objects: CustomObjectsApi;
  let ns: { name: string; remove: () => Promise<void> };
  const name = `smoke-apps-${process.pid}`;

  before(async () => {
    kc = testKubeConfig();
    objects = kc.makeApiClient(CustomObjectsApi);
    ns = await testNamespace(kc, 'kro');
  });
  after(async () => {
    await ns?.remove();
    await objects?.deleteClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', name }).catch(() => {});
  });

  it('makes an RGD Active and an instance ACTIVE with Ready=True', async () => {
    await objects.createClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', body: rgd(name) });
    const active = await eventually('RGD Active', async () => {
      const o = (await objects.getClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', name })) as KroObject;
      return o.status?.state === 'Active' ? o : undefined;
    });
    assert.ok(conditionTrue(active, 'Ready'), JSON.stringify(active.status));

    // the generated CRD is served a moment after the RGD turns Active: retry the create until then
    const instance = { apiVersion: 'kro.run/v1alpha1', kind: 'SmokeApp', metadata: { name: 'one' }, spec: { greeting: 'hi' } };
    await eventually('instance created', async () =>
      objects.createNamespacedCustomObject({ group: 'kro.run', version: 'v1alpha1', namespace: ns.name, plural: 'smokeapps', body: instance }).then(() => true),
    );
    const ready = await eventually('instance ACTIVE and Ready', async () => {
      const o = (await objects.getNamespacedCustomObject({ group: 'kro.run', version: 'v1alpha1', namespace: ns.name, plural: 'smokeapps', name: 'one' })) as KroObject;
      return o.status?.state === 'ACTIVE' && conditionTrue(o, 'Ready') ? o : undefined;
    });
    assert.equal((ready.status as { stored?: string }).stored, 'hi');
  });

  it('labels the child with the stamped KRO version (runs after the test above)', async () => {
    const cm = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'one-config', namespace: ns.name });
    assert.equal(cm.data?.greeting, 'hi');
    assert.equal(cm.metadata?.labels?.['kro.run/kro-version'], 'v0.9.4');
  });
});
