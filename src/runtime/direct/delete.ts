/**
 * Deleting an instance: every object it owns (the kinds and namespaces its record lists, plus the graph's
 * kinds, in the namespaces it lists), resource by resource in reverse dependency order, waiting until each resource's objects are gone
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

/** What a delete found: `found` is false when the instance had neither a record nor an object (only with `ignoreNotFound`). */
export interface DeleteOutcome {
  readonly found: boolean;
  readonly deleted: number;
}

/** @throws InstanceNotFoundError when there is neither a record nor an object of the instance (unless `ignoreNotFound`). */
export async function deleteDirect(prepared: PreparedGraph, client: KubeClient, owner: Ownership, options: DeleteOptions): Promise<DeleteOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  const call = () => callOptions({ deadline, ...(options.signal ? { signal: options.signal } : {}) });
  const record = await readRecord(client, owner, call());
  const kinds = mergeKinds(record?.kinds ?? [], graphKinds(prepared));
  // Only the namespaces the record lists (the instance's own without one): a namespace-scoped account
  // may not list across namespaces.
  const objects = await listOwned(client, owner, kinds, [...new Set([owner.namespace, ...(record?.namespaces ?? [])])], call());
  if (!record && objects.length === 0) {
    if (options.ignoreNotFound) return { found: false, deleted: 0 };
    throw new InstanceNotFoundError(
      owner.instance,
      owner.namespace,
      `instance "${owner.instance}" not found in namespace "${owner.namespace}" (composition "${owner.composition}", direct mode: no instance record and no object of the instance): nothing was deleted. Check the name and namespace, or pass { ignoreNotFound: true }`,
    );
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
  return { found: record !== undefined || objects.length > 0, deleted };
}
