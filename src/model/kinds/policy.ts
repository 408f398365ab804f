/** Low-level factories: policy. Each takes the manifest as the Kubernetes API defines it. */
import type { V1HorizontalPodAutoscaler, V1Lease, V1PodDisruptionBudget, V1PriorityClass, V1RuntimeClass, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/**
 * `policy/v1` PodDisruptionBudget.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, podDisruptionBudget } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = podDisruptionBudget({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const podDisruptionBudget = kindFactory<V1PodDisruptionBudget>({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', modelName: 'V1PodDisruptionBudget' });
/**
 * `autoscaling/v2` HorizontalPodAutoscaler.
 *
 * @example
 * import { type } from 'arktype';
 * import { horizontalPodAutoscaler, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = horizontalPodAutoscaler({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const horizontalPodAutoscaler = kindFactory<V2HorizontalPodAutoscaler>({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', modelName: 'V2HorizontalPodAutoscaler' });
/**
 * `autoscaling/v1` HorizontalPodAutoscaler.
 *
 * @example
 * import { type } from 'arktype';
 * import { horizontalPodAutoscalerV1, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = horizontalPodAutoscalerV1({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const horizontalPodAutoscalerV1 = kindFactory<V1HorizontalPodAutoscaler>({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', modelName: 'V1HorizontalPodAutoscaler' }, 'horizontalPodAutoscalerV1');
/**
 * `scheduling.k8s.io/v1` PriorityClass.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, priorityClass } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = priorityClass({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const priorityClass = kindFactory<V1PriorityClass>({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', modelName: 'V1PriorityClass' });
/**
 * `node.k8s.io/v1` RuntimeClass.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, runtimeClass } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = runtimeClass({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const runtimeClass = kindFactory<V1RuntimeClass>({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', modelName: 'V1RuntimeClass' });
/**
 * `coordination.k8s.io/v1` Lease.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, lease } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = lease({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const lease = kindFactory<V1Lease>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', modelName: 'V1Lease' });
