/**
 * The children KRO created for an instance, found by KRO's labels (kro-facts §6), only in the instance's
 * namespace for namespaced kinds (a namespace-scoped account can read them). A cluster-scoped instance
 * (no namespace) has children without the instance-namespace label (KRO v0.9 labels only a namespaced
 * instance's children with it); its namespaced children are where their metadata says (KRO requires one),
 * so they are listed in every namespace (reading a cluster-scoped instance needs cluster access anyway).
 */
import type { KubeObject } from '../engine/index.js';
import { KubeApiError, type CallOptions, type KubeClient } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';
import { plain } from '../direct/objects.js';

/** KRO's labels on the children of an instance. */
export const KRO_LABELS = {
  instance: 'kro.run/instance-name',
  instanceNamespace: 'kro.run/instance-namespace',
  resourceId: 'kro.run/node-id',
} as const;

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
 * await listChildren(client, [{ apiVersion: 'apps/v1', kind: 'Deployment' }], { name: 'web', namespace: 'dev' }, call);
 * ```
 */
export async function listChildren(client: KubeClient, kinds: readonly ChildKind[], instance: { name: string; namespace?: string }, call: CallOptions): Promise<KubeObject[]> {
  const where = instance.namespace === undefined ? `!${KRO_LABELS.instanceNamespace}` : `${KRO_LABELS.instanceNamespace}=${instance.namespace}`;
  const selector = `${KRO_LABELS.instance}=${instance.name},${where}`;
  const unique = [...new Map(kinds.map((k) => [`${k.apiVersion}/${k.kind}`, k])).values()];
  const lists = await Promise.all(
    unique.map(async (k) => {
      try {
        const namespaced = await client.isNamespaced(k.apiVersion, k.kind, call);
        const found = await listByLabel(client.config, k.apiVersion, k.kind, selector, { ...call, client, ...(namespaced && instance.namespace !== undefined ? { namespace: instance.namespace } : {}) });
        return found.map(plain);
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 404) return [];
        throw error;
      }
    }),
  );
  return lists.flat();
}
