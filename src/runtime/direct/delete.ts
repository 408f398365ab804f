/**
 * Deleting an instance: every object carrying the instance's ownership labels, resource by resource in
 * reverse dependency order, waiting until each resource's objects are gone before the next (KRO deletes
 * in reverse topological order too). External references are never deleted.
 */
import { ownershipSelector, LABELS, type Ownership, type PreparedGraph } from '../engine/index.js';
import { describeRef, KubeApiError, type KubeClient } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';
import { DirectTimeoutError } from './errors.js';
import { plain, refOf, type ProgressEvent } from './session.js';

export interface DeleteOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly progress: (event: ProgressEvent) => void;
}

/** Returns the number of objects deleted. */
export async function deleteDirect(prepared: PreparedGraph, client: KubeClient, owner: Ownership, options: DeleteOptions): Promise<number> {
  const deadline = Date.now() + options.timeoutMs;
  let deleted = 0;
  for (const id of [...prepared.order].reverse()) {
    const resource = prepared.resource(id);
    if (resource.externalRef) continue;
    const selector = `${ownershipSelector(owner)},${LABELS.resourceId}=${id}`;
    const objects = await listOwned(client, resource.apiVersion, resource.kind, selector);
    for (const object of objects) {
      if (await client.delete(refOf(object))) {
        deleted++;
        options.progress({ type: 'delete', message: `deleting ${describeRef(refOf(object))}`, resourceId: id });
      }
    }
    for (const object of objects) {
      const ref = refOf(object);
      try {
        await client.waitFor(ref, (current) => (current ? undefined : true), {
          timeoutMs: Math.max(0, deadline - Date.now()),
          ...(options.signal ? { signal: options.signal } : {}),
          describe: () => 'it still exists (finalizers?)',
        });
      } catch (error) {
        if (error instanceof KubeApiError && /timed out/.test(error.message)) throw new DirectTimeoutError(`resource "${id}" (${describeRef(ref)}) was not deleted before the deadline`, id);
        throw error;
      }
    }
    if (objects.length > 0) options.progress({ type: 'deleted', message: `${id} deleted`, resourceId: id });
  }
  return deleted;
}

/** A kind the cluster no longer serves (its CRD is gone) has nothing left to delete. */
async function listOwned(client: KubeClient, apiVersion: string, kind: string, selector: string) {
  try {
    return (await listByLabel(client.config, apiVersion, kind, selector)).map(plain);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return [];
    throw error;
  }
}
