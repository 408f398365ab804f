/**
 * Keeping the instance record (engine/applyset.ts) in the cluster. The record always lists a superset of
 * the kinds and namespaces of the instance's objects: before anything is applied it gains the graph's
 * kinds; before an object is applied in a new namespace it gains that namespace; only after a clean
 * deploy and prune does it shrink to what the graph has now. Unchanged records are not rewritten.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { mergeKinds, nextGeneration, parseRecord, recordManifest, recordName, type AssignedMetadata, type InstanceIdentity, type InstanceRecord, type KubeObject, type MemberKind, type Ownership, type PreparedGraph, type StoredSpec } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { plain } from './objects.js';

/** The kinds a graph creates (external references are only read). */
export function graphKinds(prepared: PreparedGraph): MemberKind[] {
  return mergeKinds(prepared.graph.resources.filter((r) => !r.externalRef).map((r) => ({ apiVersion: r.apiVersion, kind: r.kind })));
}

export async function readRecord(client: KubeClient, owner: Ownership, call: CallOptions): Promise<InstanceRecord | undefined> {
  const object = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: recordName(owner), namespace: owner.namespace }, call);
  return parseRecord(object ? plain(object) : undefined);
}

/** The instance metadata a record gives (`undefined` before the record exists or was ever deployed). */
export function assignedOf(record: Pick<InstanceRecord, 'uid' | 'createdAt' | 'generation'> | undefined): AssignedMetadata | undefined {
  if (!record?.uid || !record.createdAt || record.generation < 1) return undefined;
  return { uid: record.uid, creationTimestamp: record.createdAt, generation: record.generation };
}

/** The labels and annotations a deploy gives the instance (engine InstanceIdentity). */
type InstanceMetadata = Pick<InstanceIdentity, 'labels' | 'annotations'>;

export class RecordKeeper {
  private kinds: MemberKind[];
  private namespaces: Set<string>;
  private succeeded: boolean;
  private createdAt: string | undefined;
  private uid: string | undefined;
  private generation: number;
  private specHash: string | undefined;
  private stored: StoredSpec | undefined;
  private finishedGeneration: number | undefined;
  private instanceLabels: Readonly<Record<string, string>>;
  private instanceAnnotations: Readonly<Record<string, string>>;
  private written = '';
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly client: KubeClient,
    private readonly owner: Ownership,
    readonly previous: InstanceRecord | undefined,
  ) {
    this.kinds = [...(previous?.kinds ?? [])];
    this.namespaces = new Set([owner.namespace, ...(previous?.namespaces ?? [])]);
    this.succeeded = previous?.succeeded ?? false;
    this.createdAt = previous?.createdAt;
    this.uid = previous?.uid;
    this.generation = previous?.generation ?? 0;
    this.specHash = previous?.specHash;
    this.stored = previous?.spec;
    this.finishedGeneration = previous?.finishedGeneration;
    this.instanceLabels = previous?.instanceLabels ?? {};
    this.instanceAnnotations = previous?.instanceAnnotations ?? {};
    if (previous) this.written = this.key();
  }

  /**
   * Reads the record, widened to `kinds`, with the generation of a deploy of `spec` (a new spec is a new
   * generation) and `stored`, the spec as the record keeps it (the caller takes the secret values out; without
   * it the record keeps no spec). Nothing is written until {@link RecordKeeper.widen}.
   */
  static async open(client: KubeClient, owner: Ownership, kinds: readonly MemberKind[], spec: unknown, call: CallOptions, stored?: StoredSpec, instance: InstanceMetadata = {}): Promise<RecordKeeper> {
    const keeper = new RecordKeeper(client, owner, await readRecord(client, owner, call));
    // The labels and annotations of this deploy replace the last one's, as kro mode's apply of the instance does.
    keeper.instanceLabels = instance.labels ?? {};
    keeper.instanceAnnotations = instance.annotations ?? {};
    keeper.kinds = mergeKinds(keeper.kinds, kinds);
    const next = nextGeneration(keeper.previous, spec);
    keeper.generation = next.generation;
    keeper.specHash = next.specHash;
    // The stored spec is always the record's generation's: never an older spec under a new hash.
    keeper.stored = stored;
    return keeper;
  }

  /** Before anything is applied: writes the widened record (the instance's uid and creation time come from it). */
  widen(call: CallOptions): Promise<void> {
    return this.write(call);
  }

  /** What the cluster assigned to the instance (its record's uid and creation time, its generation): `schema.metadata.*`. */
  get assigned(): AssignedMetadata | undefined {
    return assignedOf({ uid: this.uid, createdAt: this.createdAt, generation: this.generation });
  }

  /** The hash of the spec this deploy records (the previous record's is `previous.specHash`). */
  get currentSpecHash(): string | undefined {
    return this.specHash;
  }

  /** No successful deploy of this instance yet: a failure may be rolled back. */
  get firstDeploy(): boolean {
    return !this.succeeded;
  }

  /** Server time the record was created: objects created before it existed are not this instance's own. */
  get since(): string | undefined {
    return this.createdAt;
  }

  get memberKinds(): readonly MemberKind[] {
    return this.kinds;
  }

  get memberNamespaces(): readonly string[] {
    return [...this.namespaces];
  }

  /** Before applying an object in `namespace`: make sure the record lists it. */
  async ensureNamespace(namespace: string | undefined, call: CallOptions): Promise<void> {
    if (namespace === undefined || this.namespaces.has(namespace)) return this.writing;
    this.namespaces.add(namespace);
    return this.write(call);
  }

  /** After a clean deploy and prune: exactly the graph's kinds and the namespaces in use. */
  async finish(kinds: readonly MemberKind[], namespaces: Iterable<string>, call: CallOptions): Promise<void> {
    this.kinds = mergeKinds(kinds);
    this.namespaces = new Set([this.owner.namespace, ...namespaces]);
    this.succeeded = true;
    this.finishedGeneration = this.generation;
    await this.write(call);
  }

  async remove(call: CallOptions): Promise<void> {
    await this.writing.catch(() => undefined);
    await RecordKeeper.forget(this.client, this.owner, call);
  }

  /** Deletes the record of an instance. */
  static async forget(client: KubeClient, owner: Ownership, call: CallOptions): Promise<void> {
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: recordName(owner), namespace: owner.namespace }, call);
  }

  private key(): string {
    return JSON.stringify([mergeKinds(this.kinds), [...this.namespaces].sort(), this.succeeded, this.generation, this.specHash, this.stored ?? null, this.finishedGeneration ?? null, this.instanceLabels, this.instanceAnnotations]);
  }

  /** Writes serially; skips a write that would not change anything. */
  private write(call: CallOptions): Promise<void> {
    const next = this.writing.then(async () => {
      const key = this.key();
      if (key === this.written) return;
      const manifest = recordManifest(this.owner, {
        kinds: this.kinds,
        namespaces: [...this.namespaces],
        succeeded: this.succeeded,
        generation: this.generation,
        ...(this.specHash ? { specHash: this.specHash } : {}),
        ...(this.stored ? { spec: this.stored } : {}),
        ...(this.finishedGeneration !== undefined ? { finishedGeneration: this.finishedGeneration } : {}),
        instanceLabels: this.instanceLabels,
        instanceAnnotations: this.instanceAnnotations,
      });
      const applied = plain(await this.client.apply(manifest as KubernetesObject, { ...call, force: true }));
      const metadata = applied.metadata as KubeObject | undefined;
      this.createdAt ??= metadata?.creationTimestamp as string | undefined;
      this.uid ??= metadata?.uid as string | undefined;
      this.written = key;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
