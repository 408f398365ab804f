/** Low-level factories: storage. Each takes the manifest as the Kubernetes API defines it. */
import type { V1CSIDriver, V1CSINode, V1StorageClass, V1VolumeAttachment } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/**
 * `storage.k8s.io/v1` StorageClass.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, storageClass } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = storageClass({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const storageClass = kindFactory<V1StorageClass>({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', modelName: 'V1StorageClass' });
/**
 * `storage.k8s.io/v1` CSIDriver.
 *
 * @example
 * import { type } from 'arktype';
 * import { csiDriver, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = csiDriver({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const csiDriver = kindFactory<V1CSIDriver>({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', modelName: 'V1CSIDriver' });
/**
 * `storage.k8s.io/v1` CSINode.
 *
 * @example
 * import { type } from 'arktype';
 * import { csiNode, kubernetesComposition } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = csiNode({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const csiNode = kindFactory<V1CSINode>({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', modelName: 'V1CSINode' });
/**
 * `storage.k8s.io/v1` VolumeAttachment.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, volumeAttachment } from 'typekro';
 * const demo = kubernetesComposition({ name: 'demo', kind: 'Demo', spec: type({ name: 'string' }), status: type({ name: 'string' }) }, (spec) => {
 *   const example = volumeAttachment({ metadata: { name: spec.name } });
 *   return { name: example.metadata.name };
 * });
 * demo.toYaml();
 */
export const volumeAttachment = kindFactory<V1VolumeAttachment>({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', modelName: 'V1VolumeAttachment' });
