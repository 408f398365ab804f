/**
 * The kube side of the ownership check (engine/ownership-check.ts decides; both drivers read through here):
 * reading objects for the check, and applying an object with the precondition the check recorded, so that a
 * foreign write between the check and the apply is refused by the API server (409), read again and judged
 * again: another owner's object fails with OwnershipConflictError, a change that leaves it ours (a
 * controller's status update) is applied over with the new version.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { ApplyConflictError, KubeApiError, type CallOptions, type KubeClient } from '../kube/client.js';
import type { KubeObject, OwnershipGuard, OwnershipReader } from '../engine/index.js';
import { plain, refOf } from './objects.js';

/** Times one object is read again and re-applied after its precondition failed, before the 409 is the error. */
const RECHECKS = 5;

/**
 * Reads objects for the ownership check; an object the account may not read is `'unreadable'`, an object of
 * a kind the cluster does not serve yet is absent.
 *
 * @example
 * ```ts
 * const guard = new OwnershipGuard(ownershipReader(client, () => ({ deadline: Date.now() + 30_000 })), claimant, false);
 * ```
 */
export function ownershipReader(client: KubeClient, call: () => CallOptions): OwnershipReader {
  return async (manifest) => {
    try {
      const live = await client.get(refOf(manifest), call());
      return live ? plain(live) : undefined;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 403) return 'unreadable';
      if (error instanceof KubeApiError && error.status === 404) return undefined;
      throw error;
    }
  };
}

/**
 * Whether an apply takes over fields other field managers own (server-side apply `force`). `force` given
 * decides; by default the instance's own objects are applied with force, as KRO applies its children: a
 * field changed by hand (`kubectl patch`, `kubectl scale`) is drift that a deploy of the composition puts
 * back, in both modes. An object the guard did not find to be the instance's own (another owner's object
 * adopted, one it could not read) is not: its conflicts are reported, and `force: true` takes them over.
 *
 * @example
 * ```ts
 * applyForce(undefined, guard, manifest); // true when guard.own(manifest)
 * ```
 */
export function applyForce(force: boolean | undefined, guard: OwnershipGuard | undefined, manifest: KubeObject): boolean {
  return force ?? guard?.own(manifest) ?? false;
}

/**
 * Server-side applies `manifest` with the resourceVersion the guard read (CREATE_ONLY for an object absent
 * then). A 409 that is not a field conflict means the object changed since: it is checked again, and applied
 * with its new version when it is still the instance's own (or adopted). `force` as {@link applyForce}.
 *
 * @example
 * ```ts
 * const applied = await applyGuarded(client, guard, manifest, { force: undefined }, () => callOptions(session));
 * ```
 */
export async function applyGuarded(client: KubeClient, guard: OwnershipGuard | undefined, manifest: KubeObject, options: { force: boolean | undefined }, call: () => CallOptions): Promise<KubernetesObject> {
  for (let attempt = 0; ; attempt++) {
    const version = guard?.precondition(manifest);
    const body = version ? { ...manifest, metadata: { ...(manifest.metadata as object), resourceVersion: version } } : manifest;
    try {
      const applied = await client.apply(body as KubernetesObject, { force: applyForce(options.force, guard, manifest), ...call() });
      guard?.applied(plain(applied));
      return applied;
    } catch (error) {
      const changed = error instanceof KubeApiError && error.status === 409 && !(error instanceof ApplyConflictError);
      if (!guard || !version || !changed || attempt >= RECHECKS) throw error;
      await guard.recheck(manifest);
    }
  }
}
