/**
 * The parts of Flux's `source.toolkit.fluxcd.io/v1` HelmRepository and `helm.toolkit.fluxcd.io/v2`
 * HelmRelease that compositions set and read. Field names and meanings follow the Flux API reference;
 * fields TypeKro does not model can still be passed (`Input` allows every key listed here, and the
 * factories copy unknown top-level spec keys through `extraSpec`).
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';

/**
 * A Flux status condition (`metav1.Condition`).
 *
 * @example
 * import type { FluxCondition } from 'typekro';
 * const ready: FluxCondition = { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok', lastTransitionTime: '2026-01-01T00:00:00Z' };
 * ready.status; // => 'True'
 */
export interface FluxCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}

/**
 * A stored artifact of source-controller (the repository index, a packaged chart).
 *
 * @example
 * import type { FluxArtifact } from 'typekro';
 * const artifact: FluxArtifact = { path: 'index.yaml', url: 'http://source-controller/index.yaml', revision: 'sha256:abc', lastUpdateTime: '2026-01-01T00:00:00Z' };
 * artifact.revision; // => 'sha256:abc'
 */
export interface FluxArtifact {
  readonly path: string;
  readonly url: string;
  readonly revision: string;
  readonly digest?: string;
  readonly lastUpdateTime: string;
  readonly size?: number;
}

/**
 * The spec of a Flux HelmRepository.
 *
 * @example
 * import type { HelmRepositorySpec } from 'typekro';
 * const spec: HelmRepositorySpec = { url: 'https://charts.example.com', interval: '10m' };
 * spec.url; // => 'https://charts.example.com'
 */
export interface HelmRepositorySpec {
  /** `http(s)://` index URL, or `oci://` registry URL with `type: 'oci'`. */
  url: string;
  type?: 'default' | 'oci';
  /** Flux duration, e.g. `5m`, `30s`, `1h30m`. */
  interval?: string;
  timeout?: string;
  secretRef?: { name: string };
  certSecretRef?: { name: string };
  passCredentials?: boolean;
  insecure?: boolean;
  provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  suspend?: boolean;
}

/**
 * The status of a Flux HelmRepository.
 *
 * @example
 * import type { HelmRepositoryStatus } from 'typekro';
 * const status: HelmRepositoryStatus = { observedGeneration: 1, conditions: [] };
 * status.observedGeneration; // => 1
 */
export interface HelmRepositoryStatus {
  observedGeneration?: number;
  conditions?: FluxCondition[];
  url?: string;
  artifact?: FluxArtifact;
}

/**
 * Flux `source.toolkit.fluxcd.io/v1` HelmRepository.
 *
 * @example
 * import type { HelmRepository } from 'typekro';
 * const repository: HelmRepository = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'charts' }, spec: { url: 'https://charts.example.com' } };
 * repository.spec.url; // => 'https://charts.example.com'
 */
export interface HelmRepository {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec: HelmRepositorySpec;
  status?: HelmRepositoryStatus;
}

/**
 * Where a HelmRelease's chart comes from.
 *
 * @example
 * import type { HelmChartSourceRef } from 'typekro';
 * const source: HelmChartSourceRef = { kind: 'HelmRepository', name: 'charts', namespace: 'flux-system' };
 * source.kind; // => 'HelmRepository'
 */
export interface HelmChartSourceRef {
  kind: 'HelmRepository' | 'GitRepository' | 'Bucket';
  name: string;
  namespace?: string;
}

/**
 * Helm values read from a ConfigMap or Secret.
 *
 * @example
 * import type { HelmValuesReference } from 'typekro';
 * const values: HelmValuesReference = { kind: 'ConfigMap', name: 'podinfo-values', valuesKey: 'values.yaml' };
 * values.valuesKey; // => 'values.yaml'
 */
export interface HelmValuesReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  valuesKey?: string;
  targetPath?: string;
  optional?: boolean;
}

/**
 * What Flux does when an install or upgrade fails.
 *
 * @example
 * import type { HelmRemediation } from 'typekro';
 * const remediation: HelmRemediation = { retries: 3 };
 * remediation.retries; // => 3
 */
export interface HelmRemediation {
  retries?: number;
  ignoreTestFailures?: boolean;
  remediateLastFailure?: boolean;
}

/**
 * The spec of a Flux HelmRelease; `TValues` types its `values`.
 *
 * @example
 * import type { HelmReleaseSpec } from 'typekro';
 * const interval: HelmReleaseSpec<{ replicaCount: number }>['interval'] = '5m';
 * interval; // => '5m'
 */
export interface HelmReleaseSpec<TValues> {
  chart: {
    spec: {
      chart: string;
      version?: string;
      sourceRef: HelmChartSourceRef;
      interval?: string;
      reconcileStrategy?: 'ChartVersion' | 'Revision';
    };
  };
  interval: string;
  releaseName?: string;
  targetNamespace?: string;
  storageNamespace?: string;
  serviceAccountName?: string;
  timeout?: string;
  maxHistory?: number;
  suspend?: boolean;
  dependsOn?: { name: string; namespace?: string }[];
  values?: TValues;
  valuesFrom?: HelmValuesReference[];
  install?: {
    createNamespace?: boolean;
    crds?: 'Skip' | 'Create' | 'CreateReplace';
    disableWait?: boolean;
    timeout?: string;
    remediation?: HelmRemediation;
  };
  upgrade?: {
    crds?: 'Skip' | 'Create' | 'CreateReplace';
    disableWait?: boolean;
    force?: boolean;
    timeout?: string;
    remediation?: HelmRemediation & { strategy?: 'rollback' | 'uninstall' };
  };
  driftDetection?: { mode?: 'enabled' | 'warn' | 'disabled' };
}

/**
 * One entry of `status.history`: a Helm release revision.
 *
 * @example
 * import type { HelmReleaseSnapshot } from 'typekro';
 * const version: HelmReleaseSnapshot['chartVersion'] = '6.5.0';
 * version; // => '6.5.0'
 */
export interface HelmReleaseSnapshot {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  readonly chartName: string;
  readonly chartVersion: string;
  readonly appVersion?: string;
  readonly status: string;
  readonly digest: string;
  readonly configDigest: string;
  readonly firstDeployed: string;
  readonly lastDeployed: string;
}

/**
 * The status of a Flux HelmRelease.
 *
 * @example
 * import type { HelmReleaseStatus } from 'typekro';
 * const status: HelmReleaseStatus = { observedGeneration: 2, failures: 0 };
 * status.failures; // => 0
 */
export interface HelmReleaseStatus {
  observedGeneration?: number;
  conditions?: FluxCondition[];
  helmChart?: string;
  storageNamespace?: string;
  history?: HelmReleaseSnapshot[];
  lastAttemptedRevision?: string;
  lastAttemptedValuesChecksum?: string;
  lastAttemptedConfigDigest?: string;
  failures?: number;
  installFailures?: number;
  upgradeFailures?: number;
}

/**
 * Flux `helm.toolkit.fluxcd.io/v2` HelmRelease with values of type `TValues`.
 *
 * @example
 * import type { HelmRelease } from 'typekro';
 * const kind: HelmRelease['kind'] = 'HelmRelease';
 * kind; // => 'HelmRelease'
 */
export interface HelmRelease<TValues = Record<string, unknown>> {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec: HelmReleaseSpec<TValues>;
  status?: HelmReleaseStatus;
}
