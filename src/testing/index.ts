/**
 * typekro/testing: the test kit. Offline, in milliseconds: `render` (the manifests and the RGD for a spec)
 * and `simulate` (readiness, status and the next deploy steps for a cluster state, by direct mode's planner,
 * checked against the composition's JavaScript), with observed states and assertions that work in any test
 * runner. On a real cluster: runner fixtures and a local control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok, KRO, Flux's source-controller and helm-controller) built
 * from Go modules, loaded only when used.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * import { deploymentAvailable, simulate } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'app', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * simulate(app, { replicas: 2 }, { observed: { web: deploymentAvailable() } }).status; // => { ready: true }
 *
 * @packageDocumentation
 */
export { render, type Rendering, type RenderedResource } from './offline/render.js';
// The concrete JavaScript evaluation simulate is checked against: also `typekro`'s, here where the test kit is looked for.
export { evaluateConcrete, OpaqueCel, type ConcreteOptions, type ConcreteData, type ConcreteEvaluation, type ConcreteResource } from '../api/evaluate.js';
export type { InstanceOptions } from './offline/context.js';
export { simulate, SimulationDivergenceError, type SimulateOptions, type Simulation } from './offline/simulate.js';
export type { SimulatedItem, SimulatedResource } from './offline/resources.js';
export type { NextStep } from './offline/next.js';
export type { Divergence } from './offline/cross-check.js';
export type { ObservedEntries } from './offline/observe.js';
export type { ObservedInput, ObservedState } from './offline/observed.js';
export { canonicalQuantity, storedForm, type QuantityField } from './offline/stored/index.js';
export { conditionReady, created, deploymentAvailable, deploymentProgressing, jobFailed, jobRunning, jobSucceeded, pvcBound, serviceWithIngress, serviceWithoutIngress, statefulSetReady } from './offline/states.js';
export { findManifest, findManifests, findResource, type ManifestSelector } from './assert/find.js';
export { assertMatches, mismatches, type Expected } from './assert/match.js';
export { assertGolden, goldenUpdate, type GoldenEnv, type GoldenOutcome } from './assert/golden.js';
export { inTestNamespace, jestGlobalSetup, jestGlobalTeardown, startTestCluster, type NamespaceOptions, type TestNamespace } from './fixtures/index.js';
export { ensureClusterBinaries, kroChartDir, packageChart, startChartRepository, startLocalCluster } from './cluster-lazy.js';
export type { LocalCluster, LocalClusterOptions } from './cluster/cluster.js';
export { BINARY_NAMES, OPTIONAL_BINARIES, OPTIONAL_COMPONENTS } from './cluster/binary-names.js';
export type { ClusterBinaries, EnsureBinariesOptions } from './cluster/binaries.js';
export type { BinaryName, ComponentVersions, OptionalBinaryName, OptionalComponent } from './cluster/binary-names.js';
export type { Wrappers } from './cluster/build-plan.js';
export { BuildTimeoutError, DEFAULT_BUILD_TIMEOUT_MS, BUILD_TIMEOUT_ENV } from './cluster/build-timeout.js';
export type { GoBuildFn, GoBuildStep, ProgressFn } from './cluster/build.js';
export { ComponentExitError } from './cluster/process.js';
export type { ComponentName, ExitInfo } from './cluster/process.js';
export { StartTimeoutError } from './cluster/supervisor.js';
export type { ClusterPorts } from './cluster/components.js';
export { NODE_NAME } from './cluster/bootstrap.js';
export type { PackagedChart } from './charts/package.js';
export type { ChartRepository, ChartRepositoryOptions } from './charts/repository.js';
export { FLUX_NAMESPACE } from './cluster/flux-args.js';
export { CERT_MANAGER_NAMESPACE, EXTERNAL_DNS_ZONE } from './cluster/optional-args.js';
export type { LocalFlux } from './cluster/flux.js';
