/** The binaries of the local control plane and their upstream versions. */
export const BINARY_NAMES = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'etcd',
  'kwok',
  'kro-controller',
  'source-controller',
  'helm-controller',
] as const;
export type BinaryName = (typeof BINARY_NAMES)[number];

/** Upstream versions, read from the wrapper go.mod files (the single source of truth). */
export interface ComponentVersions {
  readonly kubernetes: string;
  readonly etcd: string;
  readonly kwok: string;
  readonly kro: string;
  /** github.com/fluxcd/source-controller (Flux), from tools/flux-source/go.mod. */
  readonly fluxSource: string;
  /** github.com/fluxcd/helm-controller (Flux), from tools/flux-helm/go.mod. */
  readonly fluxHelm: string;
}
