/**
 * The KRO factory's cluster side, loaded by `factories.ts` on the first call that needs a cluster, so that
 * defining and rendering never load the Kubernetes client.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileRgd } from '../compile/rgd/index.js';
import type { CompositionGraph } from '../ir/graph.js';
import { exprLeaves } from '../ir/value.js';
import { describeRef, KubeClient, refOfObject, type CallOptions, type ObjectRef } from '../runtime/kube/client.js';
import { inTurn, rgdLeaseOf, withLease, type LeaseOptions } from '../runtime/kube/lease.js';
import { loadKubeConfig } from '../runtime/kube/config.js';
import { openApiDocuments, type OpenApiDocuments } from '../runtime/kube/openapi.js';
import { applyInstance, applyRgd, confirmRgd, graphRevisionOf, type KroDiagnosis, type KroFailure, type PollChildren } from '../runtime/kro/deploy.js';
import { keptGraphRevision, readsInstanceLabels } from '../runtime/kro/relabel.js';
import { deleteKroInstance, healthOf, listInstances } from '../runtime/kro/instances.js';
import { kroResourceIdOf, listChildren } from '../runtime/kro/children.js';
import { planKro, rgdChanges } from '../runtime/kro/plan.js';
import { confirmOthers, planOtherInstances, withOthersNote, type OtherInstances } from './kro-others.js';
import { kroPlanValues } from './kro-plan-values.js';
import { planKroChildren, withoutRefused } from '../runtime/kro/children-plan.js';
import { childKindsOf } from '../runtime/kro/applyset.js';
import { checkKroOwnership, uncheckedNotes, type KroOwnership } from '../runtime/kro/ownership.js';
import { namespacedLookup } from '../runtime/kube/list.js';
import { createCelEngine } from '../runtime/cel/index.js';
import { groupByResource, instanceEvents, logSources, readLogs, reportObjects, streamLogs, type DeployPlan, type PodLog } from '../runtime/direct/index.js';
import { describeFailure, prepareGraph, recordName, refusedBeforeWrites, reportInstance, type InstanceReport, type KubeObject, type PreparedGraph } from '../runtime/engine/index.js';
import { certainStatusFailure } from '../runtime/kro/stuck-status.js';
import { diagnosisOf, firstFailedResource, liveIdentity, stuckStatus } from '../runtime/kro/verdicts.js';
import { liveInstance } from '../runtime/kro/live-read.js';
import {
  InstanceNotFoundError,
  type DeleteResult,
  type InstanceCondition,
  type InstanceEvent,
  type InstanceStatus,
  type InstanceSummary,
  type LogOptions,
  type StreamLogOptions,
  type StreamLogResult,
} from './instances.js';

type LiveInstance = KubeObject & { spec?: unknown; status?: { state?: string; conditions?: InstanceCondition[] } & Record<string, unknown> };
import { abortedError, DeployFailedError } from '../runtime/kro/errors.js';
import { missingStatusFields } from '../runtime/kro/pending.js';
import type { KroFactoryOptions } from './kro-types.js';
import { checkedRgd, schemaChanges } from './kro-rgd.js';
import { kroPreApplyRefusals } from './kro-precheck.js';
import { ensureNamespace } from './namespace.js';
import { redactorFor, redactorForObjects } from './sensitive.js';
import { redactEvents, redactedStream, redactFailures, redactLogs } from './sensitive-feed.js';
import type { Redactor } from '../util/redact.js';

/** What the KRO factory does in the cluster; objects come back as the API server has them. */
export interface KroDriver {
  /**
   * `signal` aborts this deploy, besides the factory's `abortSignal`. Returns the ACTIVE instance and the
   * status fields absent by design (see {@link absentFields}).
   */
  deploy(instance: KubernetesObject, signal?: AbortSignal): Promise<{ readonly object: KubernetesObject; readonly absent: readonly string[] }>;
  /**
   * The RGD and the instance by server-side dry run, with a note when the schema change is breaking, and what
   * KRO will do to the instance's objects (runtime/kro/children-plan.ts).
   */
  plan(instance: KubeObject): Promise<DeployPlan>;
  instanceStatus(name: string): Promise<InstanceStatus<Record<string, unknown>>>;
  listInstances(): Promise<InstanceSummary[]>;
  events(name: string): Promise<InstanceEvent[]>;
  logs(name: string, options?: LogOptions): Promise<PodLog[]>;
  streamLogs(name: string, options: StreamLogOptions): Promise<StreamLogResult>;
  deleteInstance(name: string, options?: { ignoreNotFound?: boolean }): Promise<DeleteResult>;
}

export function createKroDriver(graph: CompositionGraph, options: KroFactoryOptions): KroDriver {
  // The namespace of the instance, the lease and the ownership claim; a cluster-scoped instance has none, and
  // its namespaced children name theirs (KRO requires it): the lease stays in `default` (the factory refuses another).
  const namespace = options.namespace ?? 'default';
  const cluster = graph.scope === 'Cluster';
  /** The instance as KRO's labels and the API server name it: no namespace when cluster-scoped. */
  const instanceAt = (name: string): { name: string; namespace?: string } => (cluster ? { name } : { name, namespace });
  const timeoutMs = options.timeout ?? 300_000;
  const kube = new KubeClient(loadKubeConfig(options));
  const instanceApiVersion = `${graph.group}/${graph.version}`;
  const progress = (message: string): void => options.progressCallback?.({ type: 'progress', message });
  const waitOptions = { timeoutMs, onProgress: progress, ...(options.abortSignal ? { signal: options.abortSignal } : {}) };
  // the same lease as direct mode's: one writer per instance, whichever mode it deploys in
  const leaseOf = (name: string, operation: 'deploy' | 'delete'): LeaseOptions => ({
    name: recordName({ composition: graph.name, instance: name, namespace }),
    namespace,
    instance: name,
    operation,
    deadline: Date.now() + timeoutMs,
    waitForLock: options.waitForLock ?? false,
    ...(options.abortSignal ? { signal: options.abortSignal } : {}),
  });
  const call = (): { deadline: number; signal?: AbortSignal } => ({ deadline: Date.now() + timeoutMs, ...(options.abortSignal ? { signal: options.abortSignal } : {}) });
  const childKinds = graph.resources.filter((r) => !r.externalRef).map((r) => ({ apiVersion: r.apiVersion, kind: r.kind }));
  let prepared: PreparedGraph | undefined;
  const graphOf = (): PreparedGraph => (prepared ??= prepareGraph(graph, createCelEngine()));
  let namespaced: ((apiVersion: string, kind: string) => Promise<boolean>) | undefined;
  const readsLabels = readsInstanceLabels(graph);
  let documents: OpenApiDocuments | undefined;
  // Only an expression of the status can fail (kro/stuck-status.ts): without one, nothing to poll.
  const statusExprs = exprLeaves(graph.status).length > 0;

  /** The one name and ownership check of both modes, on the objects the spec names (runtime/kro/ownership.ts). */
  function ownership(instance: KubernetesObject, signal?: AbortSignal): Promise<KroOwnership> {
    const claim = { kind: graph.kind, name: instance.metadata?.name ?? '', namespace, spec: (instance as { spec?: unknown }).spec ?? {} };
    const bounded = (): { deadline: number; signal?: AbortSignal } => ({ ...call(), ...(signal ? { signal } : {}) });
    const redactor = redactorFor(graph, claim.spec);
    return checkKroOwnership(kube, graphOf(), claim, { adopt: options.adopt ?? false, namespaced: (namespaced ??= namespacedLookup(kube)), call: bounded, redact: (text) => redactor.text(text) });
  }

  async function live(name: string): Promise<LiveInstance> {
    const object = await kube.get({ apiVersion: instanceApiVersion, kind: graph.kind, ...instanceAt(name) }, call());
    const where = cluster ? undefined : namespace;
    if (!object) throw new InstanceNotFoundError(name, where, `${graph.kind} "${name}"${where ? ` in namespace ${where}` : ''} (kro mode) not found`);
    return JSON.parse(JSON.stringify(object)) as LiveInstance;
  }

  /** The children of the instance `name` by resource id. */
  const listed = async (name: string, bounded: CallOptions): Promise<Map<string, KubeObject[]>> => groupByResource(graphOf(), await listChildren(kube, childKinds, { ...instanceAt(name), kind: graph.kind }, bounded), kroResourceIdOf);
  /** A read while waiting: within 10 seconds. */
  const tenSeconds = (signal?: AbortSignal): CallOptions => ({ deadline: Date.now() + 10_000, ...(signal ? { signal } : {}) });

  /** The instance's children by resource id, and the redactor of its live spec and children. */
  async function childrenOf(name: string): Promise<{ byId: Map<string, KubeObject[]>; redactor: Redactor }> {
    const object = await live(name);
    const byId = await listed(name, call());
    return { byId, redactor: redactorForObjects(graph, object.spec, byId) };
  }

  /** The instance's children (the poll's `children` when given) judged by the runtime's readiness (the rules direct mode waits with). */
  async function judge(instance: KubernetesObject, signal?: AbortSignal, children?: PollChildren): Promise<InstanceReport> {
    const name = instance.metadata?.name ?? '';
    const bounded = tenSeconds(signal);
    const byId = children ? await children() : await listed(name, bounded);
    return reportObjects(kube, graphOf(), { spec: (instance as { spec?: unknown }).spec ?? {}, instance: liveIdentity(instance, instanceAt(name)) }, byId, bounded);
  }

  /**
   * The declared status fields KRO left out of `object`'s status by design: KRO omits a field whose
   * expression is pending and one that gives `optional.none()` (JavaScript's `undefined`) alike, and no
   * condition says which. The same compiled CEL, evaluated by TypeKro's engine on the instance's live spec
   * and its children, tells them apart: a field KRO omitted that gives `optional.none()` here is absent
   * (JavaScript's final answer for this spec and these objects) when the status type declares it optional
   * (engine/status.ts); one that is pending or has a value here is pending (KRO has not written it yet).
   */
  async function absentFields(object: KubernetesObject, signal?: AbortSignal): Promise<string[]> {
    const omitted = missingStatusFields(graph.status, (object as LiveInstance).status ?? {});
    if (omitted.length === 0) return [];
    // Children that cannot be read leave every omitted field pending: never a claim of completeness unproven.
    const report = await judge(object, signal).catch(() => undefined);
    return omitted.filter((path) => report?.absent.includes(path));
  }

  /**
   * A status field that fails for this spec whatever the cluster holds (it fails with nothing observed: it
   * reads no object, or only through branches the spec decides): KRO can never write the instance's status,
   * keeps the previous one and reports no condition, not even its suspension. Refused before anything is
   * applied, as a deploy fails in direct mode.
   */
  function refuseFailingStatus(instance: KubernetesObject): void {
    const name = instance.metadata?.name ?? '';
    const input = { spec: (instance as { spec?: unknown }).spec ?? {}, instance: liveIdentity(instance, instanceAt(name)), observed: new Map() };
    // Status fields that fail, and ints JavaScript would not compute (kro-precheck.ts)
    const refusals = kroPreApplyRefusals(graphOf(), input);
    if (refusals.length > 0) throw new DeployFailedError(`${describeRef(refOfObject(instance))}: ${refusals.join('; ')}. Nothing was applied`);
  }

  /** The other live instances of the kind and what the new graph does to each (kro-others.ts): only when the RGD changes. */
  async function others(changed: boolean, name: string, signal?: AbortSignal): Promise<OtherInstances | undefined> {
    if (!changed) return undefined;
    const bounded = (): CallOptions => ({ ...call(), ...(signal ? { signal } : {}) });
    return planOtherInstances({ client: kube, graph, prepared: graphOf(), kinds: childKinds, namespace, call: bounded }, instanceAt(name));
  }

  /** For a timeout (kro/deploy.ts): what is not ready, what fails. */
  const diagnose = async (instance: KubernetesObject): Promise<KroDiagnosis> => diagnosisOf(await judge(instance));
  /** While waiting (kro/deploy.ts): the first child that failed for good, the verdict direct mode stops on. */
  const failure = async (instance: KubernetesObject, signal: AbortSignal, children: PollChildren): Promise<KroFailure | undefined> => firstFailedResource(await judge(instance, signal, children));

  /** While waiting (kro/deploy.ts): a status field KRO can never write for the live instance of `generation`. */
  async function stuck(name: string, generation: number, signal: AbortSignal, children: PollChildren): Promise<KroFailure | undefined> {
    const object = await live(name);
    if ((object as KubernetesObject).metadata?.generation !== generation) return undefined;
    const input = { spec: object.spec ?? {}, instance: liveIdentity(object as KubernetesObject, instanceAt(name)) };
    const found = await certainStatusFailure(kube, graphOf(), input, await children(), tenSeconds(signal), (documents ??= openApiDocuments()));
    return found && stuckStatus(found);
  }

  return {
    async deploy(instance, callSignal) {
      // KRO's conditions quote spec values: its errors and progress pass through the spec's redactor
      const redactor = redactorFor(graph, (instance as { spec?: unknown }).spec);
      const onProgress = (message: string): void => progress(redactor.text(message));
      const aborts = [options.abortSignal, callSignal].filter((x): x is AbortSignal => x !== undefined);
      const abort = aborts.length > 1 ? AbortSignal.any(aborts) : aborts[0];
      const applied: ObjectRef[] = [];
      const name = instance.metadata?.name ?? '';
      try {
        await ensureNamespace(kube, namespace, options.createNamespace ?? false, { ...call(), ...(abort ? { signal: abort } : {}) });
        const lease = { ...leaseOf(name, 'deploy'), ...(abort ? { signal: abort } : {}) };
        return await withLease(kube, lease, async (instanceHeld) => {
          // Before anything is applied, the RGD included: a refused deploy changes nothing.
          const owned = await ownership(instance, instanceHeld).catch((error: unknown) => {
            throw refusedBeforeWrites(error);
          });
          owned.refuse();
          refuseFailingStatus(instance);
          for (const note of uncheckedNotes(owned)) onProgress(note);
          // The RGD is every instance's: no other deploy rewrites it between its read here and its apply. One that
          // replaces it later, while this instance is judged, fails this deploy at its verdict (confirmRgd): a
          // lease held through the wait would make every deploy of the kind wait for the others (review 39).
          const shared = rgdLeaseOf(graph.name, { ...lease, signal: instanceHeld });
          const graphRevision = await inTurn(shared.name, () => withLease(kube, shared, async (signal) => {
            const rgd = await checkedRgd(kube, graph, options.allowBreakingChanges ?? false);
            const warn = (message: string): void => options.progressCallback?.({ type: 'progress', level: 'warning', message: redactor.text(message) });
            confirmOthers(await others(await rgdChanges(kube, rgd as KubeObject, { ...call(), signal }), name, signal), graph, options.allowOtherInstances ?? false, warn);
            return graphRevisionOf(await applyRgd(kube, rgd, { ...waitOptions, onProgress, signal, onApplied: (ref: ObjectRef) => void applied.push(ref) }));
          }), instanceHeld);
          const signal = instanceHeld;
          const bounded = { ...waitOptions, onProgress, signal, onApplied: (ref: ObjectRef) => void applied.push(ref) };
          const object = await applyInstance(kube, instance, { ...bounded, readsLabels, ...(graphRevision !== undefined ? { graphRevision } : {}), rgdName: graph.name, diagnose: () => diagnose(instance), children: () => listed(name, tenSeconds(signal)), failure: (children) => failure(instance, signal, children), ...(statusExprs ? { stuck: (generation, children) => stuck(name, generation, signal, children) } : {}) }).catch(async (error: unknown) => {
            // A failing verdict (KRO's ERROR while the replaced graph is pending) is not this composition's either.
            if (!signal.aborted) await confirmRgd(kube, graph.name, graphRevision, refOfObject(instance), { ...call(), signal });
            throw error;
          });
          // as instanceStatus: KRO's condition messages quote API server errors, and those quote spec values
          const status = (object as LiveInstance).status;
          if (status && Array.isArray(status.conditions)) status.conditions = redactor.value(status.conditions);
          const absent = await absentFields(object, signal);
          // A writer that replaced the graph while KRO judged this instance: its verdict is not this composition's.
          await confirmRgd(kube, graph.name, graphRevision, refOfObject(instance), { ...call(), signal });
          return { object, absent };
        });
      } catch (error) {
        throw redactor.error(abort?.aborted ? abortedError(name, applied, error) : error);
      }
    },
    async plan(instance) {
      // As the deploy would: a missing namespace is the user's to fix, not an instance the plan calls new.
      if (!options.createNamespace) await ensureNamespace(kube, namespace, false, call(), 'plan');
      const rgd = compileRgd(graph) as unknown as KubeObject;
      const changes = await schemaChanges(kube, graph, rgd);
      const note = changes.length > 0
        ? { note: `breaking schema change (${changes.map((c) => `${c.path}: ${c.problem}`).join('; ')})`, remedies: [{ purpose: 'deploy it anyway', action: 'option', option: 'allowBreakingChanges' } as const] }
        : undefined;
      try {
        const desired = instance as KubernetesObject;
        const name = desired.metadata?.name ?? '';
        const current = await liveInstance(kube, { apiVersion: instanceApiVersion, kind: graph.kind, ...instanceAt(name) }, call(), 'to plan it');
        // As the deploy applies it: with the graph revision the live instance was last confirmed with (relabel.ts).
        const owned = await ownership(desired);
        const redactor = redactorFor(graph, instance.spec);
        const values = kroPlanValues(graph, redactor);
        const top = await planKro(kube, rgd, keptGraphRevision(instance, current as KubeObject | undefined), call(), note, owned, values);
        // What KRO will do to the instance's objects, by the same planner over the planned spec and KRO's objects;
        // the live instance's uid and creation time (KRO reads them), with the labels and annotations the deploy gives.
        const metadata = { ...current?.metadata, labels: desired.metadata?.labels ?? {}, annotations: desired.metadata?.annotations ?? {} };
        const identity = liveIdentity({ ...desired, metadata: current ? metadata : (desired.metadata ?? {}) }, instanceAt(name));
        // KRO prunes every kind it recorded on the instance, those the new graph no longer has too (applyset.ts).
        const kinds = await childKindsOf(kube, current as KubeObject | undefined, childKinds, call());
        const planned = await planKroChildren(kube, graphOf(), kinds, { spec: instance.spec ?? {}, instance: identity }, call, redactor, values.children);
        const children = withoutRefused(planned, owned.findings, options.adopt ?? false);
        const rgdChanged = [...top.create, ...top.change.map((c) => c.resource)].some((o) => o.resourceId === 'rgd');
        // The RGD is every instance's: a change to it changes the others too, each planned as this one is.
        const found = await others(rgdChanged, name);
        const shown = withOthersNote(top, found, graph.kind);
        return {
          ...shown,
          ...(found ? { otherInstances: found.instances, ...(found.note ? { otherInstancesNote: found.note } : {}) } : {}),
          create: [...shown.create, ...children.create],
          change: [...shown.change, ...children.change],
          unchanged: [...top.unchanged, ...children.unchanged],
          prune: [...top.prune, ...children.prune],
          skipped: [...top.skipped, ...children.skipped],
        };
      } catch (error) {
        throw redactorFor(graph, instance.spec).error(error);
      }
    },
    async instanceStatus(name) {
      const object = await live(name);
      const byId = await listed(name, call());
      const report = await reportObjects(kube, graphOf(), { spec: object.spec ?? {}, instance: liveIdentity(object as KubernetesObject, instanceAt(name)) }, byId, call());
      const { state, conditions, ...status } = object.status ?? {};
      const failedStatus = report.failures.filter((f) => f.resourceId === undefined);
      return {
        apiVersion: instanceApiVersion,
        kind: graph.kind,
        metadata: instanceAt(name),
        mode: 'kro',
        // One readiness in both modes: every object there and ready by the runtime's rules; and KRO agrees.
        // An expression that fails (report.failure) leaves KRO's previous status in place, still called ready
        // (a readiness verdict, the other kind of failure, is a resource not ready: report.ready is false).
        ready: report.ready && !report.failure && healthOf(object as KubernetesObject) === 'ready',
        ...(typeof state === 'string' ? { state } : {}),
        // KRO's condition messages quote API server errors, and those quote values: the spec's secrets are redacted
        ...(Array.isArray(conditions) ? { conditions: redactorFor(graph, object.spec).value(conditions) } : {}),
        status,
        // As direct mode names them: the declared status fields KRO has not written (yet); a field whose
        // expression gives optional.none() for this spec and these children is absent by design, not pending.
        pending: missingStatusFields(graph.status, status, report.absent),
        resources: report.resources,
        ...(report.failure ? { failure: redactorFor(graph, object.spec).value(report.failure) } : {}),
        ...(failedStatus.length > 0 ? { failedStatus: redactorFor(graph, object.spec).value(failedStatus) } : {}),
      };
    },
    async listInstances() {
      const items = await listInstances(kube.config, instanceApiVersion, graph.kind, cluster ? undefined : namespace);
      return items.map((item) => {
        const state = (item as LiveInstance).status?.state;
        return { ...instanceAt(item.metadata?.name ?? ''), ...(typeof state === 'string' ? { state } : {}) };
      });
    },
    events: async (name) => {
      const { byId, redactor } = await childrenOf(name);
      return redactEvents(redactor, await instanceEvents(kube, byId));
    },
    async logs(name, logOptions = {}) {
      const { byId, redactor } = await childrenOf(name);
      return redactLogs(redactor, await readLogs(kube, byId, logOptions));
    },
    async streamLogs(name, logOptions) {
      const { byId, redactor } = await childrenOf(name);
      const sources = await logSources(kube, byId, logOptions);
      logOptions.onSources?.(sources);
      const failures = await streamLogs(kube, sources, redactedStream(redactor, { ...logOptions, follow: logOptions.follow ?? false }));
      return { sources, failures: redactFailures(redactor, failures) };
    },
    async deleteInstance(name, deleteOptions = {}) {
      const ref = { apiVersion: instanceApiVersion, kind: graph.kind, ...instanceAt(name) };
      return withLease(kube, leaseOf(name, 'delete'), (signal) =>
        deleteKroInstance(kube, ref, { ...waitOptions, signal, ...(deleteOptions.ignoreNotFound ? { ignoreNotFound: true } : {}) }),
      );
    },
  };
}
