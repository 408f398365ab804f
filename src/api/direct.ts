/**
 * The direct factory: deploys a composition from this process, without KRO in the cluster, with KRO's
 * semantics (same graph, same CEL, same ordering, same skip and pending rules). See `runtime/direct`.
 */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { toYaml as yamlOf } from '../compile/rgd/index.js';
import { createCelEngine } from '../runtime/cel/index.js';
import { directMetadataProblem, prepareGraph, type InstanceIdentity, type KubeObject, type Ownership, type PreparedGraph } from '../runtime/engine/index.js';
import {
  DirectTimeoutError,
  deleteDirect,
  deployDirect,
  groupByResource,
  instanceEvents,
  listDirectInstances,
  logSources,
  ownedNow,
  planDirect,
  readLogs,
  reportObjects,
  resourceIdOf,
  Redactor,
  renderOffline,
  streamLogs,
  type DeployPlan,
  type DirectSession,
  type PodLog,
  type ProgressEvent,
} from '../runtime/direct/index.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig, type ClusterTarget } from '../runtime/kube/config.js';
import { namespacedLookup } from '../runtime/kube/list.js';
import { instanceNameOf, specWithDefaults, validateSpec } from './spec.js';
import { CompositionError } from '../compile/rgd/errors.js';
import { InstanceNotFoundError, type InstanceOperations, type InstanceStatus } from './instances.js';

export interface DirectFactoryOptions extends ClusterTarget {
  /** Namespace of the instance and default namespace of its namespaced resources; default `default`. */
  readonly namespace?: string;
  /** Milliseconds for a whole deploy or delete; default 300000. */
  readonly timeout?: number;
  /**
   * Wait for each resource to be ready before applying its dependents and before returning; default true.
   * When false, a resource counts as ready once it exists (and readyWhen is not evaluated).
   */
  readonly waitForReady?: boolean;
  readonly abortSignal?: AbortSignal;
  /**
   * Per-resource progress: applied, waiting (with the readiness reason), ready, skipped, pending data,
   * Kubernetes events of the instance's objects and their children, pruning, rollback. Secret values are
   * redacted from every message.
   */
  readonly progressCallback?: (event: ProgressEvent) => void;
  /**
   * Server-side apply takes over fields owned by other field managers. Default false: such a conflict fails
   * the deploy with an ApplyConflictError naming the object, the fields and the other managers, and nothing
   * of that object is changed.
   */
  readonly force?: boolean;
  /**
   * When the first deploy of an instance fails (error, timeout or abort), delete what it created and its
   * record, so the cluster is as before. Later deploys of an instance that once succeeded are never rolled
   * back. Default false (objects stay, for inspection; `deleteInstance` removes them).
   */
  readonly rollbackOnFailure?: boolean;
  /** Report Kubernetes events of the instance's objects and their children through progressCallback; default true. */
  readonly events?: boolean;
  /**
   * When a resource does not become ready, read the last log lines of its pods and report them as `log`
   * progress events (default off; `true` means 20 lines).
   */
  readonly podLogs?: boolean | { readonly tailLines?: number };
}

/** Per-call options of `deploy`. */
export interface DirectDeployOptions {
  /** Instance name; default `spec.name`, else the composition name. */
  readonly name?: string;
  /** Aborts this deploy (in addition to the factory's `abortSignal`). */
  readonly abortSignal?: AbortSignal;
}

export type { DeployPlan, PlannedChange, PlannedConflict, PlannedObject, PodLog, ProgressEvent } from '../runtime/direct/index.js';

/** A deployed instance: what KRO would show as the instance object, status hydrated. */
export interface DirectInstance<TSpec, TStatus> {
  readonly metadata: { name: string; namespace: string };
  readonly spec: TSpec;
  readonly status: TStatus;
}

/**
 * Deploys from this process, without KRO in the cluster; the instance operations (plan, status, list,
 * events, logs, delete) are those of {@link InstanceOperations}.
 */
export interface DirectFactory<TSpec, TStatus> extends InstanceOperations<TSpec, TStatus> {
  readonly mode: 'direct';
  readonly name: string;
  readonly namespace: string;
  /**
   * Applies every resource (server-side apply, field manager `typekro`), each as soon as its dependencies are
   * ready, waits for readiness and returns the hydrated status (pending status fields are omitted).
   */
  deploy(spec: TSpec, options?: DirectDeployOptions): Promise<DirectInstance<TSpec, TStatus>>;
  /**
   * What `deploy(spec)` would do, from a server-side dry run of the whole graph; nothing is changed.
   * Objects whose values depend on objects that do not exist yet are reported with `knownAfterApply`.
   */
  plan(spec: TSpec, options?: { name?: string }): Promise<DeployPlan>;
  /**
   * The manifests `deploy(spec)` would apply, as multi-document YAML. References to other resources resolve
   * against their rendered manifests; data only the cluster has is an error naming the resource.
   */
  toYaml(spec: TSpec): string;
}

/**
 * @example
 * ```ts
 * const factory = webapp.factory('direct', { namespace: 'dev' });
 * const instance = await factory.deploy({ replicas: 3 });
 * instance.status.ready; // true
 * ```
 */
export function createDirectFactory<TSpec, TStatus>(
  definition: CompositionDefinition,
  graph: CompositionGraph,
  options: DirectFactoryOptions = {},
): DirectFactory<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  let prepared: PreparedGraph | undefined;
  // Prepared lazily so that creating a factory never fails on expressions; the first use reports them.
  const graphOf = (): PreparedGraph => {
    if (prepared) return prepared;
    const problem = directMetadataProblem(graph);
    if (problem) throw new CompositionError(problem);
    return (prepared = prepareGraph(graph, createCelEngine()));
  };
  let client: KubeClient | undefined;
  const kube = (): KubeClient => (client ??= new KubeClient(loadKubeConfig(options)));
  let namespaced: ((apiVersion: string, kind: string) => Promise<boolean>) | undefined;
  const progress = (event: ProgressEvent): void => options.progressCallback?.(event);
  const identity = (name: string): InstanceIdentity => (graph.scope === 'Cluster' ? { name } : { name, namespace });
  const owner = (name: string): Ownership => ({ composition: graph.name, instance: name, namespace });

  const call = (): { deadline: number; signal?: AbortSignal } => ({ deadline: Date.now() + timeoutMs, ...(options.abortSignal ? { signal: options.abortSignal } : {}) });
  const notFound = (name: string): InstanceNotFoundError => new InstanceNotFoundError(graph.kind, name, graph.scope === 'Cluster' ? undefined : namespace, 'direct');

  /** The instance's objects by resource id; InstanceNotFoundError when it has neither record nor object. */
  async function owned(name: string): Promise<Map<string, KubeObject[]>> {
    const objects = await ownedNow(kube(), graphOf(), owner(name), call());
    if (!objects) throw notFound(name);
    return groupByResource(graphOf(), objects, resourceIdOf);
  }

  async function reportLogs(name: string, resourceId: string, tailLines: number, redactor: Redactor): Promise<void> {
    for (const entry of await readLogs(kube(), await owned(name), { resourceId, tailLines })) {
      const object = { apiVersion: 'v1', kind: 'Pod', name: entry.pod, namespace: entry.namespace };
      const text = entry.log !== undefined ? entry.log.trimEnd() || '(empty log)' : `log unavailable: ${entry.error ?? 'unknown error'}`;
      progress({ type: 'log', resourceId, object, message: redactor.text(`pod ${entry.namespace}/${entry.pod} container ${entry.container}:\n${text}`) });
    }
  }

  async function instanceStatus(name: string, spec: TSpec | undefined): Promise<InstanceStatus<TStatus>> {
    // Without a spec, readyWhen and status expressions see the defaults (and what they cannot read is pending).
    const checked = spec === undefined ? specWithDefaults(graph, {}) : validateSpec(definition, graph, spec);
    const byId = await owned(name);
    const report = await reportObjects(kube(), graphOf(), { spec: checked, instance: identity(name) }, byId, call());
    const metadata = graph.scope === 'Cluster' ? { name } : { name, namespace };
    const { ready, resources, pending } = report;
    return { apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind, metadata, mode: 'direct', ready, status: report.status as Partial<TStatus>, pending, resources };
  }

  return {
    mode: 'direct',
    name: graph.name,
    namespace,
    async deploy(spec, deployOptions = {}) {
      const checked = validateSpec(definition, graph, spec);
      const name = deployOptions.name ?? instanceNameOf(graph, checked);
      const signals = [options.abortSignal, deployOptions.abortSignal].filter((x): x is AbortSignal => x !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const redactor = new Redactor();
      const session: DirectSession = {
        prepared: graphOf(),
        client: kube(),
        instance: identity(name),
        owner: owner(name),
        spec: checked,
        readiness: options.waitForReady === false ? 'exists' : 'kind',
        deadline: Date.now() + timeoutMs,
        ...(signal ? { signal } : {}),
        namespaced: (namespaced ??= namespacedLookup(kube())),
        progress,
        force: options.force ?? false,
        redactor,
      };
      try {
        const result = await deployDirect(session, { rollbackOnFailure: options.rollbackOnFailure ?? false, events: options.events ?? true });
        return { metadata: { name, namespace }, spec: checked, status: result.status.status as TStatus };
      } catch (error) {
        if (options.podLogs && error instanceof DirectTimeoutError && error.resourceId) {
          const tailLines = typeof options.podLogs === 'object' ? (options.podLogs.tailLines ?? 20) : 20;
          await reportLogs(name, error.resourceId, tailLines, redactor).catch(() => undefined);
        }
        throw error;
      }
    },
    async plan(spec, planOptions = {}) {
      const checked = validateSpec(definition, graph, spec);
      const name = planOptions.name ?? instanceNameOf(graph, checked);
      return planDirect({
        prepared: graphOf(),
        client: kube(),
        instance: identity(name),
        owner: owner(name),
        spec: checked,
        readiness: 'exists',
        deadline: Date.now() + timeoutMs,
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
        namespaced: (namespaced ??= namespacedLookup(kube())),
        progress,
        force: options.force ?? false,
      });
    },
    instanceName(spec) {
      return instanceNameOf(graph, specWithDefaults(graph, spec));
    },
    instanceStatus(name, statusOptions = {}) {
      return instanceStatus(name, statusOptions.spec);
    },
    async listInstances() {
      return (await listDirectInstances(kube(), graph.name, namespace, call())).map((name) => ({ name, namespace }));
    },
    async events(name) {
      return instanceEvents(kube(), await owned(name));
    },
    async logs(name, logOptions = {}) {
      return readLogs(kube(), await owned(name), logOptions);
    },
    async streamLogs(name, logOptions) {
      const sources = await logSources(kube(), await owned(name), logOptions);
      logOptions.onSources?.(sources);
      const failures = await streamLogs(kube(), sources, { ...logOptions, follow: logOptions.follow ?? false });
      return { sources, failures };
    },
    toYaml(spec) {
      const checked = validateSpec(definition, graph, spec);
      const name = instanceNameOf(graph, checked);
      return renderOffline(graphOf(), checked, identity(name), owner(name))
        .map((manifest) => yamlOf(manifest))
        .join('---\n');
    },
    async deleteInstance(name) {
      const outcome = await deleteDirect(graphOf(), kube(), owner(name), { timeoutMs, ...(options.abortSignal ? { signal: options.abortSignal } : {}), progress });
      return { found: outcome.found };
    },
  };
}
