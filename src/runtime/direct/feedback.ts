/**
 * Live feedback while deploying: the Kubernetes events of the instance's objects and of their children
 * (ReplicaSets of a Deployment, Pods of those, Pods of Jobs, StatefulSets, DaemonSets), found through
 * ownerReferences, and pod logs of a resource on request.
 */
import type { KubeObject } from '../engine/index.js';
import { describeRef, type KubeClient, type ObjectRef } from '../kube/client.js';
import { readPodLog, watchEvents, type ClusterEvent } from '../kube/events.js';
import { listByLabel } from '../kube/list.js';
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

/** Follows events of tracked objects and their descendants, per namespace, until stopped. */
export class EventFollower {
  private readonly owners = new Map<string, string>(); // uid -> resource id
  private readonly unrelated = new Set<string>();
  private readonly namespaces = new Set<string>();
  private readonly seen = new Map<string, number>(); // event uid -> count reported
  private readonly stop = new AbortController();
  private readonly watchers: Promise<void>[] = [];
  private readonly since = Date.now() - 1_000;

  constructor(
    private readonly client: KubeClient,
    private readonly progress: (event: ProgressEvent) => void,
  ) {}

  /** Starts following an applied object (and its namespace's events). */
  track(resourceId: string, object: KubeObject): void {
    const metadata = object.metadata as { uid?: string; namespace?: string } | undefined;
    if (metadata?.uid) this.owners.set(metadata.uid, resourceId);
    const namespace = metadata?.namespace;
    if (!namespace || this.namespaces.has(namespace) || this.stop.signal.aborted) return;
    this.namespaces.add(namespace);
    this.watchers.push(
      watchEvents(this.client, namespace, (event) => void this.onEvent(event).catch(() => undefined), this.stop.signal, (message) =>
        this.progress({ type: 'event', message, level: 'warning' }),
      ).catch(() => undefined),
    );
  }

  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.watchers);
  }

  private async onEvent(event: ClusterEvent): Promise<void> {
    if (event.at < this.since) return;
    const reported = this.seen.get(event.uid);
    if (reported !== undefined && reported >= event.count) return;
    this.seen.set(event.uid, event.count);
    const involved = event.involvedObject;
    const resourceId = await this.resourceOf(involved.uid, involved, 0);
    if (resourceId === undefined || this.stop.signal.aborted) return;
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
    if (this.unrelated.has(uid) || depth >= MAX_DEPTH) return undefined;
    const apiVersion = CHILD_KINDS[involved.kind];
    if (!apiVersion || !involved.namespace) return undefined;
    const object = await this.client.get({ apiVersion, kind: involved.kind, name: involved.name, namespace: involved.namespace }, { deadline: Date.now() + 5_000 }).catch(() => undefined);
    if (!object || object.metadata?.uid !== uid) return undefined;
    for (const owner of (object.metadata?.ownerReferences ?? []) as OwnerReference[]) {
      const id = await this.resourceOf(owner.uid, { kind: owner.kind, name: owner.name, namespace: involved.namespace }, depth + 1);
      if (id !== undefined) {
        this.owners.set(uid, id);
        return id;
      }
    }
    this.unrelated.add(uid);
    return undefined;
  }
}

/** The log of one container of one pod of the instance; `error` says why when it could not be read. */
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
  const matchLabels = (object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  if (!matchLabels || Object.keys(matchLabels).length === 0) return [];
  const selector = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
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
