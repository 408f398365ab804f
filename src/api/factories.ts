/**
 * Factories deploy a composition: `kro` hands the graph to the KRO controller, `direct` runs it from
 * this process. The cluster side of each (the Kubernetes client, the CEL engine) is loaded with `import()`
 * on the first call that needs it, so defining and rendering load neither.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileInstance, compileRgd, toYaml } from '../compile/rgd/index.js';
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import type { ClusterTarget } from '../runtime/kube/config.js';
import type { SchemaChange } from '../runtime/kro/breaking.js';
import type { InstanceHealth } from '../runtime/kro/instances.js';
import type { ProgressEvent } from '../runtime/direct/session.js';
import { TypeKroError } from '../util/errors.js';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from './direct.js';
import { statusReport, type StatusReport } from './instance.js';
import type { KroDriver } from './kro-driver.js';
import { instanceNameOf, validateSpec } from './spec.js';

export type { DirectFactory, DirectFactoryOptions };

export interface FactoryOptionsBase extends ClusterTarget {
  /** Namespace of the instance (kro) or of the resources (direct); default `default`. */
  readonly namespace?: string;
  /** Milliseconds to wait for readiness; default 300000. */
  readonly timeout?: number;
  readonly abortSignal?: AbortSignal;
  /** Progress of a deploy; KRO mode reports `progress` events (what it waits for). */
  readonly progressCallback?: (event: ProgressEvent) => void;
}

export interface KroFactoryOptions extends FactoryOptionsBase {
  /**
   * Apply a schema change KRO would refuse as breaking (removed or retyped fields, new required fields,
   * narrowed enums): sets `kro.run/allow-breaking-changes: "true"` on the RGD. Existing instances may break.
   */
  readonly allowBreakingChanges?: boolean;
}

/** A schema change KRO would refuse, found before anything was applied. */
export class BreakingChangeError extends TypeKroError {
  override readonly name = 'BreakingChangeError';
  constructor(
    readonly rgd: string,
    readonly changes: readonly SchemaChange[],
  ) {
    super(
      'BREAKING_CHANGE',
      `the new schema of ResourceGraphDefinition ${rgd} breaks existing instances, so KRO would keep the old CRD:\n` +
        changes.map((change) => `  - ${change.path}: ${change.problem}`).join('\n') +
        '\nkeep the old fields (add new ones as optional or with defaults), use a new kind, or pass allowBreakingChanges: true',
    );
  }
}

/** What KRO adds to every instance status. */
export interface KroStatusFields {
  /** KRO's instance state: `ACTIVE`, `IN_PROGRESS`, `FAILED`, `DELETING`, `ERROR`. */
  readonly state?: string;
  readonly conditions?: readonly unknown[];
}

/**
 * An instance as KRO reports it: `complete` and `pending` say which status fields KRO has computed.
 *
 * @example
 * import type { KroInstance } from 'typekro';
 * function host(instance: KroInstance<{ name: string }, { host: string }>): string {
 *   return instance.complete ? instance.status.host : `pending: ${instance.pending.join(', ')}`;
 * }
 * host({ metadata: { name: 'a', namespace: 'dev' }, spec: { name: 'a' }, complete: false, status: {}, pending: ['host'] }); // => 'pending: host'
 */
export type KroInstance<TSpec, TStatus> = {
  readonly metadata: { name: string; namespace: string };
  readonly spec: TSpec;
} & StatusReport<TStatus, KroStatusFields>;

export interface KroFactory<TSpec, TStatus> {
  readonly mode: 'kro';
  readonly name: string;
  readonly namespace: string;
  /** The RGD; with a spec, the instance custom resource. */
  toYaml(spec?: TSpec): string;
  /**
   * Applies the RGD, waits until KRO accepts it, applies the instance and waits until it is ACTIVE. The
   * result says which status fields KRO has not computed yet (`pending`).
   */
  deploy(spec: TSpec, options?: { name?: string }): Promise<KroInstance<TSpec, TStatus>>;
  /** Deletes one instance and waits until it is gone (KRO deletes its resources). */
  deleteInstance(name: string): Promise<void>;
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
  if (mode !== 'kro') throw new TypeKroError('USAGE', `unknown factory mode "${String(mode)}": use 'kro' or 'direct'`);
  return createKroFactory<TSpec, TStatus>(definition, graph, options);
}

function createKroFactory<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, options: KroFactoryOptions): KroFactory<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  let driver: Promise<KroDriver> | undefined;
  const load = (): Promise<KroDriver> => (driver ??= import('./kro-driver.js').then((m) => m.createKroDriver(graph, options)));
  const instanceOf = (spec: TSpec, name?: string): KubernetesObject => {
    const checked = validateSpec(definition, graph, spec);
    return compileInstance(graph, checked, { name: name ?? instanceNameOf(graph, checked), namespace }) as KubernetesObject;
  };
  const reported = (object: KubernetesObject): KroInstance<TSpec, TStatus> => {
    const { metadata, spec, status } = object as { metadata?: { name?: string; namespace?: string }; spec?: unknown; status?: unknown };
    const meta = { name: metadata?.name ?? '', namespace: metadata?.namespace ?? namespace };
    return { metadata: meta, spec: spec as TSpec, ...statusReport<TStatus, KroStatusFields>(graph.status, status) };
  };
  return {
    mode: 'kro',
    name: graph.name,
    namespace,
    toYaml(spec?: TSpec): string {
      return spec === undefined ? toYaml(compileRgd(graph)) : toYaml(instanceOf(spec));
    },
    async deploy(spec, deployOptions = {}) {
      const instance = instanceOf(spec, deployOptions.name);
      return reported(await (await load()).deploy(instance));
    },
    async deleteInstance(name) {
      await (await load()).deleteInstance(name);
    },
    async getInstances() {
      return (await (await load()).getInstances()).map(reported);
    },
    async getInstance(name) {
      const object = await (await load()).getInstance(name);
      return object ? reported(object) : undefined;
    },
    async getStatus() {
      const kro = await load();
      const instances = (await kro.getInstances()).map((item) => ({ name: item.metadata?.name ?? '', health: kro.health(item) }));
      return { name: graph.name, mode: 'kro' as const, namespace, instanceCount: instances.length, instances };
    },
  };
}
