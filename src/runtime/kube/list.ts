/**
 * Listing objects by label across namespaces, and asking discovery whether a kind is namespaced: what
 * direct mode needs beyond `client.ts` to find everything an instance owns.
 */
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { KubeApiError, type KubeClient } from './client.js';

/**
 * Every object of a kind matching a label selector, in all namespaces (follows `continue` pages).
 *
 * @example
 * ```ts
 * await listByLabel(config, 'apps/v1', 'Deployment', 'typekro.dev/instance=web');
 * ```
 */
export async function listByLabel(config: KubeConfig, apiVersion: string, kind: string, labelSelector: string): Promise<KubernetesObject[]> {
  const api = KubernetesObjectApi.makeApiClient(config);
  const items: KubernetesObject[] = [];
  let continueToken: string | undefined;
  do {
    try {
      const page = await api.list(apiVersion, kind, undefined, undefined, undefined, undefined, undefined, labelSelector, 500, continueToken);
      items.push(...page.items.map((item) => ({ ...item, apiVersion, kind })));
      continueToken = page.metadata?._continue || undefined;
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      throw new KubeApiError(`list ${kind} (${apiVersion}) with ${labelSelector} failed: ${(error as Error).message}`, typeof status === 'number' ? status : undefined);
    }
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
      // collectionPath puts the namespace into the path only for namespaced resources.
      result = client.collectionPath(apiVersion, kind, 'probe').then((path) => path.includes('/namespaces/probe/'));
      result.catch(() => cache.delete(key));
      cache.set(key, result);
    }
    return result;
  };
}
