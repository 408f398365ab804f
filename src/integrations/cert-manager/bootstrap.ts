/**
 * Installs cert-manager through its Helm chart as a Flux HelmRelease: the operator that reconciles the
 * Certificates and Issuers of the generated factories. Flux must run in the cluster (see
 * `typeKroRuntimeBootstrap`).
 */
import { type } from 'arktype';
import { Cel, helmRelease, helmRepository, kubernetesComposition } from '../../index.js';

/** The chart version the factories were generated for (integrations/pins.json). */
export const CERT_MANAGER_VERSION = 'v1.21.2';

/**
 * `CertManagerBootstrap`: a HelmRepository and a HelmRelease of the `cert-manager` chart (CRDs included by
 * default), ready when Flux reports the release Ready. Chart repository, version and values are spec fields.
 *
 * @example
 * import { certManagerBootstrap } from 'typekro/cert-manager';
 * certManagerBootstrap.toYaml().includes('kind: CertManagerBootstrap'); // => true
 */
export const certManagerBootstrap = kubernetesComposition(
  {
    name: 'cert-manager-bootstrap',
    apiVersion: 'typekro.dev/v1alpha1',
    kind: 'CertManagerBootstrap',
    spec: type({
      name: 'string = "cert-manager"',
      namespace: 'string = "cert-manager"',
      version: `string = "${CERT_MANAGER_VERSION}"`,
      repositoryUrl: 'string = "https://charts.jetstack.io"',
      installCRDs: 'boolean = true',
      'values?': 'Record<string, unknown>',
    }),
    status: type({ ready: 'boolean', version: 'string' }),
  },
  (spec) => {
    const repository = helmRepository({ name: spec.name, namespace: spec.namespace, url: spec.repositoryUrl, id: 'certManagerRepository' });
    const release = helmRelease({
      name: spec.name,
      namespace: spec.namespace,
      chart: { repository, name: 'cert-manager', version: spec.version },
      install: { createNamespace: true },
      values: { crds: { enabled: spec.installCRDs, keep: true } },
      id: 'certManagerRelease',
    });
    return {
      // Cel.expr: TypeKro compiles JavaScript only from user source, and this file is TypeKro's own.
      ready: Cel.expr<boolean>(release.status, '.?conditions.orValue([]).exists(c, c.type == "Ready" && c.status == "True")'),
      version: spec.version,
    };
  },
);
