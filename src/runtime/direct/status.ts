/**
 * The readiness of a deployed direct-mode instance, read from the cluster: the objects it owns, grouped by
 * resource, judged by the deploy-time rules (the resource's readyWhen, else its kind's rule). This is what
 * a status view reports, so `status` and `deploy` never disagree.
 */
import { labelValue, mergeKinds, observedReadiness, type KubeObject, type Ownership, type PreparedGraph, type Readiness } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { listOwned, resourceIdOf } from './owned.js';
import { graphKinds, readRecord } from './record.js';
import { refOf } from './session.js';

/** One resource of the instance: its objects in the cluster and whether they are ready. */
export interface ResourceReadiness {
  /** The resource id in the composition. */
  readonly id: string;
  readonly ready: boolean;
  /** Why not (`1/3 availableReplicas`, Flux's message), or `ready`. */
  readonly reason: string;
  /** Waiting longer cannot help (a Job failed, Flux stalled, a readyWhen failed). */
  readonly failed?: boolean;
  readonly objects: readonly { readonly apiVersion: string; readonly kind: string; readonly name: string; readonly namespace?: string }[];
}

export interface InstanceReadiness {
  /** Every resource ready (a resource skipped by includeWhen, i.e. without objects, counts as ready). */
  readonly ready: boolean;
  readonly resources: readonly ResourceReadiness[];
}

/**
 * Reads an instance's objects and judges each resource. A resource without objects is not ready, unless
 * it has an `includeWhen` (it may have been skipped: the spec is not stored with the instance).
 *
 * @example
 * ```ts
 * const { ready, resources } = await readinessDirect(prepared, client, { composition: 'app', instance: 'web', namespace: 'default' }, {});
 * resources.map((r) => `${r.id}: ${r.reason}`); // ['deployment: 1/3 availableReplicas']
 * ```
 */
export async function readinessDirect(prepared: PreparedGraph, client: KubeClient, owner: Ownership, call: CallOptions): Promise<InstanceReadiness> {
  const record = await readRecord(client, owner, call);
  const kinds = mergeKinds(record?.kinds ?? [], graphKinds(prepared));
  const objects = await listOwned(client, owner, kinds, record ? [...new Set([owner.namespace, ...record.namespaces])] : 'all', call, { skipForbidden: true });
  const byLabel = new Map(prepared.order.map((id) => [labelValue(id), id]));
  const grouped = new Map<string, KubeObject[]>();
  for (const object of objects) {
    const id = byLabel.get(resourceIdOf(object) ?? '');
    if (id) grouped.set(id, [...(grouped.get(id) ?? []), object]);
  }
  const observed = new Map([...grouped].map(([id, items]) => [id, prepared.resource(id).forEach.length > 0 ? items : items[0]!] as const));
  const judged = observedReadiness(prepared, { spec: {}, instance: { name: owner.instance, namespace: owner.namespace }, observed });
  const resources = prepared.order
    .filter((id) => !prepared.resource(id).externalRef)
    .map((id): ResourceReadiness => {
      const found = grouped.get(id) ?? [];
      const readiness = judged.get(id) ?? missing(prepared, id);
      return { id, ...readiness, objects: found.map(refOf) };
    });
  return { ready: resources.every((r) => r.ready), resources };
}

function missing(prepared: PreparedGraph, id: string): Readiness {
  return prepared.resource(id).includeWhen.length > 0 ? { ready: true, reason: 'no objects (skipped by includeWhen, or not created yet)' } : { ready: false, reason: 'not created yet' };
}
