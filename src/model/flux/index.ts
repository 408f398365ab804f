/** Flux objects for compositions: Helm repositories and releases. */
export { helmRepository, helmRelease, FLUX_HELM_API, FLUX_SOURCE_API } from './helm.js';
export type { FluxObjectConfig, HelmChartConfig, HelmReleaseConfig, HelmRepositoryConfig, HelmRepositoryHandle } from './helm.js';
export type * from './types.js';
