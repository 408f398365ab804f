/** Reading KRO instances of one kind: the list, and one instance's status. */
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { KubeApiError } from '../kube/client.js';

/** Every instance of a kind in a namespace (all namespaces when `namespace` is undefined). */
export async function listInstances(config: KubeConfig, apiVersion: string, kind: string, namespace?: string): Promise<KubernetesObject[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  try {
    const page = await api.list(apiVersion, kind, namespace);
    return page.items.map((item) => ({ ...item, apiVersion, kind }));
  } catch (error) {
    const status = (error as { code?: unknown }).code;
    if (status === 404) return [];
    throw new KubeApiError(`list ${kind} (${apiVersion}) failed: ${(error as Error).message}`, typeof status === 'number' ? status : undefined);
  }
}

/**
 * KRO's state and Ready condition of an instance as one word.
 *
 * @example
 * import type { InstanceHealth } from 'typekro';
 * const health: InstanceHealth = 'progressing';
 * health; // => 'progressing'
 */
export type InstanceHealth = 'ready' | 'progressing' | 'failed' | 'deleting' | 'unknown';

/** KRO's state and Ready condition as one word. */
export function healthOf(instance: KubernetesObject): InstanceHealth {
  const status = (instance as { status?: { state?: string; conditions?: { type?: string; status?: string }[] } }).status;
  const ready = status?.conditions?.find((condition) => condition.type === 'Ready')?.status === 'True';
  switch (status?.state) {
    case 'ACTIVE':
      return ready ? 'ready' : 'progressing';
    case 'IN_PROGRESS':
      return 'progressing';
    case 'ERROR':
      return 'failed';
    case 'DELETING':
      return 'deleting';
    default:
      return 'unknown';
  }
}
