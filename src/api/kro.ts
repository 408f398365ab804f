/**
 * The kro factory: hands the graph to the KRO controller (the RGD, then the instance) and reads instances
 * back; the instance operations are the same as direct mode's (`InstanceOperations`).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileInstance, compileRgd, toYaml } from '../compile/rgd/index.js';
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { createCelEngine } from '../runtime/cel/index.js';
import { groupByResource, instanceEvents, logSources, readLogs, reportObjects, streamLogs, type ProgressEvent } from '../runtime/direct/index.js';
import { prepareGraph, type KubeObject, type PreparedGraph } from '../runtime/engine/index.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig, type ClusterTarget } from '../runtime/kube/config.js';
import { breakingChanges, type SchemaChange } from '../runtime/kro/breaking.js';
import { kroResourceIdOf, listChildren } from '../runtime/kro/children.js';
import { applyInstance, applyRgd } from '../runtime/kro/deploy.js';
import { healthOf, listInstances, type InstanceHealth } from '../runtime/kro/instances.js';
import { planKro } from '../runtime/kro/plan.js';
import { InstanceNotFoundError, type InstanceCondition, type InstanceOperations, type InstanceStatus } from './instances.js';
import { instanceNameOf, specWithDefaults, validateSpec } from './spec.js';

export interface KroFactoryOptions extends ClusterTarget {
  /** Namespace of the instance; default `default`. */
  readonly namespace?: string;
  /** Milliseconds to wait for readiness; default 300000. */
  readonly timeout?: number;
  readonly abortSignal?: AbortSignal;
  readonly progressCallback?: (event: ProgressEvent) => void;
  /**
   * Apply a schema change KRO would refuse as breaking (removed or retyped fields, new required fields,
   * narrowed enums): sets `kro.run/allow-breaking-changes: "true"` on the RGD. Existing instances may break.
   */
  readonly allowBreakingChanges?: boolean;
}

/**
 * A schema change KRO would refuse, found before anything was applied. `code` is `BREAKING_CHANGE`.
 *
 * @example
 * ```ts
 * import { BreakingChangeError } from 'typekro';
 * const error = new BreakingChangeError('app', [{ path: 'spec.replicas', problem: 'field removed' }]);
 * error.code; // => 'BREAKING_CHANGE'
 * error.changes.map((c) => `${c.path}: ${c.problem}`); // => ['spec.replicas: field removed']
 * ```
 */
export class BreakingChangeError extends Error {
  override readonly name = 'BreakingChangeError';
  readonly code: string = 'BREAKING_CHANGE';
  constructor(
    readonly rgd: string,
    readonly changes: readonly SchemaChange[],
  ) {
    super(
      `the new schema of ResourceGraphDefinition ${rgd} breaks existing instances, so KRO would keep the old CRD:\n` +
        changes.map((change) => `  - ${change.path}: ${change.problem}`).join('\n') +
        '\nkeep the old fields (add new ones as optional or with defaults), use a new kind, or pass allowBreakingChanges: true',
    );
  }
}

/** An instance as KRO reports it. */
export interface KroInstance<TSpec, TStatus> {
  readonly metadata: { name: string; namespace: string };
  readonly spec: TSpec;
  readonly status: TStatus & { state?: string; conditions?: unknown[] };
}

export interface KroFactory<TSpec, TStatus> extends InstanceOperations<TSpec, TStatus> {
  readonly mode: 'kro';
  readonly name: string;
  readonly namespace: string;
  /** The RGD; with a spec, the instance custom resource. */
  toYaml(spec?: TSpec): string;
  /** Applies the RGD, waits until KRO accepts it, applies the instance and waits until it is ACTIVE. */
  deploy(spec: TSpec, options?: { name?: string }): Promise<KroInstance<TSpec, TStatus>>;
  /** The instances of this kind in the factory's namespace. */
  getInstances(): Promise<KroInstance<TSpec, TStatus>[]>;
  /** One instance as KRO reports it, or undefined. */
  getInstance(name: string): Promise<KroInstance<TSpec, TStatus> | undefined>;
  /** A summary: how many instances, and their health. */
  getStatus(): Promise<{ name: string; mode: 'kro'; namespace: string; instanceCount: number; instances: { name: string; health: InstanceHealth }[] }>;
}

type LiveInstance = KubeObject & { spec?: unknown; status?: { state?: string; conditions?: InstanceCondition[] } & Record<string, unknown> };

/**
 * @example
 * ```ts
 * const factory = webapp.factory('kro', { namespace: 'dev' });
 * await factory.deploy({ name: 'web' });
 * (await factory.instanceStatus('web')).state; // 'ACTIVE'
 * ```
 */
export function createKroFactory<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, options: KroFactoryOptions): KroFactory<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  let client: KubeClient | undefined;
  const kube = (): KubeClient => (client ??= new KubeClient(loadKubeConfig(options)));
  let prepared: PreparedGraph | undefined;
  const graphOf = (): PreparedGraph => (prepared ??= prepareGraph(graph, createCelEngine()));
  const instanceOf = (spec: TSpec, name?: string): KubernetesObject => {
    const checked = validateSpec(definition, graph, spec);
    return compileInstance(graph, checked, { name: name ?? instanceNameOf(graph, checked), namespace }) as KubernetesObject;
  };
  const instanceApiVersion = `${graph.group}/${graph.version}`;
  const refOf = (name: string) => ({ apiVersion: instanceApiVersion, kind: graph.kind, name, namespace });
  const progress = (message: string): void => options.progressCallback?.({ type: 'progress', message });
  const waitOptions = { timeoutMs, onProgress: progress, ...(options.abortSignal ? { signal: options.abortSignal } : {}) };
  const call = (): { deadline: number; signal?: AbortSignal } => ({ deadline: Date.now() + timeoutMs, ...(options.abortSignal ? { signal: options.abortSignal } : {}) });
  const childKinds = graph.resources.filter((r) => !r.externalRef).map((r) => ({ apiVersion: r.apiVersion, kind: r.kind }));

  async function live(name: string): Promise<LiveInstance> {
    const object = await kube().get(refOf(name), call());
    if (!object) throw new InstanceNotFoundError(graph.kind, name, namespace, 'kro');
    return JSON.parse(JSON.stringify(object)) as LiveInstance;
  }

  async function children(name: string): Promise<Map<string, KubeObject[]>> {
    await live(name);
    return groupByResource(graphOf(), await listChildren(kube(), childKinds, { name, namespace }, call()), kroResourceIdOf);
  }

  return {
    mode: 'kro',
    name: graph.name,
    namespace,
    toYaml(spec?: TSpec): string {
      return spec === undefined ? toYaml(compileRgd(graph)) : toYaml(instanceOf(spec));
    },
    instanceName(spec) {
      return instanceNameOf(graph, specWithDefaults(graph, spec));
    },
    async deploy(spec, deployOptions = {}) {
      const instance = instanceOf(spec, deployOptions.name);
      const rgd = await checkedRgd(kube(), graph, options.allowBreakingChanges ?? false);
      await applyRgd(kube(), rgd, waitOptions);
      const observed = await applyInstance(kube(), instance, { ...waitOptions, childKinds });
      return observed as unknown as KroInstance<TSpec, TStatus>;
    },
    async plan(spec, planOptions = {}) {
      const instance = instanceOf(spec, planOptions.name) as unknown as KubeObject;
      const rgd = compileRgd(graph) as unknown as KubeObject;
      const changes = await schemaChanges(kube(), graph, rgd);
      const note = changes.length > 0 ? `breaking schema change (${changes.map((c) => `${c.path}: ${c.problem}`).join('; ')}); deploy needs allowBreakingChanges` : undefined;
      return planKro(kube(), rgd, instance, call(), note);
    },
    async instanceStatus(name) {
      const object = await live(name);
      const byId = groupByResource(graphOf(), await listChildren(kube(), childKinds, { name, namespace }, call()), kroResourceIdOf);
      const report = await reportObjects(kube(), graphOf(), { spec: object.spec ?? {}, instance: { name, namespace } }, byId, call());
      const { state, conditions, ...status } = object.status ?? {};
      return {
        apiVersion: instanceApiVersion,
        kind: graph.kind,
        metadata: { name, namespace },
        mode: 'kro',
        ready: healthOf(object as KubernetesObject) === 'ready',
        ...(typeof state === 'string' ? { state } : {}),
        ...(Array.isArray(conditions) ? { conditions } : {}),
        status: status as Partial<TStatus>,
        pending: [],
        resources: report.resources,
      } satisfies InstanceStatus<TStatus>;
    },
    async listInstances() {
      const items = await listInstances(kube().config, instanceApiVersion, graph.kind, namespace);
      return items.map((item) => {
        const state = (item as LiveInstance).status?.state;
        return { name: item.metadata?.name ?? '', namespace, ...(typeof state === 'string' ? { state } : {}) };
      });
    },
    async events(name) {
      return instanceEvents(kube(), await children(name));
    },
    async logs(name, logOptions = {}) {
      return readLogs(kube(), await children(name), logOptions);
    },
    async streamLogs(name, logOptions) {
      const sources = await logSources(kube(), await children(name), logOptions);
      logOptions.onSources?.(sources);
      const failures = await streamLogs(kube(), sources, { ...logOptions, follow: logOptions.follow ?? false });
      return { sources, failures };
    },
    async deleteInstance(name) {
      if (!(await kube().delete(refOf(name)))) return { found: false };
      await kube().waitFor(refOf(name), (object) => (object ? undefined : true), waitOptions);
      return { found: true };
    },
    async getInstances() {
      const items = await listInstances(kube().config, instanceApiVersion, graph.kind, namespace);
      return items as unknown as KroInstance<TSpec, TStatus>[];
    },
    async getInstance(name) {
      const object = await kube().get(refOf(name));
      return object as unknown as KroInstance<TSpec, TStatus> | undefined;
    },
    async getStatus() {
      const items = await listInstances(kube().config, instanceApiVersion, graph.kind, namespace);
      const instances = items.map((item) => ({ name: item.metadata?.name ?? '', health: healthOf(item) }));
      return { name: graph.name, mode: 'kro' as const, namespace, instanceCount: instances.length, instances };
    },
  };
}

/** What the new RGD's schema breaks, against the live RGD (none when there is no live one). */
async function schemaChanges(client: KubeClient, graph: CompositionGraph, rgd: KubeObject): Promise<SchemaChange[]> {
  const current = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: graph.name })) as
    | (KubernetesObject & { spec?: { schema?: { spec?: unknown; types?: unknown } } })
    | undefined;
  const next = (rgd as { spec: { schema: { spec?: unknown; types?: unknown } } }).spec.schema;
  return current?.spec?.schema ? breakingChanges(current.spec.schema, next) : [];
}

/** The RGD to apply: refused when its schema change would break existing instances, unless allowed. */
async function checkedRgd(client: KubeClient, graph: CompositionGraph, allowBreaking: boolean): Promise<KubernetesObject> {
  const rgd = compileRgd(graph) as unknown as KubernetesObject;
  const changes = await schemaChanges(client, graph, rgd as unknown as KubeObject);
  if (changes.length === 0) return rgd;
  if (!allowBreaking) throw new BreakingChangeError(graph.name, changes);
  const metadata = { ...rgd.metadata, annotations: { ...rgd.metadata?.annotations, 'kro.run/allow-breaking-changes': 'true' } };
  return { ...rgd, metadata };
}
