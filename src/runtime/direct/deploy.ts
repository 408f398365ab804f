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
import { checkObjectNames, finalizeManifest, nameableObjects, OwnershipGuard, refusedBeforeWrites, type KubeObject } from '../engine/index.js';
import { checkPlaced } from './apply-node.js';
import { ownershipReader } from './ownership.js';
import { EventFollower } from './feedback.js';
import { objectKey } from './owned.js';
import { graphKinds, RecordKeeper } from './record.js';
import { SchemaCache, schemasOf } from './schemas.js';
import { Redactor } from '../../util/redact.js';
import { callOptions, redactNames, throwIfAborted, type DirectSession, type ProgressEvent } from './session.js';
import { updateOf } from './update-event.js';
import { TypeKroError } from '../../util/errors.js';
import { reconcile, type DeployResult, type Step } from './reconcile.js';
import { abortedError, rollback, withLeftBehind, withRollback } from './deploy-failure.js';

export type { DeployResult } from './reconcile.js';

export interface DeployOptions {
  /** When the instance has never deployed successfully, delete what this attempt created if it fails. */
  readonly rollbackOnFailure?: boolean;
  /** Budget for the rollback, ms (default 60000); it runs after the deploy's deadline or abort. */
  readonly rollbackTimeoutMs?: number;
  /** Report Kubernetes events of the instance's objects and their children (default true). */
  readonly events?: boolean;
}

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
  const { manifests } = await nameableObjects(session.prepared, { spec: session.spec, instance: session.instance, ...schemasOf(session) }, finalize).catch((error: unknown) => {
    throw refusedBeforeWrites(error);
  });
  checkObjectNames(session.prepared, manifests, { nothingApplied: true, ...redactNames(session) });
  await session.ownership?.check(manifests.map((o) => o.manifest).filter((m) => !unserved.has(m)), true);
}

/** The event with secret values taken out of its message and reason. */
function redacted(event: ProgressEvent, redactor: Redactor): ProgressEvent {
  const message = redactor.text(event.message);
  return 'reason' in event && event.reason !== undefined ? { ...event, message, reason: redactor.text(event.reason) } : { ...event, message };
}
