/**
 * Finding and deleting what an instance owns: objects with the instance's ownership labels, of the kinds
 * and in the namespaces its record lists (or, without a record, of the graph's kinds in every namespace).
 * Deletion goes resource by resource in reverse dependency order, objects of resources the graph no
 * longer has first, and waits until each resource's objects are gone before the next (KRO deletes in
 * reverse topological waves too).
 */
import { LABELS, labelValue, ownershipSelector, type KubeObject, type MemberKind, type Ownership } from '../engine/index.js';
import { describeRef, KubeApiError, type CallOptions, type KubeClient } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';
import { DirectTimeoutError } from './errors.js';
import { plain, refOf, type ProgressEvent } from './session.js';

export function resourceIdOf(object: KubeObject): string | undefined {
  return ((object.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {})[LABELS.resourceId];
}

export function objectKey(object: KubeObject): string {
  const ref = refOf(object);
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  return `${ref.kind}.${group}/${ref.namespace ?? ''}/${ref.name}`;
}

/**
 * Every object the instance owns among `kinds`. `namespaces` limits namespaced kinds to those namespaces
 * (what the record lists; needed where the user may not list cluster-wide), `'all'` searches everywhere.
 * A kind the cluster no longer serves has nothing left.
 */
export async function listOwned(
  client: KubeClient,
  owner: Ownership,
  kinds: readonly MemberKind[],
  namespaces: readonly string[] | 'all',
  call: CallOptions,
  options: { skipForbidden?: boolean } = {},
): Promise<KubeObject[]> {
  const selector = ownershipSelector(owner);
  const lists = await Promise.all(
    kinds.map(async (kind) => {
      try {
        const namespaced = await client.isNamespaced(kind.apiVersion, kind.kind, call);
        const scopes = namespaced && namespaces !== 'all' ? namespaces : [undefined];
        const found = await Promise.all(
          scopes.map((namespace) => listByLabel(client.config, kind.apiVersion, kind.kind, selector, { ...call, client, ...(namespace ? { namespace } : {}) })),
        );
        return found.flat().map(plain);
      } catch (error) {
        if (error instanceof KubeApiError && (error.status === 404 || (options.skipForbidden && error.status === 403))) return [];
        throw error;
      }
    }),
  );
  const seen = new Set<string>();
  return lists.flat().filter((object) => !seen.has(objectKey(object)) && seen.add(objectKey(object)));
}

export interface DeleteInOrderOptions {
  /** Resource ids in dependency order (deletion runs in reverse). */
  readonly order: readonly string[];
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly progress: (event: ProgressEvent) => void;
  /** Wording of progress messages: `deleting`, `pruned`, `rolled back`. */
  readonly verb: string;
  readonly call: () => CallOptions;
}

/** Deletes the objects wave by wave (reverse dependency order) and waits until each wave is gone. Returns how many were deleted. */
export async function deleteInOrder(client: KubeClient, objects: readonly KubeObject[], options: DeleteInOrderOptions): Promise<number> {
  const rank = new Map(options.order.map((id, index) => [labelValue(id), index]));
  const waves = new Map<number, KubeObject[]>();
  for (const object of objects) {
    // Unknown ids (resources removed from the graph) go first: nothing in the graph depends on them any more.
    const position = rank.get(resourceIdOf(object) ?? '') ?? options.order.length;
    waves.set(position, [...(waves.get(position) ?? []), object]);
  }
  let deleted = 0;
  for (const position of [...waves.keys()].sort((a, b) => b - a)) {
    const wave = waves.get(position)!;
    const ids = new Set<string>();
    for (const object of wave) {
      const id = resourceIdOf(object);
      if (id) ids.add(id);
      if (await client.delete(refOf(object), options.call())) {
        deleted++;
        options.progress({ type: 'delete', message: `${options.verb} ${describeRef(refOf(object))}`, ...(id ? { resourceId: id } : {}), object: refOf(object) });
      }
    }
    await Promise.all(wave.map((object) => waitGone(client, object, options)));
    for (const id of ids) options.progress({ type: 'deleted', message: `${id} deleted`, resourceId: id });
  }
  return deleted;
}

async function waitGone(client: KubeClient, object: KubeObject, options: DeleteInOrderOptions): Promise<void> {
  const ref = refOf(object);
  const uid = (object.metadata as { uid?: string } | undefined)?.uid;
  try {
    // Gone, or replaced by a new object of the same name (another uid).
    await client.waitFor(ref, (current) => (!current || (uid && current.metadata?.uid !== uid) ? true : undefined), {
      timeoutMs: Math.max(0, options.deadline - Date.now()),
      ...(options.signal ? { signal: options.signal } : {}),
      describe: () => 'it still exists (finalizers?)',
    });
  } catch (error) {
    if (error instanceof KubeApiError && /timed out/.test(error.message)) {
      const id = resourceIdOf(object);
      throw new DirectTimeoutError(`${id ? `resource "${id}" ` : ''}(${describeRef(ref)}) was not deleted before the deadline: it still exists (finalizers?)`, id);
    }
    throw error;
  }
}
