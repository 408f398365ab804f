/** The direct instances of a composition in a namespace, from their records (direct mode has no instance object). */
import { APPLYSET, LABELS } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';

/**
 * Names of the instances of `composition` recorded in `namespace`, sorted.
 *
 * @example
 * ```ts
 * await listDirectInstances(client, 'webapp', 'dev', { deadline: Date.now() + 10_000 }); // ['web']
 * ```
 */
export async function listDirectInstances(client: KubeClient, composition: string, namespace: string, call: CallOptions): Promise<string[]> {
  const records = await listByLabel(client.config, 'v1', 'ConfigMap', `${LABELS.managedBy}=typekro,${APPLYSET.id}`, { ...call, client, namespace });
  const names = records.flatMap((record) => {
    const annotations = record.metadata?.annotations ?? {};
    const instance = annotations[LABELS.instance];
    return annotations[LABELS.composition] === composition && annotations[LABELS.instanceNamespace] === namespace && instance ? [instance] : [];
  });
  return [...new Set(names)].sort();
}
