/** Low-level factories: core. Each takes the manifest as the Kubernetes API defines it. */
import type { V1ConfigMap, V1Endpoints, V1LimitRange, V1Namespace, V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1ResourceQuota, V1Secret, V1ServiceAccount } from '@kubernetes/client-node';
import { kindFactory } from './define.js';
import type { ServiceObject } from '../misplaced.js';

/**
 * `v1` Namespace.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, namespace } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = namespace({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const namespace = kindFactory<V1Namespace>({ apiVersion: 'v1', kind: 'Namespace', modelName: 'V1Namespace' });
/**
 * `v1` Node.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, node } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = node({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const node = kindFactory<V1Node>({ apiVersion: 'v1', kind: 'Node', modelName: 'V1Node' });
/**
 * `v1` Service.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, service } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = service({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const service = kindFactory<ServiceObject>({ apiVersion: 'v1', kind: 'Service', modelName: 'V1Service' });
/**
 * `v1` Endpoints.
 *
 * @example
 * import { type } from 'arktype';
 * import { endpoints, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = endpoints({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const endpoints = kindFactory<V1Endpoints>({ apiVersion: 'v1', kind: 'Endpoints', modelName: 'V1Endpoints' });
/**
 * `v1` ConfigMap.
 *
 * @example
 * import { type } from 'arktype';
 * import { configMap, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = configMap({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const configMap = kindFactory<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', modelName: 'V1ConfigMap' });
/**
 * `v1` Secret.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, secret } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = secret({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const secret = kindFactory<V1Secret>({ apiVersion: 'v1', kind: 'Secret', modelName: 'V1Secret' });
/**
 * `v1` ServiceAccount.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, serviceAccount } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = serviceAccount({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const serviceAccount = kindFactory<V1ServiceAccount>({ apiVersion: 'v1', kind: 'ServiceAccount', modelName: 'V1ServiceAccount' });
/**
 * `v1` PersistentVolume.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, persistentVolume } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = persistentVolume({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const persistentVolume = kindFactory<V1PersistentVolume>({ apiVersion: 'v1', kind: 'PersistentVolume', modelName: 'V1PersistentVolume' });
/**
 * `v1` PersistentVolumeClaim.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, persistentVolumeClaim } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = persistentVolumeClaim({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const persistentVolumeClaim = kindFactory<V1PersistentVolumeClaim>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', modelName: 'V1PersistentVolumeClaim' });
/**
 * `v1` ResourceQuota.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, resourceQuota } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = resourceQuota({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const resourceQuota = kindFactory<V1ResourceQuota>({ apiVersion: 'v1', kind: 'ResourceQuota', modelName: 'V1ResourceQuota' });
/**
 * `v1` LimitRange.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, limitRange } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = limitRange({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const limitRange = kindFactory<V1LimitRange>({ apiVersion: 'v1', kind: 'LimitRange', modelName: 'V1LimitRange' });
