/**
 * KRO mode: apply the ResourceGraphDefinition, wait until KRO accepts it, apply the instance and wait,
 * by watching, until KRO reports it ACTIVE and Ready.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '../engine/index.js';
import { describeRef, KubeApiError, refOfObject, type KubeClient, type ObjectRef } from '../kube/client.js';
import { DeployFailedError, KroRejectedError } from './errors.js';
import { amendError } from '../../util/remedy.js';
import { abortableSleep, throwIfAborted } from '../kube/abort.js';
import { keptGraphRevision, reconcileAgain, unseenByKro, withGraphRevision } from './relabel.js';
import { liveInstance } from './live-read.js';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

interface Observed extends KubernetesObject {
  status?: { state?: string; conditions?: Condition[] } & Record<string, unknown>;
}

export { KroRejectedError } from './errors.js';

/** Why the instance is not ready, by the runtime's own judgement of its children (the driver reads them). */
export interface KroDiagnosis {
  /** One line per child that is not ready: `Deployment dev/web: 0/1 readyReplicas`. */
  readonly notReady: readonly string[];
  /** The first expression of the graph that fails for the instance, described (engine/failure.ts). */
  readonly failure?: string;
  /** Instead, when the first failure is a resource's readiness verdict: that resource, failed (verdicts.ts). */
  readonly failed?: string;
}

/**
 * A resource of the instance that failed for good, by the runtime's readiness (its rule's terminal verdict),
 * or a status field that does (no `resourceId`: verdicts.ts `stuckStatus`).
 */
export interface KroFailure {
  readonly resourceId?: string;
  /** `resource "web" (Deployment dev/web) failed: rollout exceeded its progress deadline ...` */
  readonly message: string;
}

/** The instance's children, by the id of the graph's resource they are of. */
export type ChildrenById = ReadonlyMap<string, readonly KubeObject[]>;
/** One poll's children: listed by the first check that asks, the same list for the next. */
export type PollChildren = () => Promise<ChildrenById>;

export interface KroWaitOptions {
  readonly timeoutMs: number;
  /**
   * While waiting for the instance: the first of its resources that failed for good (polled). KRO only knows
   * readyWhen and would wait for such a resource until the deadline; direct mode stops on the same verdict.
   */
  readonly failure?: (children: PollChildren) => Promise<KroFailure | undefined>;
  /**
   * While waiting for the instance, from its apply on: a status field that fails for good for the applied
   * generation (stuck-status.ts). KRO then writes neither status nor condition and would wait until the deadline.
   */
  readonly stuck?: (generation: number, children: PollChildren) => Promise<KroFailure | undefined>;
  /** Lists the instance's children by resource id, for `failure` and `stuck`: once a poll, shared by both. */
  readonly children?: () => Promise<ChildrenById>;
  /** Called once an object (the RGD, then the instance) is applied: what an abort leaves behind. */
  readonly onApplied?: (ref: ObjectRef) => void;
  /** On a timeout: why the instance is not ready. Its own failure leaves the timeout message as it is. */
  readonly diagnose?: () => Promise<KroDiagnosis>;
  /** The instance's RGD: on a timeout, its conditions are read when it is not Active and Ready. */
  readonly rgdName?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
  /**
   * The composition reads the instance's labels or annotations: a redeploy that changes only those is made
   * to reconcile (relabel.ts), or KRO would keep computing from the old ones.
   */
  readonly readsLabels?: boolean;
  /**
   * The RGD KRO serves (applyRgd's), as `<generation>/<uid>` ({@link graphRevisionOf}): an RGD deleted and
   * made again starts again at generation 1. An instance keeps the conditions KRO computed with another graph
   * until KRO gets to it: when the instance was last confirmed with another revision (or never), it is made to
   * reconcile (relabel.ts) before its conditions are believed, and once it is Ready the revision is recorded on it.
   */
  readonly graphRevision?: string;
}

/**
 * Which graph an RGD object is: its generation and its uid.
 *
 * @example
 * ```ts
 * graphRevisionOf({ metadata: { generation: 3, uid: 'a1' } }); // => '3/a1'
 * ```
 */
export function graphRevisionOf(rgd: KubernetesObject): string | undefined {
  const { generation, uid } = rgd.metadata ?? {};
  return generation === undefined || uid === undefined ? undefined : `${generation}/${uid}`;
}

interface ManagedField {
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string | Date;
  fieldsV1?: Record<string, unknown>;
}

/** The field manager that last wrote the RGD's spec, and when (managedFields): who replaced it, when known. */
function lastSpecWriter(rgd: KubernetesObject): string | undefined {
  const fields = ((rgd.metadata as { managedFields?: ManagedField[] } | undefined)?.managedFields ?? [])
    .filter((f) => !f.subresource && f.fieldsV1 && 'f:spec' in f.fieldsV1 && f.time !== undefined)
    .map((f) => ({ manager: f.manager ?? 'unknown', time: new Date(f.time as string | Date) }))
    .sort((a, b) => b.time.getTime() - a.time.getTime());
  const last = fields[0];
  return last ? `last written by field manager ${last.manager} at ${last.time.toISOString()}` : undefined;
}

/**
 * Why the RGD `name` is not the graph this deploy applied (`applied`, {@link graphRevisionOf}) any more, as
 * the message of the deploy's failure, or undefined when it still is. Another writer that does not take the
 * RGD's lease (kubectl, an older TypeKro) may rewrite it while the deploy waits; KRO then judges the instance
 * with that graph, and its verdict and status are not this composition's (trial 19 F9).
 *
 * @example
 * ```ts
 * replacedRgd('evo', '2/a1', { metadata: { name: 'evo', generation: 2, uid: 'a1' } }); // => undefined
 * ```
 */
export function replacedRgd(name: string, applied: string | undefined, live: KubernetesObject | undefined, instance?: string): string | undefined {
  const now = live ? graphRevisionOf(live) : undefined;
  if (applied === undefined || now === applied) return undefined;
  const writer = live ? lastSpecWriter(live) : undefined;
  const what = live
    ? `this deploy applied graph revision ${applied}, the cluster now serves ${now ?? 'an unknown revision'}${writer ? ` (${writer})` : ''}`
    : `this deploy applied graph revision ${applied}, and the ResourceGraphDefinition was deleted since`;
  return (
    `the ResourceGraphDefinition ${name} was replaced by another deploy while this one waited: ${what}. ` +
    `KRO judges every instance of it with the graph it serves, so the verdict and status of ${instance ?? 'this instance'} are not this composition's; ` +
    'nothing was undone: check that no other deploy of this kind runs, then plan and deploy again'
  );
}

/**
 * Fails the deploy when the RGD it applied (`applied`) was replaced since ({@link replacedRgd}); called once
 * the instance has its verdict, before the deploy reports it.
 */
export async function confirmRgd(client: KubeClient, name: string, applied: string | undefined, instance: ObjectRef, call: { deadline: number; signal?: AbortSignal }): Promise<void> {
  if (applied === undefined) return;
  const live = await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }, call);
  const replaced = replacedRgd(name, applied, live, describeRef(instance));
  if (replaced) throw new DeployFailedError(replaced);
}

/** The condition of `type`, if it was written for `generation` (an older one says nothing about this apply). */
function currentCondition(object: Observed | undefined, type: string, generation: number | undefined): Condition | undefined {
  const condition = object?.status?.conditions?.find((c) => c.type === type);
  return condition && (condition.observedGeneration === undefined || condition.observedGeneration === generation) ? condition : undefined;
}

/** Applies the RGD and waits for `state: Active`; KRO's own rejection message is surfaced verbatim. */
export async function applyRgd(client: KubeClient, rgd: KubernetesObject, options: KroWaitOptions): Promise<Observed> {
  const applied = await client.apply(rgd, { force: true, ...(options.signal ? { signal: options.signal } : {}) });
  const generation = applied.metadata?.generation;
  options.onApplied?.(refOfObject(rgd));
  options.onProgress?.(`applied ResourceGraphDefinition ${rgd.metadata?.name}`);
  let last: Observed | undefined;
  return client.waitFor(
    refOfObject(rgd),
    (object) => {
      last = object as Observed | undefined;
      // Another writer's graph (a newer generation, or the RGD deleted and made again): KRO will never accept ours
      // (an older generation is a read that lags our apply, not a replacement)
      const uid = applied.metadata?.uid;
      const newer = (last?.metadata?.generation ?? 0) > (generation ?? Infinity) || (uid !== undefined && last?.metadata?.uid !== undefined && last.metadata.uid !== uid);
      const replaced = newer ? replacedRgd(rgd.metadata?.name ?? '', graphRevisionOf(applied), last) : undefined;
      if (replaced) throw new DeployFailedError(replaced);
      const accepted = currentCondition(last, 'GraphAccepted', generation);
      if (accepted?.status === 'False' && !awaitsSchema(accepted.message)) {
        throw new KroRejectedError(`KRO rejected ResourceGraphDefinition ${rgd.metadata?.name}: ${accepted.message ?? accepted.reason ?? 'no message'}`);
      }
      const ready = currentCondition(last, 'Ready', generation);
      return last?.status?.state === 'Active' && ready?.status === 'True' ? last : undefined;
    },
    { ...options, describe: () => describeConditions(last) },
  );
}

/**
 * KRO resolves kinds through a discovery cache: a CRD established a moment ago can be "not found" until KRO
 * refreshes it and reconciles the RGD again. That rejection is a wait, not a verdict; a kind that never comes
 * ends at the deadline with KRO's message.
 */
function awaitsSchema(message: string | undefined): boolean {
  return /cannot resolve group version .*: schema not found/.test(message ?? '');
}

/** Applies the instance (retrying while the generated CRD is not served yet) and waits for ACTIVE + Ready. */
export async function applyInstance(client: KubeClient, instance: KubernetesObject, options: KroWaitOptions): Promise<Observed> {
  const deadline = Date.now() + options.timeoutMs;
  const call = { deadline, ...(options.signal ? { signal: options.signal } : {}) };
  // Only when it matters (relabel.ts): the instance before this apply, to see what the apply changed.
  const before = options.readsLabels || options.graphRevision !== undefined ? await liveInstance(client, refOfObject(instance), call, 'before applying it') : undefined;
  const body = keptGraphRevision(instance, before);
  let applied: KubernetesObject | undefined;
  while (!applied) {
    try {
      applied = await client.apply(body, { force: true, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      // A 404 right after the RGD turned Active means the new CRD is not served yet; a missing namespace is
      // also a 404 but will not fix itself, so it fails at once.
      const missingNamespace = error instanceof KubeApiError && /namespaces? "[^"]*" not found/i.test(error.message);
      const notServedYet = error instanceof KubeApiError && !missingNamespace && (error.status === 404 || /does not serve|not find the requested resource/i.test(error.message));
      if (!notServedYet || Date.now() > deadline) throw error;
      await abortableSleep(250, options.signal);
      throwIfAborted(options.signal);
    }
  }
  const generation = applied.metadata?.generation;
  options.onApplied?.(refOfObject(instance));
  options.onProgress?.(`applied ${describeRef(refOfObject(instance))}`);
  const unseen = unseenByKro(before, applied, { labels: options.readsLabels ?? false, ...(options.graphRevision !== undefined ? { graphRevision: options.graphRevision } : {}) });
  let last: Observed | undefined;
  // A resource that failed for good ends the wait as it ends direct mode's, once KRO has reconciled this
  // generation (before that, a child may still be the previous spec's, e.g. the Deployment a fixed spec replaces).
  // A status field that fails for good ends it at any time: that verdict checks the objects are this spec's.
  const failed = new AbortController();
  const reconciled = (): boolean => generation !== undefined && (last?.status?.conditions ?? []).some((c) => c.observedGeneration === generation);
  const check = async (): Promise<KroFailure | undefined> => {
    // Both checks judge the same children: one list a poll, read when the first of them needs it.
    const children = onceAPoll(options.children);
    return (reconciled() && options.failure ? await options.failure(children) : undefined) ?? (generation !== undefined && options.stuck ? await options.stuck(generation, children) : undefined);
  };
  const stop = options.failure || options.stuck ? pollFailure(check, (found) => failed.abort(failedError(instance, found))) : () => undefined;
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  try {
    // KRO reports no suspension of an instance whose status it cannot compute: the timeout then says why (trial 16 F4).
    if (unseen) await withDiagnosis(client, options, () => undefined, () => reconcileAgain(client, body, { ...options, signal, timeoutMs: Math.max(deadline - Date.now(), 1) }, unseen));
    const ready = await withDiagnosis(client, options, () => last, () => client.waitFor(
      refOfObject(instance),
      (object) => {
        last = object as Observed | undefined;
        if (last?.status?.state === 'ERROR') {
          throw new KroRejectedError(`KRO reports ${describeRef(refOfObject(instance))} in state ERROR: ${describeConditions(last)}`);
        }
        const ready = currentCondition(last, 'Ready', generation);
        return last?.status?.state === 'ACTIVE' && ready?.status === 'True' ? last : undefined;
      },
      { timeoutMs: Math.max(deadline - Date.now(), 1), signal, describe: () => describeConditions(last) },
    ));
    // Ready with the graph KRO serves: the next deploy trusts the instance's conditions while this graph stays.
    if (options.graphRevision !== undefined) {
      await client.apply(withGraphRevision(instance, options.graphRevision), { force: true, ...(options.signal ? { signal: options.signal } : {}) });
    }
    return ready;
  } finally {
    stop();
  }
}

/** `list` called at most once, its one promise shared; without `list`, no children. */
function onceAPoll(list: (() => Promise<ChildrenById>) | undefined): PollChildren {
  let listed: Promise<ChildrenById> | undefined;
  return () => (listed ??= list ? list() : Promise.resolve(new Map()));
}

/** First check this soon after the instance is applied, then less often, up to {@link FAILURE_POLL_MAX_MS}. */
const FAILURE_POLL_FIRST_MS = 2_000;
const FAILURE_POLL_MAX_MS = 10_000;

/**
 * Asks `failure` now and then (one check at a time; a check that fails to read is no verdict) and calls
 * `found` with the first failure. Returns the function that stops it.
 */
function pollFailure(failure: () => Promise<KroFailure | undefined>, found: (failure: KroFailure) => void): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = (delay: number): void => {
    timer = setTimeout(() => void check(delay), delay);
  };
  const check = async (delay: number): Promise<void> => {
    const result = await failure().catch(() => undefined);
    if (stopped) return;
    if (result) found(result);
    else next(Math.min(delay * 1.5, FAILURE_POLL_MAX_MS));
  };
  next(FAILURE_POLL_FIRST_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function failedError(instance: KubernetesObject, failure: KroFailure): DeployFailedError {
  return new DeployFailedError(
    `${describeRef(refOfObject(instance))} cannot become ready: ${failure.message}. KRO would wait for it until the deadline; the instance stays applied and KRO keeps reconciling it: fix the cause and deploy again, or delete the instance`,
    failure.resourceId,
  );
}

/**
 * A timeout says why, as far as anyone can: the RGD's conditions when KRO no longer accepts it, the children
 * that are not ready, and, when KRO gives the instance no failing condition (an expression error is then only
 * in KRO's log), the first expression of the graph that fails for it by TypeKro's CEL engine.
 */
async function withDiagnosis<T>(client: KubeClient, options: KroWaitOptions, last: () => Observed | undefined, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    if (!(error instanceof KubeApiError) || !/^timed out/.test(error.message) || !options.diagnose) throw error;
    const rgd = options.rgdName ? await rgdProblem(client, options.rgdName) : undefined;
    if (rgd) amendError(error, rgd);
    const diagnosis = await options.diagnose().catch(() => undefined);
    if (diagnosis?.notReady.length) amendError(error, `not ready among its resources:\n${diagnosis.notReady.map((l) => `  ${l}`).join('\n')}`);
    if (diagnosis?.failure && !explainsItself(last())) amendError(error, `KRO gives no reason; by TypeKro's CEL engine, the first expression that fails for this instance: ${diagnosis.failure}`);
    if (diagnosis?.failed && !explainsItself(last())) amendError(error, `KRO gives no reason; by TypeKro's readiness rules, ${diagnosis.failed}`);
    throw error;
  }
}

/** True when KRO says what fails: a condition that is not True, with a message. */
function explainsItself(object: Observed | undefined): boolean {
  return (object?.status?.conditions ?? []).some((c) => c.status !== 'True' && Boolean(c.message));
}

/** The RGD's conditions, when it is not Active and Ready any more (KRO then reconciles no instance of it). */
async function rgdProblem(client: KubeClient, name: string): Promise<string | undefined> {
  const rgd = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }, { deadline: Date.now() + 5_000 }).catch(() => undefined)) as Observed | undefined;
  if (!rgd || (rgd.status?.state === 'Active' && currentCondition(rgd, 'Ready', rgd.metadata?.generation)?.status === 'True')) return undefined;
  return `ResourceGraphDefinition ${name}: ${describeConditions(rgd)}`;
}

function describeConditions(object: Observed | undefined): string {
  if (!object) return 'object not found';
  const state = object.status?.state ? `state ${object.status.state}` : 'no state yet';
  const conditions = (object.status?.conditions ?? [])
    .map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`)
    .join('; ');
  return conditions ? `${state}; ${conditions}` : state;
}
