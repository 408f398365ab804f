/**
 * Deleting an instance: every object it owns (the kinds and namespaces its record lists, plus the graph's
 * kinds), resource by resource in reverse dependency order, waiting until each resource's objects are gone
 * before the next (KRO deletes in reverse topological order too); the record goes last. External
 * references are never deleted.
 */
import type { Ownership, PreparedGraph } from '../engine/index.js';
import { mergeKinds } from '../engine/index.js';
import { InstanceNotFoundError, type KubeClient } from '../kube/client.js';
import { deleteInOrder, listOwned } from './owned.js';
import { graphKinds, readRecord, RecordKeeper } from './record.js';
import { callOptions, type ProgressEvent } from './session.js';

export interface DeleteOptions {
  readonly timeoutMs: number;
  /** An instance that does not exist is a success (0 objects deleted) instead of an InstanceNotFoundError. */
  readonly ignoreNotFound?: boolean;
  readonly signal?: AbortSignal;
  readonly progress: (event: ProgressEvent) => void;
}

/**
 * Returns the number of objects deleted.
 * @throws InstanceNotFoundError when there is neither a record nor an object of the instance (unless `ignoreNotFound`).
 */
export async function deleteDirect(prepared: PreparedGraph, client: KubeClient, owner: Ownership, options: DeleteOptions): Promise<number> {
  const deadline = Date.now() + options.timeoutMs;
  const call = () => callOptions({ deadline, ...(options.signal ? { signal: options.signal } : {}) });
  const record = await readRecord(client, owner, call());
  const kinds = mergeKinds(record?.kinds ?? [], graphKinds(prepared));
  // Without a record (an instance deployed before records existed), search every namespace.
  const objects = await listOwned(client, owner, kinds, record ? [...new Set([owner.namespace, ...record.namespaces])] : 'all', call());
  if (!record && objects.length === 0) {
    if (options.ignoreNotFound) return 0;
    throw new InstanceNotFoundError(owner.instance, owner.namespace, `composition "${owner.composition}", direct mode: no instance record and no object of the instance`);
  }
  const deleted = await deleteInOrder(client, objects, {
    order: prepared.order,
    deadline,
    ...(options.signal ? { signal: options.signal } : {}),
    progress: options.progress,
    verb: 'deleting',
    call,
  });
  if (record) await RecordKeeper.forget(client, owner, call());
  return deleted;
}
