/**
 * The binaries of the local control plane and their upstream versions.
 *
 * @example
 * import { BINARY_NAMES } from 'typekro/testing';
 * BINARY_NAMES.includes('kube-apiserver'); // => true
 */
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
/**
 * One of {@link BINARY_NAMES}.
 *
 * @example
 * import type { BinaryName } from 'typekro/testing';
 * const name: BinaryName = 'etcd';
 * name; // => 'etcd'
 */
export type BinaryName = (typeof BINARY_NAMES)[number];

/**
 * Upstream versions, read from the wrapper go.mod files (the single source of truth).
 *
 * @example
 * import type { ComponentVersions } from 'typekro/testing';
 * const kro = (versions: ComponentVersions): string => versions.kro;
 * kro({ kubernetes: 'v1.34.0', etcd: 'v3.6.0', kwok: 'v0.7.0', kro: 'v0.9.3', fluxSource: 'v1.7.0', fluxHelm: 'v1.4.0' }); // => 'v0.9.3'
 */
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
