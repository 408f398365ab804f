/**
 * The parts of Flux's `source.toolkit.fluxcd.io/v1` HelmRepository and `helm.toolkit.fluxcd.io/v2`
 * HelmRelease that compositions set and read. Field names and meanings follow the Flux API reference;
 * fields TypeKro does not model can still be passed (`Input` allows every key listed here, and the
 * factories copy unknown top-level spec keys through `extraSpec`).
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';

/** A Flux status condition (`metav1.Condition`). */
export interface FluxCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}

/** A stored artifact of source-controller (the repository index, a packaged chart). */
export interface FluxArtifact {
  readonly path: string;
  readonly url: string;
  readonly revision: string;
  readonly digest?: string;
  readonly lastUpdateTime: string;
  readonly size?: number;
}

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

export interface HelmRepositoryStatus {
  observedGeneration?: number;
  conditions?: FluxCondition[];
  url?: string;
  artifact?: FluxArtifact;
}

/** Flux `source.toolkit.fluxcd.io/v1` HelmRepository. */
export interface HelmRepository {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec: HelmRepositorySpec;
  status?: HelmRepositoryStatus;
}

/** Where a HelmRelease's chart comes from. */
export interface HelmChartSourceRef {
  kind: 'HelmRepository' | 'GitRepository' | 'Bucket';
  name: string;
  namespace?: string;
}

export interface HelmValuesReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  valuesKey?: string;
  targetPath?: string;
  optional?: boolean;
}

export interface HelmRemediation {
  retries?: number;
  ignoreTestFailures?: boolean;
  remediateLastFailure?: boolean;
}

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

/** One entry of `status.history`: a Helm release revision. */
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

/** Flux `helm.toolkit.fluxcd.io/v2` HelmRelease with values of type `TValues`. */
export interface HelmRelease<TValues = Record<string, unknown>> {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec: HelmReleaseSpec<TValues>;
  status?: HelmReleaseStatus;
}
