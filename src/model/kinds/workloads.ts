/** Low-level factories: workloads. Each takes the manifest as the Kubernetes API defines it. */
import type { V1CronJob, V1DaemonSet, V1Deployment, V1Job, V1Pod, V1ReplicaSet, V1ReplicationController, V1StatefulSet } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `apps/v1` Deployment. @example deployment({ metadata: { name: 'x' } }) */
export const deployment = kindFactory<V1Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', modelName: 'V1Deployment' });
/** `apps/v1` StatefulSet. @example statefulSet({ metadata: { name: 'x' } }) */
export const statefulSet = kindFactory<V1StatefulSet>({ apiVersion: 'apps/v1', kind: 'StatefulSet', modelName: 'V1StatefulSet' });
/** `apps/v1` DaemonSet. @example daemonSet({ metadata: { name: 'x' } }) */
export const daemonSet = kindFactory<V1DaemonSet>({ apiVersion: 'apps/v1', kind: 'DaemonSet', modelName: 'V1DaemonSet' });
/** `apps/v1` ReplicaSet. @example replicaSet({ metadata: { name: 'x' } }) */
export const replicaSet = kindFactory<V1ReplicaSet>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', modelName: 'V1ReplicaSet' });
/** `v1` ReplicationController. @example replicationController({ metadata: { name: 'x' } }) */
export const replicationController = kindFactory<V1ReplicationController>({ apiVersion: 'v1', kind: 'ReplicationController', modelName: 'V1ReplicationController' });
/** `batch/v1` Job. @example job({ metadata: { name: 'x' } }) */
export const job = kindFactory<V1Job>({ apiVersion: 'batch/v1', kind: 'Job', modelName: 'V1Job' });
/** `batch/v1` CronJob. @example cronJob({ metadata: { name: 'x' } }) */
export const cronJob = kindFactory<V1CronJob>({ apiVersion: 'batch/v1', kind: 'CronJob', modelName: 'V1CronJob' });
/** `v1` Pod. @example pod({ metadata: { name: 'x' } }) */
export const pod = kindFactory<V1Pod>({ apiVersion: 'v1', kind: 'Pod', modelName: 'V1Pod' });
