/**
 * The one shape of an integration's bootstrap: a composition that installs an operator's Helm chart through
 * Flux (a HelmRepository and a HelmRelease), with the chart repository, version, namespace and values as spec
 * fields whose defaults are the pinned chart. Flux must run in the cluster (see `typeKroRuntimeBootstrap`).
 */
import { type } from 'arktype';
import { Cel, helmRelease, helmRepository, kubernetesComposition } from '../../index.js';

/** What an integration says about its operator's chart. */
export interface OperatorChart {
  /** The composition (RGD) name and the kind of its instances: `cert-manager-bootstrap`, `CertManagerBootstrap`. */
  readonly name: string;
  readonly kind: string;
  /** Default release name and namespace. */
  readonly release: string;
  readonly namespace: string;
  /** Chart repository URL (`https://...` or `oci://...`), chart name and version. */
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  /** Chart values used when the instance gives none (cert-manager: `{ crds: { enabled: true } }`). */
  readonly values?: Record<string, unknown>;
}

/**
 * The bootstrap composition of an operator chart. Its spec: `name`, `namespace`, `version`, `repositoryUrl`
 * and `values` (passed to the chart as they are), defaults from `chart`; its status: `ready` (Flux reports
 * the release Ready) and `version`.
 *
 * @example
 * const bootstrap = operatorBootstrap({ name: 'x-bootstrap', kind: 'XBootstrap', release: 'x', namespace: 'x', repository: 'https://charts.example.com', chart: 'x', version: '1.0.0' });
 */
export function operatorBootstrap(chart: OperatorChart) {
  const oci = chart.repository.startsWith('oci://');
  return kubernetesComposition(
    {
      name: chart.name,
      apiVersion: 'typekro.dev/v1alpha1',
      kind: chart.kind,
      spec: type({
        name: ['string', '=', chart.release],
        namespace: ['string', '=', chart.namespace],
        version: ['string', '=', chart.version],
        repositoryUrl: ['string', '=', chart.repository],
        values: ['Record<string, unknown>', '=', () => structuredClone(chart.values ?? {})],
      }),
      status: type({ ready: 'boolean', version: 'string' }),
    },
    (spec) => {
      const repository = helmRepository({ name: spec.name, namespace: spec.namespace, url: spec.repositoryUrl, ...(oci ? { type: 'oci' as const } : {}), id: 'operatorRepository' });
      const release = helmRelease<Record<string, unknown>>({
        name: spec.name,
        namespace: spec.namespace,
        chart: { repository, name: chart.chart, version: spec.version },
        install: { createNamespace: true, crds: 'CreateReplace' },
        upgrade: { crds: 'CreateReplace' },
        values: spec.values,
        id: 'operatorRelease',
      });
      return {
        // Cel.expr: TypeKro compiles JavaScript only from user source, and this file is TypeKro's own.
        ready: Cel.expr<boolean>(release.status, '.?conditions.orValue([]).exists(c, c.type == "Ready" && c.status == "True")'),
        version: spec.version,
      };
    },
  );
}
