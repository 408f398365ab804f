/** Low-level factories: policy. Each takes the manifest as the Kubernetes API defines it. */
import type { V1HorizontalPodAutoscaler, V1Lease, V1PodDisruptionBudget, V1PriorityClass, V1RuntimeClass, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `policy/v1` PodDisruptionBudget. @example podDisruptionBudget({ metadata: { name: 'x' } }) */
export const podDisruptionBudget = kindFactory<V1PodDisruptionBudget>({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', modelName: 'V1PodDisruptionBudget' });
/** `autoscaling/v2` HorizontalPodAutoscaler. @example horizontalPodAutoscaler({ metadata: { name: 'x' } }) */
export const horizontalPodAutoscaler = kindFactory<V2HorizontalPodAutoscaler>({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', modelName: 'V2HorizontalPodAutoscaler' });
/** `autoscaling/v1` HorizontalPodAutoscaler. @example horizontalPodAutoscalerV1({ metadata: { name: 'x' } }) */
export const horizontalPodAutoscalerV1 = kindFactory<V1HorizontalPodAutoscaler>({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', modelName: 'V1HorizontalPodAutoscaler' }, 'horizontalPodAutoscalerV1');
/** `scheduling.k8s.io/v1` PriorityClass. @example priorityClass({ metadata: { name: 'x' } }) */
export const priorityClass = kindFactory<V1PriorityClass>({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', modelName: 'V1PriorityClass' });
/** `node.k8s.io/v1` RuntimeClass. @example runtimeClass({ metadata: { name: 'x' } }) */
export const runtimeClass = kindFactory<V1RuntimeClass>({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', modelName: 'V1RuntimeClass' });
/** `coordination.k8s.io/v1` Lease. @example lease({ metadata: { name: 'x' } }) */
export const lease = kindFactory<V1Lease>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', modelName: 'V1Lease' });
