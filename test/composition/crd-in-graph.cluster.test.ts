/**
 * Direct mode deploys a composition that creates a CRD and an object of its kind: the object waits for the CRD
 * to be Established (before, the API server does not serve the kind), then the status reads the object.
 * Kro mode refuses the same composition before touching the cluster (crd-in-graph.test.ts has the message).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { gadgetWithCrd } from './fixtures/crd-with-instance.js';

const crdName = 'gadgets.crd-in-graph.typekro.dev';

describe('a CRD and an object of its kind, deployed in direct mode', { timeout: 180_000 }, () => {
  const client = new KubeClient(testKubeConfig());
  const crdRef = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crdName };
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'crd-in-graph');
    assert.equal(await client.get(crdRef), undefined, `${crdName} must not exist before the test`);
  });
  after(async () => {
    await ns?.remove();
    await client.delete(crdRef).catch(() => undefined);
  });

  it('applies the CRD, waits for it, then the object; the status reads the object', async () => {
    const factory = gadgetWithCrd.factory('direct', { namespace: ns.name, kubeconfig: testKubeConfigPath(), timeout: 120_000 });
    const instance = await factory.deploy({ size: 3 });
    assert.equal(instance.status.size, 3);
    const gadget = (await client.get({ apiVersion: 'crd-in-graph.typekro.dev/v1', kind: 'Gadget', name: 'first', namespace: ns.name })) as { spec?: { size?: number } } | undefined;
    assert.equal(gadget?.spec?.size, 3);
    await factory.deleteInstance(instance.metadata.name);
    // the instance owned both: the CRD is gone (or going, its objects with it)
    const crd = (await client.get(crdRef)) as { metadata?: { deletionTimestamp?: string } } | undefined;
    assert.ok(crd === undefined || crd.metadata?.deletionTimestamp !== undefined, 'the CRD outlived deleteInstance');
  });
});
