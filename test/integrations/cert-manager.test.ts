/**
 * typekro/cert-manager offline: the example composition renders its RGD (golden) with typed status
 * references, the bootstrap installs the chart through Flux, and bad inputs fail at compile time (type
 * errors below, checked by `npm run typecheck`) and when the composition is defined.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { allKinds, certificate, CERT_MANAGER_VERSION, certManagerBootstrap, clusterIssuer, type CertificateSpec } from 'typekro/cert-manager';
import { crdManifests } from 'typekro';
import { assertGolden } from '../support/golden.js';
import { definingWith } from '../support/bad-input.js';
import { webTls } from './examples/cert-manager.js';

describe('typekro/cert-manager', () => {
  it('renders the example RGD: Issuer, Certificate, status from the Certificate', () => {
    assertGolden(new URL('./golden/cert-manager-web-tls.yaml', import.meta.url), webTls.toYaml());
    const rgd = webTls.toYaml();
    assert.match(rgd, /secretName: \${cert\.spec\.secretName}/);
    assert.match(rgd, /ready: \${cert\.status\.conditions\.exists\(c, c\.type == "Ready" && c\.status == "True"\)}/);
  });

  it('renders the instance manifests direct mode applies', async () => {
    const yaml = await webTls.factory('direct', { namespace: 'certs' }).toYaml({ host: 'web.example.com' });
    assert.match(yaml, /kind: Issuer\nmetadata:\n {2}name: web-tls-self-signed\n {2}namespace: certs/);
    assert.match(yaml, /kind: Certificate[\s\S]*dnsNames:\n {4}- web\.example\.com\n {2}duration: 2160h/);
  });

  it('bootstraps cert-manager with a Flux HelmRelease of the pinned chart version', () => {
    assert.equal(CERT_MANAGER_VERSION, 'v1.21.2');
    const yaml = certManagerBootstrap.factory('kro').toYaml({});
    assert.match(yaml, /kind: CertManagerBootstrap/);
    const rgd = certManagerBootstrap.toYaml();
    assert.match(rgd, /kind: HelmRepository[\s\S]*url: \${schema\.spec\.repositoryUrl}/);
    assert.match(rgd, /kind: HelmRelease[\s\S]*chart: cert-manager\n\s+version: \${schema\.spec\.version}/);
    assert.match(rgd, /version: string \| default="v1\.21\.2"/);
    assert.match(rgd, /values: object \| default=\{"crds":\{"enabled":true,"keep":true\}\}/);
    assert.match(rgd, /values: \${schema\.spec\.values}/);
  });

  it('carries the six upstream kinds and their schemas', () => {
    assert.deepEqual(allKinds.map((k) => `${k.definition.group}/${k.definition.version}/${k.definition.kind}`), [
      'acme.cert-manager.io/v1/Challenge',
      'acme.cert-manager.io/v1/Order',
      'cert-manager.io/v1/Certificate',
      'cert-manager.io/v1/CertificateRequest',
      'cert-manager.io/v1/ClusterIssuer',
      'cert-manager.io/v1/Issuer',
    ]);
    assert.equal(crdManifests(allKinds).length, 6);
    assert.equal(clusterIssuer.definition.scope, 'Cluster');
  });

  it('names a status field the schema does not have when the composition is defined', () => {
    assert.throws(
      () =>
        kubernetesComposition({ name: 'bad-cert', kind: 'BadCert', spec: type({ host: 'string' }), status: type({ secret: 'string' }) }, (spec) => {
          const cert = certificate({ name: 'c', spec: { secretName: 's', dnsNames: [spec.host], issuerRef: { name: 'i' } } });
          return { secret: (cert.status as unknown as { secretName: string }).secretName.trim() };
        }),
      /unknown field `secretName`[\s\S]*known fields: acme, conditions, failedIssuanceAttempts, lastFailureTime, nextPrivateKeySecretName, notAfter, notBefore, renewalTime, revision/,
    );
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => certificate({ name: 'bad', spec: { secretName: 'bad', issuerRef: { name: 'x' }, privateKey: { algorithm: 'RSA4096' } } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/cert-manager\.test\.ts:\d+:\d+: Certificate "bad": spec\.privateKey\.algorithm must be one of RSA, ECDSA, Ed25519 \(was "RSA4096"\)$/ });
    assert.throws(definingWith(() => certificate({ name: 'missing', spec: { issuerRef: { name: 'x' } } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/cert-manager\.test\.ts:\d+:\d+: Certificate "missing": spec\.secretName is required$/ });
  });
});

// Compile-time checks: `npm run typecheck` fails if one of these stops being an error.
export function typeErrors(): void {
  // @ts-expect-error 'RSA4096' is not a private key algorithm (RSA, ECDSA, Ed25519)
  const wrongEnum: CertificateSpec = { secretName: 's', issuerRef: { name: 'i' }, privateKey: { algorithm: 'RSA4096' } };
  // @ts-expect-error secretName is required
  const missing: CertificateSpec = { issuerRef: { name: 'i' } };
  void [wrongEnum, missing];
}
