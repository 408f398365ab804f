/** Low-level factories: storage. Each takes the manifest as the Kubernetes API defines it. */
import type { V1CSIDriver, V1CSINode, V1StorageClass, V1VolumeAttachment } from '@kubernetes/client-node';
import { kindFactory } from './define.js';

/** `storage.k8s.io/v1` StorageClass. @example storageClass({ metadata: { name: 'x' } }) */
export const storageClass = kindFactory<V1StorageClass>({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', modelName: 'V1StorageClass' });
/** `storage.k8s.io/v1` CSIDriver. @example csiDriver({ metadata: { name: 'x' } }) */
export const csiDriver = kindFactory<V1CSIDriver>({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', modelName: 'V1CSIDriver' });
/** `storage.k8s.io/v1` CSINode. @example csiNode({ metadata: { name: 'x' } }) */
export const csiNode = kindFactory<V1CSINode>({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', modelName: 'V1CSINode' });
/** `storage.k8s.io/v1` VolumeAttachment. @example volumeAttachment({ metadata: { name: 'x' } }) */
export const volumeAttachment = kindFactory<V1VolumeAttachment>({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', modelName: 'V1VolumeAttachment' });
