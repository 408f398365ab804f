/** Low-level factories: workloads. Each takes the manifest as the Kubernetes API defines it. */
import type { V1CronJob, V1DaemonSet, V1Deployment, V1Job, V1ReplicaSet, V1ReplicationController, V1StatefulSet } from '@kubernetes/client-node';
import { kindFactory } from './define.js';
import type { PodObject } from '../misplaced.js';

/**
 * `apps/v1` Deployment.
 *
 * @example
 * import { type } from 'arktype';
 * import { deployment, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = deployment({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const deployment = kindFactory<V1Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', modelName: 'V1Deployment' });
/**
 * `apps/v1` StatefulSet.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, statefulSet } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = statefulSet({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const statefulSet = kindFactory<V1StatefulSet>({ apiVersion: 'apps/v1', kind: 'StatefulSet', modelName: 'V1StatefulSet' });
/**
 * `apps/v1` DaemonSet.
 *
 * @example
 * import { type } from 'arktype';
 * import { daemonSet, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = daemonSet({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const daemonSet = kindFactory<V1DaemonSet>({ apiVersion: 'apps/v1', kind: 'DaemonSet', modelName: 'V1DaemonSet' });
/**
 * `apps/v1` ReplicaSet.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, replicaSet } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = replicaSet({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const replicaSet = kindFactory<V1ReplicaSet>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', modelName: 'V1ReplicaSet' });
/**
 * `v1` ReplicationController.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, replicationController } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = replicationController({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const replicationController = kindFactory<V1ReplicationController>({ apiVersion: 'v1', kind: 'ReplicationController', modelName: 'V1ReplicationController' });
/**
 * `batch/v1` Job.
 *
 * @example
 * import { type } from 'arktype';
 * import { job, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = job({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const job = kindFactory<V1Job>({ apiVersion: 'batch/v1', kind: 'Job', modelName: 'V1Job' });
/**
 * `batch/v1` CronJob.
 *
 * @example
 * import { type } from 'arktype';
 * import { cronJob, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = cronJob({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const cronJob = kindFactory<V1CronJob>({ apiVersion: 'batch/v1', kind: 'CronJob', modelName: 'V1CronJob' });
/**
 * `v1` Pod.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, pod } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = pod({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const pod = kindFactory<PodObject>({ apiVersion: 'v1', kind: 'Pod', modelName: 'V1Pod' });
