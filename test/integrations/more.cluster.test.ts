/**
 * typekro/external-dns, typekro/aws, typekro/cilium and typekro/cnpg on the local control plane, without their controllers: the CRDs
 * rebuilt from the generated schema data are installed, each example's objects pass the API server's
 * validation (server-side apply) in direct mode's form, a bad value is rejected naming the field, and each
 * example's RGD is accepted by the real KRO (which type-checks its CEL against the CRD schemas).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from '@kubernetes/client-node';
import { crdManifests } from '../../src/index.js';
import { allKinds as awsKinds } from '../../src/integrations/aws/index.js';
import { allKinds as dnsKinds } from '../../src/integrations/external-dns/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { applyRgd } from '../../src/runtime/kro/deploy.js';
import { installCrds, testKubeConfig, testNamespace } from '../support/cluster.js';
import { allKinds as ciliumKinds } from '../../src/integrations/cilium/index.js';
import { allKinds as cnpgKinds } from '../../src/integrations/cnpg/index.js';
import { announcedSite, appWithDatabase, bucketWithRole, isolation } from './examples/more.js';

describe('typekro/external-dns, typekro/aws, typekro/cilium and typekro/cnpg on the cluster', { timeout: 300_000 }, () => {
  const client = new KubeClient(testKubeConfig());
  let ns: { name: string; remove: () => Promise<void> };

  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'integrations');
    await installCrds(client, crdManifests([...dnsKinds, ...awsKinds, ...ciliumKinds, ...cnpgKinds]));
  });
  after(async () => {
    await ns.remove();
  });

  it('accepts the examples as direct mode renders them', async () => {
    const site = await announcedSite.factory('direct', { namespace: ns.name }).toYaml({ host: 'web.example.com', ip: '192.0.2.10' });
    const bucket = await bucketWithRole.factory('direct', { namespace: ns.name }).toYaml({ bucket: 'typekro-example' });
    const policy = await isolation.factory('direct', { namespace: ns.name }).toYaml({ app: 'web', from: 'frontend' });
    const database = await appWithDatabase.factory('direct', { namespace: ns.name }).toYaml({ name: 'shop' });
    const objects = [site, bucket, policy, database].flatMap((yaml) => parseAllDocuments(yaml)).map((doc) => doc.toJS() as KubernetesObject);
    assert.deepEqual(objects.map((o) => o.kind), ['Service', 'DNSEndpoint', 'Bucket', 'Role', 'CiliumNetworkPolicy', 'Cluster', 'Deployment']);
    for (const object of objects) await client.apply(object, { force: true });
    const endpoint = (await client.get({ apiVersion: 'externaldns.k8s.io/v1alpha1', kind: 'DNSEndpoint', name: 'web-a', namespace: ns.name })) as { spec?: { endpoints?: { dnsName?: string; recordTTL?: number }[] } } | undefined;
    assert.deepEqual(endpoint?.spec?.endpoints?.map((e) => [e.dnsName, e.recordTTL]), [['web.example.com', 60]]);
  });

  it('rejects a bad value naming the field', async () => {
    const bad = { apiVersion: 'externaldns.k8s.io/v1alpha1', kind: 'DNSEndpoint', metadata: { name: 'bad', namespace: ns.name }, spec: { endpoints: [{ dnsName: 'x', recordTTL: 'soon' }] } };
    await assert.rejects(client.apply(bad, { force: true }), /spec\.endpoints\[0\]\.recordTTL/);
    const badProtocol = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'bad', namespace: ns.name }, spec: { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCPX' }] }] }] } };
    await assert.rejects(client.apply(badProtocol, { force: true }), /spec\.ingress\[0\]\.toPorts\[0\]\.ports\[0\]\.protocol: Unsupported value: "TCPX"/);
    const noStorage = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'bad', namespace: ns.name }, spec: { instances: 'three' } };
    await assert.rejects(client.apply(noStorage, { force: true }), /spec\.instances/);
    const noName = { apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', metadata: { name: 'no-name', namespace: ns.name }, spec: {} };
    await assert.rejects(client.apply(noName, { force: true }), /spec\.name: Required value/);
  });

  it('has every example RGD accepted by KRO', async () => {
    for (const composition of [announcedSite, bucketWithRole, isolation, appWithDatabase]) {
      const rgd = parseAllDocuments(composition.toYaml())[0]!.toJS() as KubernetesObject;
      await applyRgd(client, rgd, { timeoutMs: 120_000 });
      await client.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgd.metadata!.name! });
    }
  });
});
