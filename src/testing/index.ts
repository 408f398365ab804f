/**
 * typekro/testing: the test kit. A real local control plane (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler, kwok, KRO, Flux's source-controller and helm-controller) built from Go modules, for tests, demos
 * and users without a cluster.
 *
 * @packageDocumentation
 */
export { startLocalCluster } from './cluster/cluster.js';
export type { LocalCluster, LocalClusterOptions } from './cluster/cluster.js';
export { ensureClusterBinaries, BINARY_NAMES } from './cluster/binaries.js';
export type { ClusterBinaries, ComponentVersions, EnsureBinariesOptions, BinaryName } from './cluster/binaries.js';
export type { Wrappers } from './cluster/build-plan.js';
export { BuildTimeoutError, DEFAULT_BUILD_TIMEOUT_MS, BUILD_TIMEOUT_ENV } from './cluster/build-timeout.js';
export type { GoBuildFn, GoBuildStep, ProgressFn } from './cluster/build.js';
export { ComponentExitError } from './cluster/process.js';
export type { ComponentName, ExitInfo } from './cluster/process.js';
export { StartTimeoutError } from './cluster/supervisor.js';
export type { ClusterPorts } from './cluster/components.js';
export { NODE_NAME } from './cluster/bootstrap.js';
export { packageChart } from './charts/package.js';
export type { PackagedChart } from './charts/package.js';
export { startChartRepository } from './charts/repository.js';
export type { ChartRepository, ChartRepositoryOptions } from './charts/repository.js';
export { kroChartDir } from './charts/kro-chart.js';
export { FLUX_NAMESPACE } from './cluster/flux.js';
export type { LocalFlux } from './cluster/flux.js';
