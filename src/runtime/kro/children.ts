/**
 * The children KRO created for an instance, found by KRO's labels (kro-facts §6) in every namespace: a
 * template may name another namespace than the instance's (`namespace: spec.target`), and an object moved out
 * of it is still the instance's until KRO prunes it (trial 19 F10: `status` called such a child missing, and
 * `plan` did not show its deletion). The labels name the instance and its namespace, so the list is exact. An
 * account that may not list a kind in every namespace gets the instance's namespace only, as before. A
 * cluster-scoped instance (no namespace) has children without the instance-namespace label (KRO v0.9 labels
 * only a namespaced instance's children with it).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '../engine/index.js';
import { KubeApiError, type CallOptions, type KubeClient } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';
import { plain } from '../direct/objects.js';

/** KRO's labels on the children of an instance (one table with the ownership check's: engine/ownership.ts). */
export { KRO_LABELS } from '../engine/ownership.js';
import { KRO_LABELS } from '../engine/ownership.js';

/** A kind of the graph's resources, to list the instance's children by. */
export interface ChildKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** The resource id KRO labelled a child with. */
export function kroResourceIdOf(object: KubeObject): string | undefined {
  return ((object.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {})[KRO_LABELS.resourceId];
}

/**
 * The instance's children of the given kinds; a kind the cluster does not serve has none.
 *
 * @example
 * ```ts
 * await listChildren(client, [{ apiVersion: 'apps/v1', kind: 'Deployment' }], { name: 'web', namespace: 'dev', kind: 'WebApp' }, call);
 * ```
 */
export async function listChildren(client: KubeClient, kinds: readonly ChildKind[], instance: { name: string; namespace?: string; kind: string }, call: CallOptions): Promise<KubeObject[]> {
  const where = instance.namespace === undefined ? `!${KRO_LABELS.instanceNamespace}` : `${KRO_LABELS.instanceNamespace}=${instance.namespace}`;
  // The kind too: instances of two kinds may share a name and namespace (App shop, Database shop; review 39).
  const selector = `${KRO_LABELS.instance}=${instance.name},${where},${KRO_LABELS.instanceKind}=${instance.kind}`;
  const unique = [...new Map(kinds.map((k) => [`${k.apiVersion}/${k.kind}`, k])).values()];
  const lists = await Promise.all(
    unique.map(async (k) => {
      try {
        return (await listEverywhere(client, k, selector, instance.namespace, call)).map(plain);
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 404) return [];
        throw error;
      }
    }),
  );
  return lists.flat();
}

/** The objects of `kind` that `selector` picks in every namespace, or in `namespace` where listing all is forbidden. */
async function listEverywhere(client: KubeClient, kind: ChildKind, selector: string, namespace: string | undefined, call: CallOptions): Promise<KubernetesObject[]> {
  try {
    return await listByLabel(client.config, kind.apiVersion, kind.kind, selector, { ...call, client });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 403) || namespace === undefined || !(await client.isNamespaced(kind.apiVersion, kind.kind, call))) throw error;
    return listByLabel(client.config, kind.apiVersion, kind.kind, selector, { ...call, client, namespace });
  }
}
