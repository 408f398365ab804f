/**
 * The one ownership check of both modes. Before the first write, every object the instance can name is read
 * and judged (`foreignOwner`); a deploy that would take over any object another instance or tool owns fails
 * naming each, unless the user adopts them (and, in kro mode, KRO can: see `adoptable`). The check also
 * remembers what it read, as the precondition of the object's first apply: the resourceVersion of an object
 * that existed, {@link CREATE_ONLY} for one that did not, so a foreign write between the check and the apply
 * makes the API server refuse the apply instead of being overwritten. The reading is injected (the kube
 * client in both drivers), so the engine stays free of IO.
 */
import { TypeKroError, type TypeKroErrorOptions } from '../../util/errors.js';
import type { Remedy } from '../../util/remedy.js';
import { adoptable, describeOwner, foreignOwner, type Claimant } from './ownership.js';
import type { KubeObject } from './types.js';

/**
 * A resourceVersion no object ever has (etcd's first write is revision 2). Sent with a server-side apply, it
 * creates the object when it is absent and is refused with 409 Conflict when it exists: "create only".
 */
export const CREATE_ONLY = '1';

/** Reads at once while checking: enough to keep a 1,000-object preflight short without flooding the server. */
const PARALLEL_READS = 16;
/** Objects named in the error message; the rest are counted. */
const SHOWN = 10;

/**
 * A deploy would apply objects another TypeKro instance, a KRO instance, a controller or another tool owns.
 * Those objects were not changed (nothing was, when the check ran before the deploy's first write); `owners` says who owns which object; `remedies` has `adopt` when adopting would take them over.
 *
 * @example
 * import { OwnershipConflictError } from 'typekro';
 * const error = new OwnershipConflictError('ConfigMap dev/web is owned by TypeKro instance "alpha"', [{ object: 'ConfigMap dev/web', owner: 'TypeKro instance "alpha"' }]);
 * [error.code, error.owners[0]?.owner]; // => ['CONFLICT', 'TypeKro instance "alpha"']
 */
export class OwnershipConflictError extends TypeKroError {
  override readonly name: string = 'OwnershipConflictError';
  constructor(
    message: string,
    /** Each object that is not the instance's own, and who owns it. */
    readonly owners: readonly { readonly object: string; readonly owner: string }[],
    options?: TypeKroErrorOptions,
  ) {
    super('CONFLICT', message, options);
  }
}

/** The live object, `undefined` when it does not exist, `'unreadable'` when the account may not read it. */
export type OwnershipReader = (manifest: KubeObject) => Promise<KubeObject | undefined | 'unreadable'>;

/** An object another instance or tool owns, for errors and plans. */
export interface OwnershipFinding {
  readonly manifest: KubeObject;
  /** `Kind namespace/name`. */
  readonly object: string;
  /** The owner in words ({@link describeOwner}). */
  readonly owner: string;
  /** Whether the claimant can take it over with adopt (always in direct mode; kro mode: not another instance's). */
  readonly adoptable: boolean;
}

function identity(object: KubeObject): { apiVersion: string; kind: string; name: string; namespace?: string } {
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  return { apiVersion: String(object.apiVersion ?? ''), kind: String(object.kind ?? ''), name: metadata.name ?? '', ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
}

/** `Kind namespace/name`, as the kube client's describeRef. */
export function describeObject(object: KubeObject): string {
  const ref = identity(object);
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function keyOf(object: KubeObject): string {
  const ref = identity(object);
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  return `${ref.kind}.${group}/${ref.namespace ?? ''}/${ref.name}`;
}

/**
 * Checks objects once each, per deploy.
 *
 * @example
 * ```ts
 * const guard = new OwnershipGuard(read, { mode: 'direct', owner }, false);
 * await guard.check(manifests); // OwnershipConflictError when another instance or tool owns one
 * guard.precondition(manifests[0]); // its resourceVersion when read, CREATE_ONLY when it did not exist
 * ```
 */
export class OwnershipGuard {
  /** Objects checked already → the resourceVersion to apply with (CREATE_ONLY; undefined when unreadable). */
  private readonly cleared = new Map<string, string | undefined>();
  /** Objects read as the claimant's own, or applied by this deploy: {@link own}. */
  private readonly ours = new Set<string>();

  constructor(
    private readonly read: OwnershipReader,
    readonly claimant: Claimant,
    private readonly adopt: boolean,
  ) {}

  /** Reads each object not checked yet and returns those another instance or tool owns (nothing thrown). */
  async findings(manifests: readonly KubeObject[]): Promise<OwnershipFinding[]> {
    const pending = [...new Map(manifests.map((m) => [keyOf(m), m])).entries()].filter(([key]) => !this.cleared.has(key));
    const found: OwnershipFinding[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pending.length) {
        const [key, manifest] = pending[next++]!;
        const finding = await this.judge(key, manifest);
        if (finding) found.push(finding);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, pending.length) }, worker));
    return found.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
  }

  /**
   * Reads each object not checked yet and throws an OwnershipConflictError naming every one another
   * instance or tool owns, unless adopt is on and the claimant can take each over. `beforeWrites`: the deploy
   * has written nothing yet, and the message says so (otherwise it says only that those objects were not changed).
   */
  async check(manifests: readonly KubeObject[], beforeWrites = false): Promise<void> {
    this.refuse(await this.findings(manifests), beforeWrites);
  }

  /** Reads one object again (its apply was refused as changed since the check) and judges it as {@link check}. */
  async recheck(manifest: KubeObject): Promise<void> {
    this.cleared.delete(keyOf(manifest));
    this.ours.delete(keyOf(manifest));
    await this.check([manifest]);
  }

  /** The resourceVersion the object's apply must carry: what the check read, CREATE_ONLY when it was absent. */
  precondition(manifest: KubeObject): string | undefined {
    return this.cleared.get(keyOf(manifest));
  }

  /** The object as the apply left it: the next apply of it in this deploy expects that version. */
  applied(object: KubeObject): void {
    const version = (object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (version) this.cleared.set(keyOf(object), version);
    this.ours.add(keyOf(object));
  }

  /**
   * Whether the object is the claimant's own: it existed with the claimant's labels when checked, or this
   * deploy applied it. Not for an object adopted, made by another owner, unreadable or not checked. Direct
   * mode applies its own objects with force by default (as KRO applies its children): see apply-node.ts.
   */
  own(manifest: KubeObject): boolean {
    return this.ours.has(keyOf(manifest));
  }

  /** Throws for the findings adopt does not cover (`beforeWrites` as {@link check}). */
  refuse(findings: readonly OwnershipFinding[], beforeWrites = false): void {
    if (findings.length === 0) return;
    if (!this.adopt) throw conflict(this.claimant, findings, false, beforeWrites);
    const blocked = findings.filter((f) => !f.adoptable);
    if (blocked.length > 0) throw conflict(this.claimant, blocked, true, beforeWrites);
  }

  private async judge(key: string, manifest: KubeObject): Promise<OwnershipFinding | undefined> {
    const live = await this.read(manifest);
    // An account that may not read the object cannot check it: its apply decides (and names the verb it lacks).
    if (live === 'unreadable') {
      this.cleared.set(key, undefined);
      return undefined;
    }
    const version = (live?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    this.cleared.set(key, live ? version : CREATE_ONLY);
    const owner = live ? foreignOwner(live, this.claimant) : undefined;
    if (live && !owner) this.ours.add(key);
    return owner ? { manifest, object: describeObject(manifest), owner: describeOwner(owner), adoptable: adoptable(owner, this.claimant) } : undefined;
  }
}

function conflict(claimant: Claimant, findings: readonly OwnershipFinding[], adopting: boolean, beforeWrites: boolean): OwnershipConflictError {
  const owners = findings.map(({ object, owner }) => ({ object, owner }));
  const shown = owners.slice(0, SHOWN).map((o) => `${o.object} is owned by ${o.owner}`);
  const more = owners.length > SHOWN ? `; and ${owners.length - SHOWN} more` : '';
  const who = claimant.mode === 'direct' ? `instance "${claimant.owner.instance}" (namespace ${claimant.owner.namespace})` : `instance "${claimant.instance}" (namespace ${claimant.namespace}, kro mode)`;
  // adopting is suggested only when it would work: KRO cannot take over another instance's objects.
  const blocked = adopting || findings.some((f) => !f.adoptable);
  const fix = blocked
    ? `KRO cannot adopt objects of another instance (KRO refuses a child that is in another instance's ApplySet): delete that instance first, or use other names for this instance's objects`
    : `Use other names for this instance's objects, delete the other instance, or take the objects over${claimant.mode === 'kro' ? ' (in kro mode only objects no other instance owns can be adopted)' : ''}`;
  const remedies: Remedy[] = blocked ? [] : [{ purpose: 'take the objects over', action: 'option', option: 'adopt' }];
  // Found at an object's own apply, other objects may have been applied before it (the deploy lists them).
  const changed = beforeWrites ? 'Nothing was changed' : owners.length > 1 ? 'Those objects were not changed' : 'That object was not changed';
  return new OwnershipConflictError(`${who} would take over objects it does not own: ${shown.join('; ')}${more}. ${changed}. ${fix}.`, owners, { remedies });
}
