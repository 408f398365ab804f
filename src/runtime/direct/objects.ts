/** Small helpers over objects from the client. */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '../engine/index.js';
import { refOfObject, type ObjectRef } from '../kube/client.js';

/** Objects from the client as plain JSON (client-node may return model classes with Date fields). */
export function plain(object: KubernetesObject): KubeObject {
  return JSON.parse(JSON.stringify(object)) as KubeObject;
}

export function refOf(object: KubeObject): ObjectRef {
  return refOfObject(object as KubernetesObject);
}
