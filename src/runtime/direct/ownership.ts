/**
 * Refusing to take over objects another instance or tool owns (engine/ownership.ts decides who owns an
 * object): every object is read before it is first applied, and a deploy that would take over any object
 * fails naming each one and its owner, unless the user adopts them explicitly. The objects a deploy can
 * name before applying anything are checked together before the first write (the record included), so a
 * refused deploy changes nothing; objects whose names depend on other objects are checked just before
 * their own apply.
 */
import type { KubeObject, Ownership } from '../engine/index.js';
import { describeOwner, foreignOwner } from '../engine/index.js';
import { describeRef, FIELD_MANAGER, KubeApiError, type CallOptions, type KubeClient } from '../kube/client.js';
import { OwnershipConflictError } from './errors.js';
import { objectKey } from './owned.js';
import { plain, refOf } from './objects.js';
import type { OwnershipCheck } from './session.js';

/** Reads at once while checking: enough to keep a 1,000-object preflight short without flooding the server. */
const PARALLEL_READS = 16;
/** Objects named in the error message; the rest are counted. */
const SHOWN = 10;

export class OwnershipGuard implements OwnershipCheck {
  /** Objects checked already (the instance's own, absent, or adopted). */
  private readonly cleared = new Set<string>();

  constructor(
    private readonly client: KubeClient,
    private readonly owner: Ownership,
    private readonly adopt: boolean,
  ) {}

  /**
   * Reads each object not checked yet and throws an OwnershipConflictError naming every one another
   * instance or tool owns (with `adopt`, reports them as adopted instead).
   */
  async check(manifests: readonly KubeObject[], call: () => CallOptions): Promise<void> {
    const pending = [...new Map(manifests.map((m) => [objectKey(m), m])).entries()].filter(([key]) => !this.cleared.has(key));
    const owners: { object: string; owner: string }[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pending.length) {
        const [, manifest] = pending[next++]!;
        const live = await this.client.get(refOf(manifest), call()).catch((error: unknown) => {
          // An account that may not read the object cannot check it: its apply decides (and names the verb it lacks).
          if (error instanceof KubeApiError && error.status === 403) return undefined;
          throw error;
        });
        const foreign = live ? foreignOwner(plain(live), this.owner, FIELD_MANAGER) : undefined;
        if (foreign) owners.push({ object: describeRef(refOf(manifest)), owner: describeOwner(foreign) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, pending.length) }, worker));
    if (owners.length > 0 && !this.adopt) throw conflict(this.owner, owners.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0)));
    for (const [key] of pending) this.cleared.add(key);
  }
}

function conflict(owner: Ownership, owners: readonly { object: string; owner: string }[]): OwnershipConflictError {
  const shown = owners.slice(0, SHOWN).map((o) => `${o.object} is owned by ${o.owner}`);
  const more = owners.length > SHOWN ? `; and ${owners.length - SHOWN} more` : '';
  return new OwnershipConflictError(
    `instance "${owner.instance}" (namespace ${owner.namespace}) would take over objects it does not own: ${shown.join('; ')}${more}. ` +
      `Nothing was changed. Use other names for this instance's objects, delete the other instance, or take the objects over with adopt: true (CLI: --adopt)`,
    owners,
  );
}
