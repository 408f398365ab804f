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
 * Controllers built and started only on request (`ensureClusterBinaries({ optional })`, `startLocalCluster({ certManager })`):
 * most tests need neither, and a cold build of each takes minutes.
 *
 * @example
 * import { OPTIONAL_COMPONENTS } from 'typekro/testing';
 * OPTIONAL_COMPONENTS.includes('cert-manager'); // => true
 */
export const OPTIONAL_COMPONENTS = ['cert-manager', 'external-dns'] as const;
/**
 * One of {@link OPTIONAL_COMPONENTS}.
 *
 * @example
 * import type { OptionalComponent } from 'typekro/testing';
 * const component: OptionalComponent = 'external-dns';
 * component; // => 'external-dns'
 */
export type OptionalComponent = (typeof OPTIONAL_COMPONENTS)[number];

/**
 * The binary of each optional component.
 *
 * @example
 * import { OPTIONAL_BINARIES } from 'typekro/testing';
 * OPTIONAL_BINARIES['cert-manager']; // => 'cert-manager-controller'
 */
export const OPTIONAL_BINARIES = { 'cert-manager': 'cert-manager-controller', 'external-dns': 'external-dns' } as const satisfies Record<OptionalComponent, string>;
/**
 * The binary of an optional component.
 *
 * @example
 * import type { OptionalBinaryName } from 'typekro/testing';
 * const name: OptionalBinaryName = 'cert-manager-controller';
 * name; // => 'cert-manager-controller'
 */
export type OptionalBinaryName = (typeof OPTIONAL_BINARIES)[OptionalComponent];

/**
 * Upstream versions, read from the wrapper go.mod files (the single source of truth).
 *
 * @example
 * import type { ComponentVersions } from 'typekro/testing';
 * const kro = (versions: ComponentVersions): string => versions.kro;
 * kro({ kubernetes: 'v1.36.3', etcd: 'v3.6.8', kwok: 'v0.8.0', kro: 'v0.9.4', fluxSource: 'v1.9.1', fluxHelm: 'v1.6.3', certManager: 'v1.21.2', externalDns: 'v0.22.0' }); // => 'v0.9.4'
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
  /** github.com/cert-manager/cert-manager, from tools/cert-manager/go.mod (built only on request). */
  readonly certManager: string;
  /** sigs.k8s.io/external-dns, from tools/external-dns/go.mod (built only on request). */
  readonly externalDns: string;
}
