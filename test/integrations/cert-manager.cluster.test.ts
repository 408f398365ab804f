/**
 * typekro/cert-manager on the local control plane, without cert-manager's controller: the CRDs rebuilt from
 * the generated module's schema data are installed; the example's objects pass the API server's validation
 * (server-side apply: unknown fields are errors) in direct mode's form; its RGD is accepted by the real KRO,
 * which type-checks every CEL expression against the CRD schemas, and KRO creates an instance's Issuer; a wrong enum value is rejected by the API server naming the field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from '@kubernetes/client-node';
import { crdManifests } from '../../src/index.js';
import { allKinds } from '../../src/integrations/cert-manager/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { applyRgd } from '../../src/runtime/kro/deploy.js';
import { eventually, installCrds, testKubeConfig, testNamespace } from '../support/cluster.js';
import { webTls } from './examples/cert-manager.js';

describe('typekro/cert-manager on the cluster', { timeout: 300_000 }, () => {
  const client = new KubeClient(testKubeConfig());
  let ns: { name: string; remove: () => Promise<void> };

  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'certs');
    await installCrds(client, crdManifests(allKinds));
  });
  after(async () => {
    await ns.remove();
  });

  it('accepts the example objects as direct mode renders them', async () => {
    const yaml = await webTls.factory('direct', { namespace: ns.name }).toYaml({ host: 'web.example.com' });
    const objects = parseAllDocuments(yaml).map((doc) => doc.toJS() as KubernetesObject);
    assert.deepEqual(objects.map((o) => o.kind), ['Issuer', 'Certificate']);
    for (const object of objects) await client.apply(object, { force: true });
    // The instance is named after the composition (web-tls), and so are its objects.
    const cert = (await client.get({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name: 'web-tls-tls', namespace: ns.name })) as { spec?: { secretName?: string; privateKey?: { algorithm?: string } } } | undefined;
    assert.equal(cert?.spec?.secretName, 'web-tls-tls');
    assert.equal(cert?.spec?.privateKey?.algorithm, 'ECDSA');
  });

  it('rejects a wrong enum value naming the field', async () => {
    const bad = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'bad', namespace: ns.name }, spec: { secretName: 'bad', issuerRef: { name: 'x' }, privateKey: { algorithm: 'RSA4096' } } };
    await assert.rejects(client.apply(bad, { force: true }), /spec\.privateKey\.algorithm: Unsupported value: "RSA4096"/);
    const missing = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'missing', namespace: ns.name }, spec: { issuerRef: { name: 'x' } } };
    await assert.rejects(client.apply(missing, { force: true }), /spec\.secretName: Required value/);
  });

  it('has its RGD accepted by KRO, which then creates the Issuer of an instance', async () => {
    const rgd = parseAllDocuments(webTls.toYaml())[0]!.toJS() as KubernetesObject;
    await applyRgd(client, rgd, { timeoutMs: 120_000 });
    const kroNs = await testNamespace(testKubeConfig(), 'certs-kro');
    const instance = parseAllDocuments(webTls.factory('kro', { namespace: kroNs.name }).toYaml({ host: 'kro.example.com' }))[0]!.toJS() as KubernetesObject;
    const name = instance.metadata?.name ?? '';
    await eventually('the instance CRD to be served', async () => {
      try {
        return await client.apply(instance, { force: true });
      } catch {
        return undefined;
      }
    });
    // The Certificate references the Issuer, so KRO creates it once the Issuer is Ready: that takes
    // cert-manager's controller, absent here. The Issuer shows that KRO reconciles the generated kinds.
    const issuer = await eventually('KRO to create the Issuer', async () =>
      (await client.get({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', name: `${name}-self-signed`, namespace: kroNs.name })) as { spec?: { selfSigned?: unknown } } | undefined,
    );
    assert.deepEqual(issuer.spec?.selfSigned, {});
    await client.delete({ apiVersion: instance.apiVersion!, kind: instance.kind!, name, namespace: kroNs.name });
    await kroNs.remove();
    await client.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'web-tls' });
  });
});
