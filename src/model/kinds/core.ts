/** Low-level factories: core. Each takes the manifest as the Kubernetes API defines it. */
import type { V1ConfigMap, V1Endpoints, V1LimitRange, V1Namespace, V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1ResourceQuota, V1Secret, V1Service, V1ServiceAccount } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `v1` Namespace. @example namespace({ metadata: { name: 'x' } }) */
export const namespace = kindFactory<V1Namespace>({ apiVersion: 'v1', kind: 'Namespace', modelName: 'V1Namespace' });
/** `v1` Node. @example node({ metadata: { name: 'x' } }) */
export const node = kindFactory<V1Node>({ apiVersion: 'v1', kind: 'Node', modelName: 'V1Node' });
/** `v1` Service. @example service({ metadata: { name: 'x' } }) */
export const service = kindFactory<V1Service>({ apiVersion: 'v1', kind: 'Service', modelName: 'V1Service' });
/** `v1` Endpoints. @example endpoints({ metadata: { name: 'x' } }) */
export const endpoints = kindFactory<V1Endpoints>({ apiVersion: 'v1', kind: 'Endpoints', modelName: 'V1Endpoints' });
/** `v1` ConfigMap. @example configMap({ metadata: { name: 'x' } }) */
export const configMap = kindFactory<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', modelName: 'V1ConfigMap' });
/** `v1` Secret. @example secret({ metadata: { name: 'x' } }) */
export const secret = kindFactory<V1Secret>({ apiVersion: 'v1', kind: 'Secret', modelName: 'V1Secret' });
/** `v1` ServiceAccount. @example serviceAccount({ metadata: { name: 'x' } }) */
export const serviceAccount = kindFactory<V1ServiceAccount>({ apiVersion: 'v1', kind: 'ServiceAccount', modelName: 'V1ServiceAccount' });
/** `v1` PersistentVolume. @example persistentVolume({ metadata: { name: 'x' } }) */
export const persistentVolume = kindFactory<V1PersistentVolume>({ apiVersion: 'v1', kind: 'PersistentVolume', modelName: 'V1PersistentVolume' });
/** `v1` PersistentVolumeClaim. @example persistentVolumeClaim({ metadata: { name: 'x' } }) */
export const persistentVolumeClaim = kindFactory<V1PersistentVolumeClaim>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', modelName: 'V1PersistentVolumeClaim' });
/** `v1` ResourceQuota. @example resourceQuota({ metadata: { name: 'x' } }) */
export const resourceQuota = kindFactory<V1ResourceQuota>({ apiVersion: 'v1', kind: 'ResourceQuota', modelName: 'V1ResourceQuota' });
/** `v1` LimitRange. @example limitRange({ metadata: { name: 'x' } }) */
export const limitRange = kindFactory<V1LimitRange>({ apiVersion: 'v1', kind: 'LimitRange', modelName: 'V1LimitRange' });
