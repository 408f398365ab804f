/**
 * What a cert-manager user writes: a self-signed Issuer and a Certificate for a host, the Certificate's
 * Secret name and readiness in the status.
 */
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { certificate, issuer } from 'typekro/cert-manager';

export const webTls = kubernetesComposition(
  {
    name: 'web-tls',
    apiVersion: 'examples.typekro.dev/v1alpha1',
    kind: 'WebTls',
    spec: type({ host: 'string', 'duration?': 'string' }),
    status: type({ secretName: 'string', ready: 'boolean', issuer: 'string' }),
  },
  (spec, instance) => {
    const selfSigned = issuer({ name: `${instance.metadata.name}-self-signed`, spec: { selfSigned: {} } });
    const cert = certificate({
      name: `${instance.metadata.name}-tls`,
      spec: {
        secretName: `${instance.metadata.name}-tls`,
        dnsNames: [spec.host],
        duration: spec.duration ?? '2160h',
        privateKey: { algorithm: 'ECDSA', size: 256 },
        issuerRef: { name: selfSigned.metadata.name, kind: 'Issuer', group: 'cert-manager.io' },
      },
    });
    return {
      secretName: cert.spec.secretName,
      ready: cert.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
      issuer: cert.spec.issuerRef.name,
    };
  },
);
