/**
 * What one direct deployment works with: the prepared graph, the cluster, the instance identity and the
 * options. Small helpers around KubeClient live here so deploy/delete stay about the algorithm.
 */
import type { InstanceIdentity, KubeObject, Ownership, PreparedGraph, ReadinessMode } from '../engine/index.js';
import { abortableSleep, throwIfAborted as throwIfSignalled, type KubeClient, type ObjectRef } from '../kube/client.js';
import type { RecordKeeper } from './record.js';
import type { SchemaCache } from './schemas.js';
import type { Redactor } from './redact.js';

/**
 * A progress event. `type` is one of:
 * - `apply`: an object was applied (server-side apply); `ready`: a resource is ready;
 * - `waiting`: a resource's readiness changed but it is not ready yet (`reason` says why, e.g. `1/3 readyReplicas`);
 * - `pending`: a resource waits for data another resource does not have yet; `skipped`: includeWhen is false;
 * - `event`: a Kubernetes event of one of the instance's objects or their children (ReplicaSets, Pods);
 * - `log`: pod log lines (with `podLogs`), `delete`/`deleted`: deleting and pruning; `rollback`;
 * - `status`: the hydrated status at the end.
 * Secret values are redacted from every message.
 */
export interface ProgressEvent {
  readonly type: string;
  readonly message: string;
  readonly resourceId?: string;
  /** The object the event is about (for `apply`, `event`, `log`, `delete`). */
  readonly object?: ObjectRef;
  /** `event`: the Kubernetes event reason (`ScalingReplicaSet`); `waiting`: the readiness reason. */
  readonly reason?: string;
  /** `event`: `warning` for Warning events. */
  readonly level?: 'info' | 'warning';
}

export interface DirectSession {
  readonly prepared: PreparedGraph;
  readonly client: KubeClient;
  readonly instance: InstanceIdentity;
  readonly owner: Ownership;
  readonly spec: unknown;
  readonly readiness: ReadinessMode;
  /** Absolute deadline, ms since the epoch. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly namespaced: (apiVersion: string, kind: string) => Promise<boolean>;
  readonly progress: (event: ProgressEvent) => void;
  /** Take over fields other field managers own (server-side apply `force`); default false. */
  readonly force?: boolean;
  readonly redactor?: Redactor;
  /** The schemas of the observed objects (deployDirect and planDirect make one per run when absent). */
  readonly schemas?: SchemaCache;
  /** The instance record (set by deployDirect). */
  readonly record?: RecordKeeper;
  /** Called before each object is applied (the events watcher starts watching its namespace). */
  readonly onApplying?: (resourceId: string, ref: ObjectRef) => void;
  /** Called with each object applied (the events watcher follows them). */
  readonly onApplied?: (resourceId: string, object: KubeObject) => void;
}

export { plain, refOf } from './objects.js';

export function remainingMs(session: DirectSession): number {
  return Math.max(0, session.deadline - Date.now());
}

/** How long one call retries transient failures (an API server restart takes a few seconds). */
export const RETRY_MS = 30_000;

/** Call options for KubeClient: the session's signal, retries bounded by its deadline and {@link RETRY_MS}. */
export function callOptions(session: Pick<DirectSession, 'deadline' | 'signal'>, retryMs = RETRY_MS): { deadline: number; signal?: AbortSignal } {
  return { deadline: Math.min(session.deadline, Date.now() + retryMs), ...(session.signal ? { signal: session.signal } : {}) };
}

export const throwIfAborted = throwIfSignalled;

/** Sleeps, waking early on abort. */
export const sleep = abortableSleep;
