/**
 * typekro/cert-manager with cert-manager's own controllers running (built from its Go module, tools/cert-manager):
 * the example (a self-signed Issuer and a Certificate whose Secret name is in the status) reaches Ready in both
 * modes, and the Secret is issued by cert-manager itself (its annotations and field manager say so).
 *
 * cluster-components: cert-manager
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { X509Certificate } from 'node:crypto';
import { CoreV1Api } from '@kubernetes/client-node';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { webTls } from './examples/cert-manager.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);

/** The Secret cert-manager wrote for the Certificate: a TLS key pair for `host`, annotated with the Certificate. */
async function assertIssuedSecret(namespace: string, secretName: string, host: string): Promise<void> {
  const secret = await core.readNamespacedSecret({ name: secretName, namespace });
  assert.equal(secret.type, 'kubernetes.io/tls');
  assert.equal(secret.metadata?.annotations?.['cert-manager.io/certificate-name'], secretName);
  assert.equal(secret.metadata?.annotations?.['cert-manager.io/issuer-name'], `${secretName.replace(/-tls$/, '')}-self-signed`);
  // written by cert-manager's issuing controller, not by TypeKro (which never renders a Secret here)
  const managers = (secret.metadata?.managedFields ?? []).map((f) => f.manager ?? '');
  assert.ok(managers.some((m) => m.startsWith('cert-manager')), `managers: ${managers.join(', ')}`);
  const pem = Buffer.from(secret.data?.['tls.crt'] ?? '', 'base64').toString('utf8');
  const cert = new X509Certificate(pem);
  assert.match(cert.subjectAltName ?? '', new RegExp(`DNS:${host.replace(/\./g, '\\.')}`));
  assert.ok(secret.data?.['tls.key'], 'the private key is in the Secret');
}

describe('typekro/cert-manager reconciled by cert-manager', { timeout: 300_000 }, () => {
  let direct: { name: string; remove: () => Promise<void> };
  let kro: { name: string; remove: () => Promise<void> };
  before(async () => {
    direct = await testNamespace(kc, 'cm-direct');
    kro = await testNamespace(kc, 'cm-kro');
  });
  after(async () => {
    await direct?.remove();
    await kro?.remove();
  });

  it('direct mode: the Issuer and the Certificate become Ready and cert-manager creates the Secret', async () => {
    const factory = webTls.factory('direct', { namespace: direct.name, kubeconfig: testKubeConfigPath(), timeout: 120_000 });
    const instance = await factory.deploy({ host: 'direct.example.com' });
    assert.equal(instance.status.ready, true);
    assert.equal(instance.status.secretName, 'web-tls-tls');
    await assertIssuedSecret(direct.name, instance.status.secretName, 'direct.example.com');
    await factory.deleteInstance(instance.metadata.name);
  });

  it('kro mode: KRO creates the Certificate once the Issuer is Ready, and the instance reports the issued Secret', async () => {
    const factory = webTls.factory('kro', { namespace: kro.name, kubeconfig: testKubeConfigPath(), timeout: 180_000 });
    const instance = await factory.deploy({ host: 'kro.example.com' });
    assert.equal(instance.status.ready, true);
    assert.equal(instance.status.secretName, 'web-tls-tls');
    await assertIssuedSecret(kro.name, instance.status.secretName, 'kro.example.com');
    await factory.deleteInstance(instance.metadata.name);
  });
});
