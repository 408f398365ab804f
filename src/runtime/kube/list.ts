/**
 * Listing objects by label (in one namespace or across all), and asking discovery whether a kind is
 * namespaced: what direct mode needs beyond `client.ts` to find everything an instance owns.
 */
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { KubeClient, type CallOptions } from './client.js';

export interface ListOptions extends CallOptions {
  /** Only this namespace (a namespaced kind); default: all namespaces. */
  readonly namespace?: string;
  /** The client whose retry policy to use (default: a new one for `config`). */
  readonly client?: KubeClient;
}

/**
 * Every object of a kind matching a label selector, in all namespaces or one (follows `continue` pages).
 * Transient failures are retried; a kind the cluster does not serve is a KubeApiError with status 404.
 *
 * @example
 * ```ts
 * await listByLabel(config, 'apps/v1', 'Deployment', 'typekro.dev/instance=web');
 * ```
 */
export async function listByLabel(config: KubeConfig, apiVersion: string, kind: string, labelSelector: string, options: ListOptions = {}): Promise<KubernetesObject[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  const client = options.client ?? new KubeClient(config);
  const items: KubernetesObject[] = [];
  let continueToken: string | undefined;
  const ref = { apiVersion, kind, name: '', ...(options.namespace ? { namespace: options.namespace } : {}) };
  do {
    const token = continueToken;
    const page = await client.call(`list (${labelSelector})`, ref, options, () =>
      api.list(apiVersion, kind, options.namespace, undefined, undefined, undefined, undefined, labelSelector, 500, token),
    );
    items.push(...page.items.map((item) => ({ ...item, apiVersion, kind })));
    continueToken = page.metadata?._continue || undefined;
  } while (continueToken);
  return items;
}

/** Discovery, cached per client: is this kind namespaced? */
export function namespacedLookup(client: KubeClient): (apiVersion: string, kind: string) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>();
  return (apiVersion, kind) => {
    const key = `${apiVersion}/${kind}`;
    let result = cache.get(key);
    if (!result) {
      result = client.isNamespaced(apiVersion, kind);
      result.catch(() => cache.delete(key));
      cache.set(key, result);
    }
    return result;
  };
}
