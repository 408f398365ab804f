/**
 * Factories deploy a composition: `kro` hands the graph to the KRO controller, `direct` runs it from
 * this process.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileInstance, compileRgd, toYaml } from '../compile/rgd/index.js';
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig, type ClusterTarget } from '../runtime/kube/config.js';
import { applyInstance, applyRgd } from '../runtime/kro/deploy.js';
import { breakingChanges, type SchemaChange } from '../runtime/kro/breaking.js';
import { deleteKroInstance, healthOf, listInstances, type InstanceHealth } from '../runtime/kro/instances.js';
import { keptCrdProblem } from '../runtime/kro/crd.js';
import { KroRejectedError } from '../runtime/kro/deploy.js';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from './direct.js';
import { instanceNameOf, validateSpec } from './spec.js';

export type { DirectFactory, DirectFactoryOptions };

export interface FactoryOptionsBase extends ClusterTarget {
  /** Namespace of the instance (kro) or of the resources (direct); default `default`. */
  readonly namespace?: string;
  /** Milliseconds to wait for readiness; default 300000. */
  readonly timeout?: number;
  readonly abortSignal?: AbortSignal;
  readonly progressCallback?: (event: { type: string; message: string; resourceId?: string }) => void;
}

export interface KroFactoryOptions extends FactoryOptionsBase {
  /**
   * Apply a schema change KRO would refuse as breaking (removed or retyped fields, new required fields,
   * narrowed enums): sets `kro.run/allow-breaking-changes: "true"` on the RGD. Existing instances may break.
   */
  readonly allowBreakingChanges?: boolean;
}

/** A schema change KRO would refuse, found before anything was applied. */
export class BreakingChangeError extends Error {
  override readonly name = 'BreakingChangeError';
  constructor(
    readonly rgd: string,
    readonly changes: readonly SchemaChange[],
    /** Set when the old schema is a CRD KRO kept after an earlier RGD of this kind was deleted. */
    readonly keptCrd?: string,
  ) {
    super(
      (keptCrd
        ? `CRD ${keptCrd}, kept by KRO from an earlier ResourceGraphDefinition of this kind, has a schema ResourceGraphDefinition ${rgd} would break, so KRO would refuse to update it:\n`
        : `the new schema of ResourceGraphDefinition ${rgd} breaks existing instances, so KRO would keep the old CRD:\n`) +
        changes.map((change) => `  - ${change.path}: ${change.problem}`).join('\n') +
        (keptCrd
          ? `\nkeep the old fields, use a new kind, delete the old CRD (kubectl delete crd ${keptCrd}; this deletes its remaining instances), or pass allowBreakingChanges: true`
          : '\nkeep the old fields (add new ones as optional or with defaults), use a new kind, or pass allowBreakingChanges: true'),
    );
  }
}

/** An instance as KRO reports it. */
export interface KroInstance<TSpec, TStatus> {
  readonly metadata: { name: string; namespace: string };
  readonly spec: TSpec;
  readonly status: TStatus & { state?: string; conditions?: unknown[] };
}

export interface KroFactory<TSpec, TStatus> {
  readonly mode: 'kro';
  readonly name: string;
  readonly namespace: string;
  /** The RGD; with a spec, the instance custom resource. */
  toYaml(spec?: TSpec): string;
  /** Applies the RGD, waits until KRO accepts it, applies the instance and waits until it is ACTIVE. */
  deploy(spec: TSpec, options?: { name?: string }): Promise<KroInstance<TSpec, TStatus>>;
  /**
   * Deletes one instance and waits until it is gone (KRO deletes its resources). An instance that does not
   * exist is an InstanceNotFoundError, unless `ignoreNotFound`.
   */
  deleteInstance(name: string, options?: { ignoreNotFound?: boolean }): Promise<void>;
  /** The instances of this kind in the factory's namespace. */
  getInstances(): Promise<KroInstance<TSpec, TStatus>[]>;
  /** One instance as KRO reports it, or undefined. */
  getInstance(name: string): Promise<KroInstance<TSpec, TStatus> | undefined>;
  /** A summary: how many instances, and their health. */
  getStatus(): Promise<{ name: string; mode: 'kro'; namespace: string; instanceCount: number; instances: { name: string; health: InstanceHealth }[] }>;
}

export function createFactory<TSpec, TStatus>(
  mode: 'kro' | 'direct',
  definition: CompositionDefinition,
  graph: CompositionGraph,
  options: KroFactoryOptions | DirectFactoryOptions,
): KroFactory<TSpec, TStatus> | DirectFactory<TSpec, TStatus> {
  if (mode === 'direct') return createDirectFactory<TSpec, TStatus>(definition, graph, options);
  if (mode !== 'kro') throw new TypeError(`unknown factory mode "${String(mode)}": use 'kro' or 'direct'`);
  return createKroFactory<TSpec, TStatus>(definition, graph, options);
}

function createKroFactory<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, options: KroFactoryOptions): KroFactory<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  let client: KubeClient | undefined;
  const kube = (): KubeClient => (client ??= new KubeClient(loadKubeConfig(options)));
  const instanceOf = (spec: TSpec, name?: string): KubernetesObject => {
    const checked = validateSpec(definition, graph, spec);
    return compileInstance(graph, checked, { name: name ?? instanceNameOf(graph, checked), namespace }) as KubernetesObject;
  };
  const instanceApiVersion = `${graph.group}/${graph.version}`;
  const progress = (message: string): void => options.progressCallback?.({ type: 'progress', message });
  const waitOptions = { timeoutMs, onProgress: progress, ...(options.abortSignal ? { signal: options.abortSignal } : {}) };
  return {
    mode: 'kro',
    name: graph.name,
    namespace,
    toYaml(spec?: TSpec): string {
      return spec === undefined ? toYaml(compileRgd(graph)) : toYaml(instanceOf(spec));
    },
    async deploy(spec, deployOptions = {}) {
      const instance = instanceOf(spec, deployOptions.name);
      const rgd = await checkedRgd(kube(), graph, options.allowBreakingChanges ?? false);
      await applyRgd(kube(), rgd, waitOptions);
      const childKinds = graph.resources.filter((r) => !r.externalRef).map((r) => ({ apiVersion: r.apiVersion, kind: r.kind }));
      const observed = await applyInstance(kube(), instance, { ...waitOptions, childKinds });
      return observed as unknown as KroInstance<TSpec, TStatus>;
    },
    async deleteInstance(name, deleteOptions = {}) {
      const ref = { apiVersion: instanceApiVersion, kind: graph.kind, name, namespace };
      await deleteKroInstance(kube(), ref, { ...waitOptions, ...(deleteOptions.ignoreNotFound ? { ignoreNotFound: true } : {}) });
    },
    async getInstances() {
      const items = await listInstances(kube().config, instanceApiVersion, graph.kind, namespace);
      return items as unknown as KroInstance<TSpec, TStatus>[];
    },
    async getInstance(name) {
      const object = await kube().get({ apiVersion: instanceApiVersion, kind: graph.kind, name, namespace });
      return object as unknown as KroInstance<TSpec, TStatus> | undefined;
    },
    async getStatus() {
      const items = await listInstances(kube().config, instanceApiVersion, graph.kind, namespace);
      const instances = items.map((item) => ({ name: item.metadata?.name ?? '', health: healthOf(item) }));
      return { name: graph.name, mode: 'kro' as const, namespace, instanceCount: instances.length, instances };
    },
  };
}

/** The RGD to apply: refused when its schema change would break existing instances, unless allowed. */
async function checkedRgd(client: KubeClient, graph: CompositionGraph, allowBreaking: boolean): Promise<KubernetesObject> {
  const rgd = compileRgd(graph) as unknown as KubernetesObject & { spec: { schema: { spec?: unknown; types?: unknown } } };
  const live = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: graph.name })) as
    | (KubernetesObject & { spec?: { schema?: { spec?: unknown; types?: unknown } } })
    | undefined;
  let changes = live?.spec?.schema ? breakingChanges(live.spec.schema, rgd.spec.schema) : [];
  let keptCrd: string | undefined;
  if (!live) {
    // No RGD, but maybe the CRD an earlier one left: KRO would refuse to take it over.
    const kept = await keptCrdProblem(client, { rgdName: graph.name, apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind }, rgd.spec.schema);
    if (kept?.kind === 'owned') throw new KroRejectedError(kept.message);
    if (kept) [changes, keptCrd] = [[...kept.changes], kept.crd];
  }
  if (changes.length === 0) return rgd;
  if (!allowBreaking) throw new BreakingChangeError(graph.name, changes, keptCrd);
  const metadata = { ...rgd.metadata, annotations: { ...rgd.metadata?.annotations, 'kro.run/allow-breaking-changes': 'true' } };
  return { ...rgd, metadata };
}
