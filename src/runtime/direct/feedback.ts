/**
 * Live feedback while deploying: the Kubernetes events of the instance's objects and of their children
 * (ReplicaSets of a Deployment, Pods of those, Pods of Jobs, StatefulSets, DaemonSets), found through
 * ownerReferences, and pod logs of a resource on request.
 */
import type { KubeObject } from '../engine/index.js';
import { describeRef, type KubeClient, type ObjectRef } from '../kube/client.js';
import { listEvents, readPodLog, watchEvents, type ClusterEvent } from '../kube/events.js';
import { listByLabel } from '../kube/list.js';
import { selectorString } from '../kube/logs.js';
import type { V1LabelSelector } from '@kubernetes/client-node';
import { plain, refOf, type ProgressEvent } from './session.js';

interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/** apiVersion of the kinds whose children are followed. */
const CHILD_KINDS: Readonly<Record<string, string>> = { ReplicaSet: 'apps/v1', Pod: 'v1', Job: 'batch/v1', ControllerRevision: 'apps/v1' };
const MAX_DEPTH = 3;

/**
 * Follows events of tracked objects and their descendants, per namespace, until stopped. The watch of a
 * namespace replays its current events and keeps those since the deploy started, so events emitted before
 * the watch was established (a Deployment scales its ReplicaSet within milliseconds) are not lost. An
 * event whose object is not known yet (its apply response has not arrived) is kept and attributed later.
 */
export class EventFollower {
  private readonly owners = new Map<string, string>(); // uid -> resource id
  private readonly parents = new Map<string, readonly OwnerReference[]>(); // uid -> its ownerReferences
  private readonly namespaces = new Set<string>();
  private readonly seen = new Map<string, number>(); // event uid -> count reported
  private unattributed: ClusterEvent[] = [];
  private readonly stop = new AbortController();
  private readonly watchers: Promise<void>[] = [];
  private readonly since = Date.now() - 2_000;

  constructor(
    private readonly client: KubeClient,
    private readonly progress: (event: ProgressEvent) => void,
  ) {}

  /** Starts watching a namespace's events (before the first object there is applied). */
  watchNamespace(namespace: string | undefined): void {
    if (!namespace || this.namespaces.has(namespace) || this.stop.signal.aborted) return;
    this.namespaces.add(namespace);
    this.watchers.push(
      watchEvents(
        this.client,
        namespace,
        (event) => void this.onEvent(event).catch(() => undefined),
        this.stop.signal,
        (message) => this.progress({ type: 'event', message, level: 'warning' }),
        { replay: true },
      ).catch(() => undefined),
    );
  }

  /** Starts following an applied object. */
  track(resourceId: string, object: KubeObject): void {
    const metadata = object.metadata as { uid?: string; namespace?: string } | undefined;
    this.watchNamespace(metadata?.namespace);
    if (!metadata?.uid) return;
    this.owners.set(metadata.uid, resourceId);
    const waiting = this.unattributed;
    this.unattributed = [];
    for (const event of waiting) void this.attribute(event).catch(() => undefined);
  }

  /**
   * Reports what the watches have not delivered yet (events are separate streams and may trail the object
   * watches that decided readiness): one list per namespace, bounded to two seconds; then stops.
   */
  async close(options: { flush?: boolean } = {}): Promise<void> {
    if ((options.flush ?? true) && !this.stop.signal.aborted && this.namespaces.size > 0) {
      const flush = Promise.all(
        [...this.namespaces].map(async (namespace) => {
          for (const event of await listEvents(this.client, namespace)) await this.onEvent(event).catch(() => undefined);
        }),
      ).catch(() => undefined);
      await Promise.race([flush, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
    this.stop.abort();
    await Promise.all(this.watchers);
  }

  private async onEvent(event: ClusterEvent): Promise<void> {
    if (event.at < this.since) return;
    const reported = this.seen.get(event.uid);
    if (reported !== undefined && reported >= event.count) return;
    this.seen.set(event.uid, event.count);
    await this.attribute(event);
  }

  private async attribute(event: ClusterEvent): Promise<void> {
    const involved = event.involvedObject;
    const resourceId = await this.resourceOf(involved.uid, involved, 0);
    if (this.stop.signal.aborted) return;
    if (resourceId === undefined) {
      if (this.unattributed.length < 1_000) this.unattributed.push(event);
      return;
    }
    const ref: ObjectRef = { apiVersion: involved.apiVersion ?? '', kind: involved.kind, name: involved.name, ...(involved.namespace ? { namespace: involved.namespace } : {}) };
    this.progress({
      type: 'event',
      resourceId,
      object: ref,
      reason: event.reason,
      level: event.type === 'Warning' ? 'warning' : 'info',
      message: `${describeRef(ref)}: ${event.type} ${event.reason}: ${event.message}${event.count > 1 ? ` (x${event.count})` : ''}`,
    });
  }

  /** The resource id an object belongs to, following ownerReferences up a few levels. */
  private async resourceOf(uid: string | undefined, involved: { kind: string; name: string; namespace?: string }, depth: number): Promise<string | undefined> {
    if (!uid) return undefined;
    const known = this.owners.get(uid);
    if (known !== undefined) return known;
    if (depth >= MAX_DEPTH) return undefined;
    let parents = this.parents.get(uid);
    if (!parents) {
      const apiVersion = CHILD_KINDS[involved.kind];
      if (!apiVersion || !involved.namespace) return undefined;
      const object = await this.client.get({ apiVersion, kind: involved.kind, name: involved.name, namespace: involved.namespace }, { deadline: Date.now() + 5_000 }).catch(() => undefined);
      if (!object || object.metadata?.uid !== uid) return undefined;
      parents = (object.metadata?.ownerReferences ?? []) as OwnerReference[];
      this.parents.set(uid, parents);
    }
    for (const owner of parents) {
      const id = await this.resourceOf(owner.uid, { kind: owner.kind, name: owner.name, namespace: involved.namespace }, depth + 1);
      if (id !== undefined) return id;
    }
    return undefined;
  }
}

/**
 * The log of one container of one pod of the instance; `error` says why when it could not be read.
 *
 * @example
 * import type { PodLog } from 'typekro';
 * const text = (logs: readonly PodLog[]): string => logs.map((entry) => `${entry.pod}: ${entry.log ?? entry.error}`).join('\n');
 * text([{ pod: 'web-1', log: 'started' } as PodLog]); // => 'web-1: started'
 */
export interface PodLog {
  readonly resourceId: string;
  readonly pod: string;
  readonly namespace: string;
  readonly container: string;
  readonly log?: string;
  readonly error?: string;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** The pods of an object: itself for a Pod, the pods its label selector matches for a workload. */
export async function podsOf(client: KubeClient, object: KubeObject): Promise<KubeObject[]> {
  const ref = refOf(object);
  if (ref.kind === 'Pod' && ref.apiVersion === 'v1') return [object];
  if (!WORKLOADS.has(ref.kind) || !ref.namespace) return [];
  const labelSelector = (object.spec as { selector?: V1LabelSelector } | undefined)?.selector;
  const selector = labelSelector ? selectorString(labelSelector) : '';
  if (!selector) return [];
  return (await listByLabel(client.config, 'v1', 'Pod', selector, { namespace: ref.namespace, client })).map(plain);
}

/** Logs of every container of the given pods. */
export async function podLogs(client: KubeClient, resourceId: string, pods: readonly KubeObject[], options: { tailLines?: number; container?: string } = {}): Promise<PodLog[]> {
  const out: PodLog[] = [];
  for (const pod of pods) {
    const ref = refOf(pod);
    const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name).filter((c) => !options.container || c === options.container);
    for (const container of containers) {
      const base = { resourceId, pod: ref.name, namespace: ref.namespace ?? '', container };
      try {
        out.push({ ...base, log: await readPodLog(client, ref.namespace ?? '', ref.name, { container, ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}) }) });
      } catch (error) {
        out.push({ ...base, error: (error as Error).message });
      }
    }
  }
  return out;
}
