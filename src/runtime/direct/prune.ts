/**
 * KRO's prune step (kro-facts §6): after a clean round, objects the instance owns that are no longer
 * desired (includeWhen now false, a collection that shrank) are deleted. Only kinds the graph declares are
 * searched; objects of a resource removed from the composition are not found.
 */
import type { InstancePlan, KubeObject } from '../engine/index.js';
import { LABELS, ownershipSelector } from '../engine/index.js';
import { describeRef, KubeApiError } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';
import { refOf, type DirectSession } from './session.js';

const keyOf = (object: KubeObject): string => {
  const ref = refOf(object);
  return `${ref.namespace ?? ''}/${ref.name}`;
};

/** Deletes owned objects that the plan no longer wants; returns how many. */
export async function pruneUndesired(session: DirectSession, plan: InstancePlan, observed: ReadonlyMap<string, KubeObject | readonly KubeObject[]>): Promise<number> {
  let pruned = 0;
  for (const id of [...plan.order].reverse()) {
    const resource = session.prepared.resource(id);
    if (resource.externalRef) continue;
    const current = observed.get(id);
    const desired = new Set((current === undefined ? [] : Array.isArray(current) ? current : [current]).map(keyOf));
    const selector = `${ownershipSelector(session.owner)},${LABELS.resourceId}=${id}`;
    let owned: KubeObject[];
    try {
      owned = (await listByLabel(session.client.config, resource.apiVersion, resource.kind, selector)) as KubeObject[];
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) continue;
      throw error;
    }
    for (const object of owned) {
      if (desired.has(keyOf(object))) continue;
      if (await session.client.delete(refOf(object))) {
        pruned++;
        session.progress({ type: 'delete', message: `pruned ${describeRef(refOf(object))} (no longer desired)`, resourceId: id });
      }
    }
  }
  return pruned;
}
