/**
 * What one direct deployment works with: the prepared graph, the cluster, the instance identity and the
 * options. Small helpers around KubeClient live here so deploy/delete stay about the algorithm.
 */
export type { UpdateEvent } from './update-event.js';
import type { UpdateEvent } from './update-event.js';
import type { InstanceIdentity, KubeObject, Ownership, OwnershipGuard, PreparedGraph, ReadinessMode, StoredSpec } from '../engine/index.js';
import { abortableSleep, throwIfAborted as throwIfSignalled } from '../kube/abort.js';
import type { KubeClient, ObjectRef } from '../kube/client.js';
import type { RecordKeeper } from './record.js';
import type { SchemaCache } from './schemas.js';
import type { OpenApiDocuments } from '../kube/openapi.js';
import type { Redactor } from '../../util/redact.js';

/**
 * What a deploy or delete reports through `progressCallback`, one variant per `type` (switch on it to get
 * the variant's fields). Secret values are redacted from every `message` and `reason`.
 *
 * @example
 * import type { ProgressEvent } from 'typekro';
 * function line(event: ProgressEvent): string {
 *   switch (event.type) {
 *     case 'waiting':
 *       return `${event.resourceId}: ${event.reason}`;
 *     case 'event':
 *       return `${event.level === 'warning' ? 'WARN ' : ''}${event.message}`;
 *     default:
 *       return event.message;
 *   }
 * }
 * line({ type: 'waiting', message: 'web not ready', resourceId: 'web', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, reason: '1/3 readyReplicas' }); // => 'web: 1/3 readyReplicas'
 */
export type ProgressEvent =
  | ApplyEvent
  | ReadyEvent
  | WaitingEvent
  | PendingEvent
  | SkippedEvent
  | KubernetesEvent
  | LogEvent
  | DeleteEvent
  | DeletedEvent
  | RollbackEvent
  | StatusEvent
  | UpdateEvent
  | KroProgressEvent;

/**
 * An object was applied (server-side apply).
 *
 * @example
 * import type { ApplyEvent, ProgressEvent } from 'typekro';
 * const event: ApplyEvent = { type: 'apply', message: 'applied Deployment dev/web', resourceId: 'web', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'dev' } };
 * const any: ProgressEvent = event;
 * any.type; // => 'apply'
 */
export interface ApplyEvent {
  readonly type: 'apply';
  readonly message: string;
  readonly resourceId: string;
  readonly object: ObjectRef;
}

/**
 * A resource is ready (an external reference: found).
 *
 * @example
 * import type { ReadyEvent, ProgressEvent } from 'typekro';
 * const event: ReadyEvent = { type: 'ready', message: 'web is ready', resourceId: 'web' };
 * const any: ProgressEvent = event;
 * any.type; // => 'ready'
 */
export interface ReadyEvent {
  readonly type: 'ready';
  readonly message: string;
  readonly resourceId: string;
  readonly object?: ObjectRef;
}

/**
 * A resource's readiness changed but it is not ready yet; `reason` says why (`1/3 readyReplicas`).
 *
 * @example
 * import type { WaitingEvent, ProgressEvent } from 'typekro';
 * const event: WaitingEvent = { type: 'waiting', message: 'web not ready: 1/3 readyReplicas', resourceId: 'web', object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, reason: '1/3 readyReplicas' };
 * const any: ProgressEvent = event;
 * any.type; // => 'waiting'
 */
export interface WaitingEvent {
  readonly type: 'waiting';
  readonly message: string;
  readonly resourceId: string;
  readonly object: ObjectRef;
  readonly reason: string;
}

/**
 * A resource waits for data another resource does not have yet.
 *
 * @example
 * import type { PendingEvent, ProgressEvent } from 'typekro';
 * const event: PendingEvent = { type: 'pending', message: 'config waits for data: web.status.loadBalancer', resourceId: 'config' };
 * const any: ProgressEvent = event;
 * any.type; // => 'pending'
 */
export interface PendingEvent {
  readonly type: 'pending';
  readonly message: string;
  readonly resourceId: string;
}

/**
 * A resource is left out: its includeWhen is false; `reason` says which condition.
 *
 * @example
 * import type { SkippedEvent, ProgressEvent } from 'typekro';
 * const event: SkippedEvent = { type: 'skipped', message: 'ingress skipped: includeWhen is false', resourceId: 'ingress', reason: 'includeWhen is false' };
 * const any: ProgressEvent = event;
 * any.type; // => 'skipped'
 */
export interface SkippedEvent {
  readonly type: 'skipped';
  readonly message: string;
  readonly resourceId: string;
  readonly reason: string;
}

/**
 * A Kubernetes event of one of the instance's objects or their children (ReplicaSets, Pods); `reason` is the
 * event reason (`ScalingReplicaSet`). Without `resourceId` when it could not be attributed (a watch failure).
 *
 * @example
 * import type { KubernetesEvent, ProgressEvent } from 'typekro';
 * const event: KubernetesEvent = { type: 'event', message: 'Deployment dev/web: Normal ScalingReplicaSet', level: 'info', resourceId: 'web', reason: 'ScalingReplicaSet' };
 * const any: ProgressEvent = event;
 * any.type; // => 'event'
 */
export interface KubernetesEvent {
  readonly type: 'event';
  readonly message: string;
  readonly level: 'info' | 'warning';
  readonly resourceId?: string;
  readonly object?: ObjectRef;
  readonly reason?: string;
}

/**
 * Last log lines of a pod of a resource that did not become ready (with the `podLogs` option).
 *
 * @example
 * import type { LogEvent, ProgressEvent } from 'typekro';
 * const event: LogEvent = { type: 'log', message: 'pod dev/web-1 container web:\nstarted', resourceId: 'web', object: { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'dev' } };
 * const any: ProgressEvent = event;
 * any.type; // => 'log'
 */
export interface LogEvent {
  readonly type: 'log';
  readonly message: string;
  readonly resourceId: string;
  readonly object: ObjectRef;
}

/**
 * An object is being deleted (deleteInstance, pruning, rollback).
 *
 * @example
 * import type { DeleteEvent, ProgressEvent } from 'typekro';
 * const event: DeleteEvent = { type: 'delete', message: 'deleting ConfigMap dev/app', object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'app', namespace: 'dev' } };
 * const any: ProgressEvent = event;
 * any.type; // => 'delete'
 */
export interface DeleteEvent {
  readonly type: 'delete';
  readonly message: string;
  readonly object: ObjectRef;
  readonly resourceId?: string;
}

/**
 * Every object of a resource is gone.
 *
 * @example
 * import type { DeletedEvent, ProgressEvent } from 'typekro';
 * const event: DeletedEvent = { type: 'deleted', message: 'config deleted', resourceId: 'config' };
 * const any: ProgressEvent = event;
 * any.type; // => 'deleted'
 */
export interface DeletedEvent {
  readonly type: 'deleted';
  readonly message: string;
  readonly resourceId: string;
}

/**
 * A failed first deploy is being rolled back (with `rollbackOnFailure`).
 *
 * @example
 * import type { RollbackEvent, ProgressEvent } from 'typekro';
 * const event: RollbackEvent = { type: 'rollback', message: 'rolling back the failed first deploy' };
 * const any: ProgressEvent = event;
 * any.type; // => 'rollback'
 */
export interface RollbackEvent {
  readonly type: 'rollback';
  readonly message: string;
}

/**
 * The hydrated status at the end of a direct deploy (pending fields named in the message).
 *
 * @example
 * import type { StatusEvent, ProgressEvent } from 'typekro';
 * const event: StatusEvent = { type: 'status', message: 'status: {"ready":true}' };
 * const any: ProgressEvent = event;
 * any.type; // => 'status'
 */
export interface StatusEvent {
  readonly type: 'status';
  readonly message: string;
}

/**
 * KRO mode: what the deploy waits for (the RGD to become Active, the instance to become ACTIVE).
 *
 * @example
 * import type { KroProgressEvent, ProgressEvent } from 'typekro';
 * const event: KroProgressEvent = { type: 'progress', message: 'waiting for ResourceGraphDefinition app to become Active' };
 * const any: ProgressEvent = event;
 * any.type; // => 'progress'
 */
export interface KroProgressEvent {
  readonly type: 'progress';
  readonly message: string;
  /** `warning`: news to keep in view (the changed graph changes other instances of the kind too). */
  readonly level?: 'warning';
}

export interface DirectSession {
  readonly prepared: PreparedGraph;
  readonly client: KubeClient;
  readonly instance: InstanceIdentity;
  readonly owner: Ownership;
  readonly spec: unknown;
  /** The spec as the instance record keeps it (secret values taken out by the caller); without it the record keeps none. */
  readonly storedSpec?: StoredSpec;
  readonly readiness: ReadinessMode;
  /** Absolute deadline, ms since the epoch. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly namespaced: (apiVersion: string, kind: string) => Promise<boolean>;
  readonly progress: (event: ProgressEvent) => void;
  /**
   * Take over fields other field managers own (server-side apply `force`). Default: on for the instance's own
   * objects (a hand edit is put back, as KRO does), off for objects adopted from another owner; `false`: never.
   */
  readonly force?: boolean;
  /** Take over objects another instance or tool owns (else an OwnershipConflictError); default false. */
  readonly adopt?: boolean;
  /** Checks who owns each object before it is first applied, and keeps the precondition of its apply (set by deployDirect). */
  readonly ownership?: OwnershipGuard;
  readonly redactor?: Redactor;
  /** Whether a field of a resource holds (or sits in or around) a value computed from a secret: a plan shows none (api/sensitive.ts). */
  readonly secretFields?: (resourceId: string, path: readonly string[]) => boolean;
  /** The schemas of the observed objects (deployDirect and planDirect make one per run when absent). */
  readonly schemas?: SchemaCache;
  /** OpenAPI documents kept across runs by the factory (deployDirect and planDirect read through them). */
  readonly openApiDocuments?: OpenApiDocuments;
  /** The instance record (set by deployDirect). */
  readonly record?: RecordKeeper;
  /** Called (and awaited) before each object is applied (the events watcher starts watching its namespace). */
  readonly onApplying?: (resourceId: string, ref: ObjectRef) => void | Promise<void>;
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

/**
 * The name check's redaction: the session's secrets out of the names it quotes.
 *
 * @example
 * ```ts
 * checkObjectNames(session.prepared, objects, redactNames(session));
 * ```
 */
export function redactNames(session: Pick<DirectSession, 'redactor'>): { redact?: (text: string) => string } {
  const redactor = session.redactor;
  return redactor ? { redact: (text) => redactor.text(text) } : {};
}
