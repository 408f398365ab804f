/**
 * The public composition API: `kubernetesComposition` and the object it returns.
 */
import { checkedInstanceMetadata } from '../util/instance-metadata.js';
import { compileInstance, compileRgd, toYaml as renderYaml } from '../compile/rgd/index.js';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { defineGraph, type CompositionInstance } from '../composition/composition.js';
import { defineResourceGraph } from '../composition/resource-graph.js';
import { attachConcreteSource, type ConcreteSource } from '../composition/concrete-source.js';
import { locateFunctions } from '../composition/source-site.js';
import type { CompositionDefinition, CompositionOptions } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import type { CompositionSchema, SchemaInput, SchemaOutput } from '../model/schema/index.js';
import type { Ref } from '../model/types.js';
import type { Condition } from '../model/resource.js';
import { currentRun } from '../model/run.js';
import { createFactory, type DirectFactory, type DirectFactoryOptions, type KroFactory, type KroFactoryOptions } from './factories.js';
import { checkedInstance } from './spec.js';
import { refuseKroUnsafe } from './kro-strings.js';
import { TypeKroError } from '../util/errors.js';
import { applyAspects } from '../composition/aspects/apply.js';
import { isAspect, type Aspect } from '../composition/aspects/aspect.js';

/**
 * Rejects status fields the status schema does not declare (a typo would otherwise be dropped silently):
 * each extra key of `TReturned` must be `never`.
 *
 * @example
 * import type { NoExtraKeys } from 'typekro';
 * const none: NoExtraKeys<{ ready: boolean }, { ready: boolean }> = {};
 * Object.keys(none).length; // => 0
 */
export type NoExtraKeys<TReturned, TStatus> = { readonly [K in Exclude<keyof TReturned, keyof TStatus>]: never };

/**
 * The status schema of a composition defined without `status`: no fields.
 *
 * @example
 * import type { NoStatus, SchemaOutput } from 'typekro';
 * const fields: (keyof SchemaOutput<NoStatus>)[] = [];
 * fields.length; // => 0
 */
export type NoStatus = CompositionSchema<{ readonly [K in never]: never }>;

/**
 * What the composition function returns: the status, or nothing when the status has no fields.
 *
 * @example
 * import type { StatusReturn } from 'typekro';
 * const returned: StatusReturn<{ ready: true }, { ready: boolean }> = { ready: true };
 * returned.ready; // => true
 */
export type StatusReturn<TReturned, TStatus> = [keyof TStatus] extends [never] ? (TReturned & NoExtraKeys<TReturned, TStatus>) | void : TReturned & NoExtraKeys<TReturned, TStatus>;

/**
 * What calling a composition inside another one returns: its status, as typed references.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type NestedComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const inner = kubernetesComposition(
 *   { name: 'inner', kind: 'Inner', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
 * );
 * const outer = kubernetesComposition(
 *   { name: 'outer', kind: 'Outer', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => {
 *     const nested: NestedComposition<{ name: string }> = inner({ name: spec.name });
 *     return { name: nested.status.name };
 *   },
 * );
 * outer.graph.resources.length; // => 1
 */
export interface NestedComposition<TStatus> {
  readonly status: Ref<TStatus>;
  /**
   * KRO `includeWhen` on every resource of the nested composition: it exists only where the condition
   * holds, as under an enclosing `if`, and its status is read under that condition
   * (`spec.cache === true ? cache.status.ready : true`).
   *
   * @example
   * import { type } from 'arktype';
   * import { kubernetesComposition } from 'typekro';
   * import { ConfigMap } from 'typekro/simple';
   * const inner = kubernetesComposition(
   *   { name: 'inner', kind: 'Inner', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
   *   (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
   * );
   * const outer = kubernetesComposition(
   *   { name: 'outer', kind: 'Outer', spec: type({ name: 'string', 'extra?': 'boolean' }), status: type({ name: 'string' }) },
   *   (spec) => {
   *     const nested = inner({ name: spec.name }).withIncludeWhen(spec.extra === true);
   *     return { name: spec.extra === true ? nested.status.name : 'none' };
   *   },
   * );
   * outer.graph.resources[0]!.includeWhen.length; // => 1
   */
  withIncludeWhen(condition: (() => boolean) | Condition): NestedComposition<TStatus>;
}

/**
 * A defined composition: its graph, its YAML, and factories to deploy it. Called like a function inside
 * another composition, it is inlined there (resources prefixed with the variable name).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { StatefulSet } from 'typekro/simple';
 * const database = kubernetesComposition(
 *   { name: 'database', kind: 'Database', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const db = StatefulSet({ name: spec.name, image: 'postgres', serviceName: spec.name });
 *     return { ready: db.status.readyReplicas > 0 };
 *   },
 * );
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const db = database({ name: `${spec.name}-db` });
 *     return { ready: db.status.ready };
 *   },
 * );
 * app.rgdYaml().includes('kind: ResourceGraphDefinition'); // => true
 * app.instanceYaml({ name: 'shop' }).includes('kind: App'); // => true
 * // TypeKro's toYaml: the RGD without a spec, the instance with one
 * app.toYaml() === app.rgdYaml(); // => true
 */
export interface Composition<TSpec, TStatus> {
  (spec: TSpec): NestedComposition<TStatus>;
  readonly name: string;
  readonly kind: string;
  /** The frozen graph every output is derived from. */
  readonly graph: CompositionGraph;
  /**
   * TypeKro's `toYaml`: without a spec {@link Composition.rgdYaml}, with one {@link Composition.instanceYaml};
   * with `{ aspects }`, the RGD with the aspects applied to every resource.
   */
  toYaml(specOrAspects?: TSpec | AspectRender): string;
  /** The ResourceGraphDefinition as YAML (for GitOps). */
  rgdYaml(): string;
  /**
   * The instance custom resource for `spec` (validated; no namespace: `factory('kro', { namespace }).instanceYaml`
   * sets one), named `options.name`, else by the spec's name field, else by the composition.
   */
  instanceYaml(spec: TSpec, options?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): string;
  factory(mode: 'kro', options?: KroFactoryOptions): KroFactory<TSpec, TStatus>;
  factory(mode: 'direct', options?: DirectFactoryOptions): DirectFactory<TSpec, TStatus>;
  /** Type-level carriers for `typeof composition.spec` style inference. */
  readonly specType?: TSpec;
  readonly statusType?: TStatus;
}

/**
 * Defines a custom Kubernetes API: typed spec and status (arktype), and a function that creates
 * resources from the spec and returns the status as plain JavaScript, compiled to CEL. Its optional
 * second parameter is the instance (`instance.metadata.name`, `namespace`, `uid`, `labels`, `annotations`,
 * compiled to `schema.metadata.*`).
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * console.log(webapp.toYaml());
 */
export function kubernetesComposition<
  TSpecType extends CompositionSchema,
  TStatusType extends CompositionSchema = NoStatus,
  const TReturned extends SchemaInput<TStatusType> = SchemaInput<TStatusType>,
>(
  definition: CompositionDefinition<TSpecType, TStatusType>,
  compose: (spec: Ref<SchemaOutput<TSpecType>>, instance: CompositionInstance) => StatusReturn<TReturned, SchemaInput<TStatusType>>,
  options: CompositionOptions = {},
): Composition<SchemaInput<TSpecType>, SchemaOutput<TStatusType>> {
  const { graph, located } = defineGraph(definition as CompositionDefinition, compose, options);
  // The source the definition located, so evaluateConcrete can re-run the function with plain values.
  const concrete: ConcreteSource = { form: 'composition', definition: definition as CompositionDefinition, compose: compose as (spec: unknown) => unknown, source: located };
  return compositionOf(definition as CompositionDefinition, graph, concrete);
}

/**
 * The instance as the resource and status builders of `toResourceGraph` see it.
 *
 * @example
 * import { type } from 'arktype';
 * import { toResourceGraph, type InstanceRef } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = toResourceGraph(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (schema: InstanceRef<{ name: string }>) => ({ config: ConfigMap({ name: schema.spec.name, data: {} }) }),
 *   (schema) => ({ name: schema.spec.name }),
 * );
 * app.graph.resources.length; // => 1
 */
export interface InstanceRef<TSpec> {
  readonly spec: Ref<TSpec>;
  readonly metadata: Ref<V1ObjectMeta>;
}

/**
 * The two-function form: resources by id, then the status from the instance and those resources.
 *
 * @example
 * import { type } from 'arktype';
 * import { toResourceGraph } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = toResourceGraph(
 *   { name: 'app', apiVersion: 'example.com/v1', kind: 'App', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
 *   (schema) => ({ web: Deployment({ name: schema.spec.name, image: 'nginx' }) }),
 *   (schema, resources) => ({ ready: resources.web.status.readyReplicas > 0 }),
 * );
 * app.graph.resources.map((r) => r.id); // => ['web']
 */
export function toResourceGraph<TSpecType extends CompositionSchema, TStatusType extends CompositionSchema, TResources extends Record<string, unknown>>(
  definition: CompositionDefinition<TSpecType, TStatusType>,
  resourceBuilder: (schema: InstanceRef<SchemaOutput<TSpecType>>) => TResources,
  statusBuilder: (schema: InstanceRef<SchemaOutput<TSpecType>>, resources: TResources) => SchemaInput<TStatusType>,
  options: CompositionOptions = {},
): Composition<SchemaInput<TSpecType>, SchemaOutput<TStatusType>> {
  const graph = defineResourceGraph(
    definition as CompositionDefinition,
    resourceBuilder as (schema: unknown) => Record<string, unknown>,
    statusBuilder as (schema: unknown, resources: Record<string, unknown>) => unknown,
    options,
  );
  const [resourceSource, statusSource] = locateFunctions([1, 2]);
  const concrete: ConcreteSource = {
    form: 'resource-graph',
    definition: definition as CompositionDefinition,
    buildResources: resourceBuilder as (schema: unknown) => Record<string, unknown>,
    buildStatus: statusBuilder as (schema: unknown, resources: Record<string, unknown>) => unknown,
    sources: [resourceSource, statusSource],
  };
  return compositionOf(definition as CompositionDefinition, graph, concrete);
}

/**
 * What `toYaml({ aspects })` takes: the aspects to apply to the RGD it renders.
 *
 * @example
 * import type { AspectRender } from 'typekro';
 * import { withLabels } from 'typekro/aspects';
 * const render: AspectRender = { aspects: [withLabels({ team: 'platform' })] };
 * render.aspects.length; // => 1
 */
export interface AspectRender {
  readonly aspects: readonly Aspect[];
}

/** A spec never holds aspects (they are not JSON data), so a list of them tells the two calls apart. */
function isAspectRender(value: unknown): value is AspectRender {
  if (typeof value !== 'object' || value === null) return false;
  const aspects = (value as { aspects?: unknown }).aspects;
  return Object.keys(value).length === 1 && Array.isArray(aspects) && aspects.length > 0 && aspects.every(isAspect);
}

export function compositionOf<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, concrete?: ConcreteSource): Composition<TSpec, TStatus> {
  let rgdYaml: string | undefined;
  const nest = (spec: TSpec): unknown => {
    const run = currentRun();
    if (!run) throw new TypeKroError('USAGE', `composition "${graph.name}" can be called only inside another composition function; use .factory(...) to deploy it`);
    return run.nest(graph, spec, composition);
  };
  // A function's own `name` is read-only: define it instead of assigning it.
  Object.defineProperty(nest, 'name', { value: graph.name });
  if (concrete) attachConcreteSource(nest, concrete);
  const composition = Object.freeze(Object.assign(nest, {
    kind: graph.kind,
    graph,
    toYaml(spec?: TSpec | AspectRender): string {
      if (isAspectRender(spec)) return renderYaml(compileRgd(applyAspects(graph, spec.aspects)));
      return spec === undefined ? composition.rgdYaml() : composition.instanceYaml(spec as TSpec);
    },
    rgdYaml(): string {
      return (rgdYaml ??= renderYaml(compileRgd(graph)));
    },
    instanceYaml(spec: TSpec, options: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> } = {}): string {
      const checked = checkedInstance(definition, graph, spec, options.name);
      const metadata = checkedInstanceMetadata(options);
      // The instance of the RGD's kind: KRO reads it, as the kro factory's instanceYaml
      refuseKroUnsafe(graph, checked.spec, metadata);
      return renderYaml(compileInstance(graph, checked.spec, { name: checked.name, ...metadata }));
    },
    factory(mode: 'kro' | 'direct', options?: KroFactoryOptions | DirectFactoryOptions) {
      return createFactory<TSpec, TStatus>(mode, definition, graph, options ?? {});
    },
  })) as unknown as Composition<TSpec, TStatus>;
  return composition;
}
