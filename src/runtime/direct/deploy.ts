/**
 * Direct deployment: KRO's reconcile loop run once, in-process. Each resource is applied as soon as all
 * of its own dependencies are ready (not level by level); readiness comes from watches; data-pending
 * resources are retried with fresh objects, as KRO requeues; then objects no longer desired are pruned
 * and the status is hydrated. The instance record (ApplySet-style) is widened before anything is applied
 * and narrowed after the prune, so objects of kinds the graph dropped are found and pruned too.
 *
 * On any failure every in-flight step is stopped and awaited before the error is thrown, so nothing is
 * applied after `deploy()` has rejected. A failed first deploy can be rolled back (`rollbackOnFailure`).
 */
import { checkDistinctObjects, checkObjectNames, createPlanCache, finalizeManifest, instanceStatus, nameableObjects, OwnershipGuard, planInstance, type InstancePlan, type KubeObject, type NodePlan, type Ownership, type StatusResult } from '../engine/index.js';
import { applyNode, checkPlaced, observeExternal, type ObservedMap } from './apply-node.js';
import { ownershipReader } from './ownership.js';
import { Settled } from './settled.js';
import { describeRef } from '../kube/client.js';
import { DirectAbortedError, DeployFailedError, DirectTimeoutError, type RollbackReport } from './errors.js';
import { EventFollower } from './feedback.js';
import { deleteInOrder, listOwned, objectKey } from './owned.js';
import { graphKinds, RecordKeeper } from './record.js';
import { SchemaCache, schemasOf } from './schemas.js';
import { Redactor } from '../../util/redact.js';
import { callOptions, plain, redactNames, refOf, remainingMs, sleep, throwIfAborted, type DirectSession, type ProgressEvent } from './session.js';
import { updateOf } from './update-event.js';
import { TypeKroError } from '../../util/errors.js';
import { amendError } from '../../util/remedy.js';

/** How long to wait before re-reading objects while something is data-pending (KRO requeues every 3 s). */
const PENDING_RETRY_MS = 1000;

export interface DeployResult {
  readonly plan: InstancePlan;
  readonly observed: ReadonlyMap<string, KubeObject | readonly KubeObject[]>;
  readonly status: StatusResult;
  /** Objects pruned because the graph no longer wants them. */
  readonly pruned: number;
}

export interface DeployOptions {
  /** When the instance has never deployed successfully, delete what this attempt created if it fails. */
  readonly rollbackOnFailure?: boolean;
  /** Budget for the rollback, ms (default 60000); it runs after the deploy's deadline or abort. */
  readonly rollbackTimeoutMs?: number;
  /** Report Kubernetes events of the instance's objects and their children (default true). */
  readonly events?: boolean;
}

/** What the run has done to each resource, for abort messages. */
type Step = 'applying' | 'applied' | 'ready';

/**
 * @throws DeployFailedError for a fatal expression error, DirectTimeoutError naming the resource that
 * did not become ready (with its last condition), DirectAbortedError when the signal fired,
 * KubeApiError (ApplyConflictError for a field manager conflict) when the API server refuses an object.
 * With `rollbackOnFailure`, the error carries `rollback: RollbackReport`.
 */
export async function deployDirect(outer: DirectSession, options: DeployOptions = {}): Promise<DeployResult> {
  const redactor = outer.redactor ?? new Redactor();
  const userProgress = outer.progress;
  const progress = (event: ProgressEvent): void => {
    try {
      userProgress(redacted(event, redactor));
    } catch {
      // a throwing progress callback must not break the deployment
    }
  };
  // Our own abort, so that when one resource fails the other steps stop at once.
  const stop = new AbortController();
  const signal = outer.signal ? AbortSignal.any([outer.signal, stop.signal]) : stop.signal;
  const follower = options.events === false ? undefined : new EventFollower(outer.client, progress);
  const steps = new Map<string, Step>();
  const applied = new Map<string, KubeObject>();
  const tasks = new Map<string, Promise<void>>();
  let record: RecordKeeper | undefined;
  try {
    throwIfAborted(outer.signal);
    const opened = await RecordKeeper.open(outer.client, outer.owner, graphKinds(outer.prepared), outer.spec, callOptions({ ...outer, signal }, 5_000), outer.storedSpec, outer.instance);
    const update = updateOf(outer.instance.name, opened);
    if (update) progress(update);
    const ownership = new OwnershipGuard(ownershipReader(outer.client, () => callOptions({ ...outer, signal })), { mode: 'direct', owner: outer.owner }, outer.adopt ?? false);
    const schemas = outer.schemas ?? new SchemaCache(outer.client, outer.openApiDocuments);
    // Everything nameable now is checked before the first write, the record included: a refused deploy changes nothing.
    await preflight({ ...outer, instance: withAssigned(outer, opened), schemas, signal, ownership });
    await opened.widen(callOptions({ ...outer, signal }, 5_000));
    record = opened;
    const session: DirectSession = {
      ...outer,
      instance: withAssigned(outer, record),
      schemas,
      signal,
      progress,
      redactor,
      record,
      ownership,
      onApplying: (id, ref) => {
        follower?.watchNamespace(ref.namespace);
        return outer.onApplying?.(id, ref);
      },
      onApplied: (id, object) => {
        steps.set(id, 'applied');
        applied.set(objectKey(object), object);
        follower?.track(id, object);
        outer.onApplied?.(id, object);
      },
    };
    return await reconcile(session, record, steps, tasks);
  } catch (error) {
    stop.abort(new TypeKroError('ABORTED', 'deployment stopped'));
    await Promise.allSettled(tasks.values());
    let failure = error;
    if (outer.signal?.aborted) failure = abortedError(outer, steps, error);
    if (options.rollbackOnFailure && record?.firstDeploy) {
      const report = await rollback(outer, record, [...applied.values()], options.rollbackTimeoutMs ?? 60_000, progress);
      failure = withRollback(failure, report);
    } else if (applied.size > 0 && !outer.signal?.aborted) {
      failure = withLeftBehind(failure, outer.owner, [...applied.values()]);
    }
    throw redactor.error(failure);
  } finally {
    stop.abort(new TypeKroError('ABORTED', 'deployment finished'));
    // After an abort, stop at once; otherwise report the events the watch has not delivered yet.
    await follower?.close({ flush: !outer.signal?.aborted });
  }
}

function withAssigned(session: DirectSession, record: RecordKeeper): DirectSession['instance'] {
  const assigned = record.assigned;
  return { ...session.instance, ...(assigned ? { assigned } : {}) };
}

/**
 * Before the first write: checks the name and the ownership of every object that can be named from the spec
 * (the plan of engine/nameable.ts, as kro mode's check); the others are checked before their own apply.
 */
async function preflight(session: DirectSession): Promise<void> {
  // A kind the cluster does not serve yet (the graph makes its CRD): its name is checked now, its owner at its apply.
  const unserved = new Set<KubeObject>();
  const finalize = async (manifest: KubeObject, id: string): Promise<KubeObject> => {
    const namespaced = await session.namespaced(String(manifest.apiVersion), String(manifest.kind)).catch(() => undefined);
    // before the first write: a cluster-scoped instance's namespaced object names its namespace
    if (namespaced) checkPlaced(session, id, manifest, namespaced);
    const final = finalizeManifest(manifest, id, session.owner, namespaced ?? true);
    if (namespaced === undefined) unserved.add(final);
    return final;
  };
  const { manifests } = await nameableObjects(session.prepared, { spec: session.spec, instance: session.instance, ...schemasOf(session) }, finalize);
  checkObjectNames(session.prepared, manifests, { nothingApplied: true, ...redactNames(session) });
  checkDistinctObjects(manifests);
  await session.ownership?.check(manifests.map((o) => o.manifest).filter((m) => !unserved.has(m)));
}

async function reconcile(session: DirectSession, record: RecordKeeper, steps: Map<string, Step>, tasks: Map<string, Promise<void>>): Promise<DeployResult> {
  const observed: ObservedMap = new Map();
  const cache = createPlanCache();
  const started = new Set<string>();
  const announced = new Set<string>();
  const settled = new Settled();
  let reported = '';
  for (;;) {
    throwIfAborted(session.signal);
    const plan = planInstance(session.prepared, { spec: session.spec, instance: session.instance, observed, readiness: session.readiness, ...schemasOf(session) }, cache);
    for (const node of plan.nodes.values()) if (node.state === 'apply') for (const m of node.manifests) session.redactor?.addManifest(m);
    failOnError(plan);
    announceSkipped(session, plan, announced);
    if (plan.ready && tasks.size === 0) return finish(session, record, plan, observed);
    for (const node of startable(plan, started)) {
      started.add(node.id);
      steps.set(node.id, 'applying');
      const task = (node.state === 'apply' ? applyNode(session, node, observed) : observeExternal(session, node, observed)).then(() => {
        if (session.readiness !== 'exists' || node.state === 'external') steps.set(node.id, 'ready');
      });
      const tracked = task.finally(() => tasks.delete(node.id));
      tasks.set(node.id, tracked);
      settled.watch(tracked);
    }
    reported = reportWaiting(session, plan, reported);
    if (tasks.size > 0) {
      await settled.next();
      continue;
    }
    // Nothing in flight but not ready: some expression reads data that is not there yet. Re-read and retry.
    if (remainingMs(session) <= 0) throw stuckError(plan);
    await sleep(Math.min(PENDING_RETRY_MS, remainingMs(session)), session.signal);
    await refresh(session, observed);
  }
}

function startable(plan: InstancePlan, started: ReadonlySet<string>): Extract<NodePlan, { state: 'apply' | 'external' }>[] {
  const out: Extract<NodePlan, { state: 'apply' | 'external' }>[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id);
    if (node && (node.state === 'apply' || node.state === 'external') && !started.has(id)) out.push(node);
  }
  return out;
}

function failOnError(plan: InstancePlan): void {
  for (const node of plan.nodes.values()) {
    if (node.state === 'error') throw new DeployFailedError(`resource "${node.id}": ${node.message}`, node.id);
  }
}

function announceSkipped(session: DirectSession, plan: InstancePlan, announced: Set<string>): void {
  for (const node of plan.nodes.values()) {
    if (node.state !== 'skipped' || announced.has(node.id)) continue;
    announced.add(node.id);
    session.progress({ type: 'skipped', message: `${node.id} skipped: ${node.reason}`, resourceId: node.id, reason: node.reason });
  }
}

function reportWaiting(session: DirectSession, plan: InstancePlan, previous: string): string {
  const pending = [...plan.nodes.values()].filter((n) => n.state === 'pending');
  const text = pending.map((n) => `${n.id}: ${n.state === 'pending' ? n.reason : ''}`).join('\n');
  if (text !== previous) for (const n of pending) session.progress({ type: 'pending', message: `${n.id} waits for data: ${n.state === 'pending' ? n.reason : ''}`, resourceId: n.id });
  return text;
}

function stuckError(plan: InstancePlan): DirectTimeoutError {
  const blocked = [...plan.nodes.values()].filter((n) => n.state === 'pending' || n.state === 'waiting');
  const first = blocked[0];
  const lines = blocked.map((n) => `  - ${n.id}: ${'reason' in n ? n.reason : ''}`);
  return new DirectTimeoutError(`deadline reached while resources still wait for data:\n${lines.join('\n')}`, first?.id);
}

/** Re-reads the observed objects (of `only` when given): status fields change after apply. */
async function refresh(session: DirectSession, observed: ObservedMap, only?: readonly string[]): Promise<void> {
  await Promise.all(
    [...observed].filter(([id]) => !only || only.includes(id)).map(async ([id, value]) => {
      const items = Array.isArray(value) ? value : [value];
      const fresh = await Promise.all(items.map(async (item) => {
        const current = await session.client.get(refOf(item), callOptions(session));
        return current ? plain(current) : item;
      }));
      observed.set(id, Array.isArray(value) ? fresh : fresh[0]!);
    }),
  );
}

async function finish(session: DirectSession, record: RecordKeeper, plan: InstancePlan, observed: ObservedMap): Promise<DeployResult> {
  const pruned = await pruneUndesired(session, record, plan, observed);
  const namespaces = new Set<string>();
  for (const [id, value] of observed) {
    if (session.prepared.resource(id).externalRef) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const ns = refOf(item).namespace;
      if (ns) namespaces.add(ns);
    }
  }
  await record.finish(graphKinds(session.prepared), namespaces, callOptions(session));
  // Fresh values for the status; objects it does not read need no second look.
  await refresh(session, observed, session.prepared.statusDependencies);
  const status = instanceStatus(session.prepared, { spec: session.spec, instance: session.instance, observed, ...schemasOf(session) });
  session.progress({ type: 'status', message: `status: ${JSON.stringify(status.status)}${status.pending.length ? ` (pending: ${status.pending.join(', ')})` : ''}` });
  return { plan, observed, status, pruned };
}

/**
 * KRO's prune step (kro-facts §6): after a clean round, objects the instance owns that are no longer
 * desired (includeWhen now false, a collection that shrank, a resource or a whole kind removed from the
 * graph) are deleted, in reverse dependency order, and waited for.
 */
async function pruneUndesired(session: DirectSession, record: RecordKeeper, plan: InstancePlan, observed: ObservedMap): Promise<number> {
  const desired = new Set<string>();
  for (const [id, value] of observed) {
    if (session.prepared.resource(id).externalRef) continue;
    for (const item of Array.isArray(value) ? value : [value]) desired.add(objectKey(item));
  }
  const owned = await listOwned(session.client, session.owner, record.memberKinds, record.memberNamespaces, callOptions(session));
  const unwanted = owned.filter((object) => !desired.has(objectKey(object)));
  if (unwanted.length === 0) return 0;
  return deleteInOrder(session.client, unwanted, {
    order: plan.order,
    deadline: session.deadline,
    ...(session.signal ? { signal: session.signal } : {}),
    progress: session.progress,
    verb: 'pruned (no longer desired)',
    call: () => callOptions(session),
  });
}

function abortedError(session: DirectSession, steps: ReadonlyMap<string, Step>, cause: unknown): DirectAbortedError {
  const by = (step: Step): string[] => [...steps].filter(([, s]) => s === step).map(([id]) => id);
  const notStarted = session.prepared.order.filter((id) => !steps.has(id));
  const reason = session.signal?.reason instanceof Error && session.signal.reason.name !== 'AbortError' ? `: ${session.signal.reason.message}` : '';
  const parts = [
    `ready: ${by('ready').join(', ') || 'none'}`,
    `applied, not ready: ${by('applied').join(', ') || 'none'}`,
    `being applied when stopped: ${by('applying').join(', ') || 'none'}`,
    `not started: ${notStarted.join(', ') || 'none'}`,
  ];
  return new DirectAbortedError(`deploy of instance "${session.instance.name}" aborted${reason}; nothing more was applied (${parts.join('; ')})`, undefined, { cause });
}

/**
 * Deletes every object this instance created (since its record exists), then the record. The objects are
 * what the instance owns (kinds the user may not list are skipped) plus what this attempt applied.
 */
async function rollback(session: DirectSession, record: RecordKeeper, applied: readonly KubeObject[], budgetMs: number, progress: (event: ProgressEvent) => void): Promise<RollbackReport> {
  const deadline = Date.now() + budgetMs;
  const call = () => callOptions({ deadline });
  try {
    const listed = await listOwned(session.client, session.owner, record.memberKinds, record.memberNamespaces, call(), { skipForbidden: true });
    const keys = new Set(listed.map(objectKey));
    const owned = [...listed, ...applied.filter((object) => !keys.has(objectKey(object)))];
    const since = record.since ? Date.parse(record.since) : undefined;
    const created = (object: KubeObject): boolean => {
      const at = Date.parse(String((object.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? ''));
      return since === undefined || Number.isNaN(at) || at >= since;
    };
    const ours = owned.filter(created);
    progress({ type: 'rollback', message: `rolling back the failed first deploy of "${session.instance.name}": deleting ${ours.length} object(s)` });
    const deleted = await deleteInOrder(session.client, ours, { order: session.prepared.order, deadline, progress, verb: 'rolled back', call });
    await record.remove(call());
    return { deleted, kept: owned.length - ours.length };
  } catch (error) {
    return { deleted: 0, kept: 0, error: (error as Error).message };
  }
}

/** A failed deploy says what it applied and left in the cluster, and how to remove it. */
function withLeftBehind(error: unknown, owner: Ownership, applied: readonly KubeObject[]): unknown {
  if (!(error instanceof Error)) return error;
  const shown = applied.slice(0, 10).map((object) => describeRef(refOf(object))).join(', ');
  const more = applied.length > 10 ? ` and ${applied.length - 10} more` : '';
  amendError(error, `(applied before the failure and left in the cluster: ${shown}${more}; deploy again once fixed, or remove them)`, [
    { purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: owner.instance, namespace: owner.namespace },
    { purpose: 'remove them whenever a first deploy fails', action: 'option', option: 'rollbackOnFailure' },
  ]);
  Object.defineProperty(error, 'leftInCluster', { value: applied.map(refOf), enumerable: true });
  return error;
}

function withRollback(error: unknown, report: RollbackReport): unknown {
  if (!(error instanceof Error)) return error;
  const summary = report.error
    ? `rollback failed: ${report.error}`
    : `rolled back: deleted ${report.deleted} object(s)${report.kept ? `, kept ${report.kept} that existed before this instance` : ''}`;
  amendError(error, `(${summary})`);
  Object.defineProperty(error, 'rollback', { value: report, enumerable: true });
  return error;
}

/** The event with secret values taken out of its message and reason. */
function redacted(event: ProgressEvent, redactor: Redactor): ProgressEvent {
  const message = redactor.text(event.message);
  return 'reason' in event && event.reason !== undefined ? { ...event, message, reason: redactor.text(event.reason) } : { ...event, message };
}
