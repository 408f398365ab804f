/** Installs cert-manager (its chart, CRDs included) through Flux: the operator of the generated kinds. */
import { operatorBootstrap } from '../shared/operator-bootstrap.js';

/** The chart version the factories were generated for (integrations/pins.json). */
export const CERT_MANAGER_VERSION = 'v1.21.2';

/**
 * `CertManagerBootstrap`: a HelmRepository and a HelmRelease of the `cert-manager` chart, ready when Flux
 * reports the release Ready. Spec: `name`, `namespace` (both `cert-manager`), `version`, `repositoryUrl`,
 * `values` (default `{ crds: { enabled: true, keep: true } }`: the chart installs the CRDs and keeps them on uninstall).
 *
 * @example
 * import { certManagerBootstrap } from 'typekro/cert-manager';
 * certManagerBootstrap.toYaml().includes('kind: CertManagerBootstrap'); // => true
 */
export const certManagerBootstrap = operatorBootstrap({
  name: 'cert-manager-bootstrap',
  kind: 'CertManagerBootstrap',
  release: 'cert-manager',
  namespace: 'cert-manager',
  repository: 'https://charts.jetstack.io',
  chart: 'cert-manager',
  version: CERT_MANAGER_VERSION,
  values: { crds: { enabled: true, keep: true } },
});
