/** Reading KRO instances of one kind: the list, and one instance's status. */
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { InstanceNotFoundError, KubeApiError, type KubeClient, type ObjectRef } from '../kube/client.js';

/** Every instance of a kind in a namespace (all namespaces when `namespace` is undefined). */
export async function listInstances(config: KubeConfig, apiVersion: string, kind: string, namespace?: string): Promise<KubernetesObject[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  try {
    const page = await api.list(apiVersion, kind, namespace);
    return page.items.map((item) => ({ ...item, apiVersion, kind }));
  } catch (error) {
    const status = (error as { code?: unknown }).code;
    // A kind not served yet (its RGD is being created): a 404 when its group is new, and client-node's discovery
    // error when the group serves other kinds (review 39: a first deploy of a kind in kro.run failed here).
    if (status === 404 || /^Unrecognized API version and kind/.test((error as Error).message)) return [];
    throw new KubeApiError(`list ${kind} (${apiVersion}) failed: ${(error as Error).message}`, typeof status === 'number' ? status : undefined);
  }
}

/** KRO's state and Ready condition of an instance as one word (internal: `instanceStatus().ready` is its public form). */
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

/**
 * Deletes a KRO instance and waits until it is gone (KRO deletes its resources first).
 *
 * @example
 * ```ts
 * await deleteKroInstance(client, { apiVersion: 'kro.run/v1alpha1', kind: 'App', name: 'web', namespace: 'dev' }, { timeoutMs: 60_000 });
 * ```
 * @throws InstanceNotFoundError when there is no such instance (unless `ignoreNotFound`).
 */
export async function deleteKroInstance(
  client: KubeClient,
  ref: ObjectRef,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly ignoreNotFound?: boolean },
): Promise<{ found: boolean }> {
  if (!(await client.delete(ref, options.signal ? { signal: options.signal } : {}))) {
    if (options.ignoreNotFound) return { found: false };
    const where = ref.namespace === undefined ? ' (cluster-scoped)' : ` in namespace "${ref.namespace}"`;
    const check = ref.namespace === undefined ? 'the name' : 'the name and namespace';
    throw new InstanceNotFoundError(ref.name, ref.namespace, `instance "${ref.name}" not found${where} (no ${ref.kind} object, kro mode): nothing was deleted. Check ${check}, or pass { ignoreNotFound: true }`);
  }
  await client.waitFor(ref, (object) => (object ? undefined : true), { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  return { found: true };
}
