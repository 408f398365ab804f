/**
 * Defining resource factories. A factory turns its config into a manifest and registers the resource
 * with the composition run (if any); the user gets a typed handle whose field reads are references.
 */
import type { ExternalRefTarget } from '../ir/graph.js';
import { currentRun, loopHooks, requireFixed } from './run.js';
import { resourceHandle, type ResourceMethods, type ResourceRecord } from './resource.js';
import type { Ref } from './types.js';
import { buildChecked } from './options.js';
import { outsideComposition } from './outside.js';
import { hasWireNames, wireManifest } from './wire-names.js';
import { describeValue, hasMarkers, isRef, splitMarkers } from './refs.js';
import { TypeKroError } from '../util/errors.js';

export interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  /** client-node model class name, e.g. `V1Deployment`. */
  readonly modelName?: string;
}

/**
 * The typed fields of a resource handle.
 *
 * @example
 * import type { V1ConfigMap } from '@kubernetes/client-node';
 * import type { ResourceFields } from 'typekro';
 * type ConfigFields = ResourceFields<V1ConfigMap>;
 * const field: keyof ConfigFields = 'data';
 * field; // => 'data'
 */
export type ResourceFields<TManifest> = { readonly [K in keyof TManifest]-?: Ref<NonNullable<TManifest[K]>> };

/**
 * A resource handle: every field of the manifest type is a typed reference, plus the resource methods.
 *
 * @example
 * import { type } from 'arktype';
 * import type { V1Deployment } from '@kubernetes/client-node';
 * import { kubernetesComposition, type Enhanced } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web: Enhanced<V1Deployment> = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * app.graph.resources.length; // => 1
 */
export type Enhanced<TManifest, TStatus = never> = [TStatus] extends [never]
  ? ResourceFields<TManifest> & ResourceMethods<ResourceFields<TManifest>> & { readonly apiVersion: string; readonly kind: string }
  : Enhanced<SpecStatusObject<TManifest, TStatus>>;

/**
 * A Kubernetes object with a typed spec and status: what `Enhanced<Spec, Status>` and
 * `externalRef<Spec, Status>(...)` handle.
 *
 * @example
 * import type { SpecStatusObject } from 'typekro';
 * const db: SpecStatusObject<{ size: string }, { ready: boolean }> = { apiVersion: 'example.com/v1', kind: 'Database', metadata: { name: 'db' }, spec: { size: 's' }, status: { ready: true } };
 * db.status.ready; // => true
 */
export interface SpecStatusObject<TSpec, TStatus> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string; generation?: number };
  readonly spec: TSpec;
  readonly status: TStatus;
}

/**
 * Options every factory takes besides its own fields.
 *
 * @example
 * import type { FactoryOptions } from 'typekro';
 * const options: FactoryOptions = { id: 'webDeployment' };
 * options.id; // => 'webDeployment'
 */
export interface FactoryOptions {
  /** Explicit KRO resource id; by default the variable name the result is assigned to. */
  readonly id?: string;
}

/**
 * Every factory by the name it is exported under, and what it makes (`apiVersion kind`, plus the model for
 * generated kinds). It only ever grows as modules load (a name maps to the same factories in every call), so it
 * is a registry of the loaded code, not state of a call. Two modules may export different factories under one
 * name (`cluster` of typekro/cnpg and of a user's own import); only a lookup by that name is then ambiguous.
 */
const factories = new Map<string, Map<string, (config: never) => unknown>>();

function addFactory(name: string, identity: string, factory: (config: never) => unknown): void {
  const byIdentity = factories.get(name) ?? new Map<string, (config: never) => unknown>();
  // The same kind registered again (a module loaded twice, e.g. from src/ and dist/) is the same factory.
  if (!byIdentity.has(identity)) byIdentity.set(identity, factory);
  factories.set(name, byIdentity);
}

/**
 * Registers `wrapper` in place of `original` (under the same name and kind): a wrapper that adds to what a
 * factory makes (an operator's readiness rule, `withReadiness`) is then also what a call in a skipped branch,
 * made from source by name, runs. Nothing changes when `original` is not registered.
 *
 * @example
 * ```ts
 * const ready = (input: never) => addRule(s3Bucket(input));
 * replaceRegisteredFactory(s3Bucket as (config: never) => unknown, ready);
 * ```
 */
export function replaceRegisteredFactory(original: (config: never) => unknown, wrapper: (config: never) => unknown): void {
  for (const byIdentity of factories.values()) {
    for (const [identity, factory] of byIdentity) if (factory === original) byIdentity.set(identity, wrapper);
  }
}

/** True for the name of a TypeKro resource factory (used to spot factory calls that never ran). */
export function isFactoryName(name: string | undefined): boolean {
  return name !== undefined && (factories.has(name) || name === 'externalRef' || name === 'customResource');
}

/**
 * The factory exported under `name` (`Deployment`, `configMap`), for calls that JavaScript never made.
 * Throws when factories of different kinds share the name: taking either one would silently make the wrong kind.
 */
export function factoryByName(name: string): ((config: never) => unknown) | undefined {
  const byIdentity = factories.get(name);
  if (!byIdentity || byIdentity.size <= 1) return byIdentity?.values().next().value;
  throw new TypeKroError(
    'DEFINITION_INVALID',
    `the factory name "${name}" belongs to ${byIdentity.size} loaded factories of different kinds (${[...byIdentity.keys()].join('; ')}), ` +
      'so a call of it in a skipped branch cannot be made from source: create the resource unconditionally with .withIncludeWhen(<condition>), ' +
      'or import only one module that exports this name',
  );
}

/**
 * Wraps a manifest builder into a factory.
 *
 * @example
 * const configMap = defineFactory<{ name: string; data: Record<string, string> }, V1ConfigMap>(
 *   'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', modelName: 'V1ConfigMap' },
 *   (c) => ({ metadata: { name: c.name }, data: c.data }));
 */
export function defineFactory<TConfig extends FactoryOptions, TManifest>(
  factoryName: string,
  info: KindInfo,
  build: (config: TConfig) => Record<string, unknown>,
): (config: TConfig) => Enhanced<TManifest> {
  const factory = (config: TConfig): Enhanced<TManifest> => {
    const run = currentRun();
    if (!run) throw outsideComposition(factoryName);
    if (!isPrepared(config) && (config as { id?: unknown }).id !== undefined) {
      const hint = `write a literal id, or one call per case (\`if (spec.prod) ${factoryName}({ id: 'prodX', ... }) else ${factoryName}({ id: 'devX', ... })\`)`;
      requireFixed({ what: 'the resource id', position: 0, path: ['id'], hint });
    }
    const prepared = (isPrepared(config) ? config : run.prepareArguments(factoryName, config)) as TConfig;
    // Passed, not bound to a name: under tsx a named closure is renamed (`__name`) each time it is made.
    const body = run.buildManifest ? run.buildManifest(prepared, (options) => buildChecked(factoryName, options as TConfig, build)) : buildChecked(factoryName, prepared, build);
    const record = newRecord(info, { apiVersion: info.apiVersion, kind: info.kind, ...body }, prepared.id);
    run.register(record);
    return handleOf<Enhanced<TManifest>>(record);
  };
  addFactory(factoryName, `${info.apiVersion} ${info.kind}${info.modelName ? ` (${info.modelName})` : ''}`, factory as (config: never) => unknown);
  return factory;
}

const PREPARED = Symbol.for('typekro.preparedArguments');

/**
 * Marks a config a wrapper built from its own arguments, each already compiled from source
 * (`run.prepareArguments(name, value, position)`): the factory it calls must not read the call's first
 * argument as this config.
 */
export function preparedConfig<T extends object>(config: T): T {
  Object.defineProperty(config, PREPARED, { value: true, enumerable: false });
  return config;
}

/** True for a config marked by {@link preparedConfig}. */
export function isPrepared(config: unknown): boolean {
  return typeof config === 'object' && config !== null && (config as { [PREPARED]?: boolean })[PREPARED] === true;
}

/**
 * Registers a complete manifest read from elsewhere (a YAML file) as a resource with an explicit id: no
 * argument rewriting from source, since the call's arguments are not the manifest.
 */
export function registerManifest(manifest: Record<string, unknown> & { apiVersion: string; kind: string }, id: string | undefined, factoryName: string): Enhanced<Record<string, unknown>> {
  const run = currentRun();
  if (!run) throw outsideComposition(factoryName);
  const record = newRecord({ apiVersion: manifest.apiVersion, kind: manifest.kind }, manifest, id);
  record.bindsDeclaration = false;
  run.register(record);
  return handleOf<Enhanced<Record<string, unknown>>>(record);
}

/** Makes a non-`defineFactory` function known by name, so a call of it in a skipped branch can be made from source. */
export function registerFactoryName(name: string, factory: (config: never) => unknown): void {
  addFactory(name, name, factory);
}

/** A read-only reference to an object that exists already (KRO `externalRef`). */
export function registerExternal<TManifest>(info: KindInfo, target: ExternalRefTarget, id?: string): Enhanced<TManifest> {
  const run = currentRun();
  if (!run) throw outsideComposition('externalRef');
  const record = newRecord(info, {}, id, target);
  run.register(record);
  return handleOf<Enhanced<TManifest>>(record);
}

/** The reference handle, unless the run hands out its own (a concrete run's observed values). */
function handleOf<T>(record: ResourceRecord): T {
  const handle = resourceHandle<T>(record, loopHooks);
  const run = currentRun();
  return (run?.handleFor ? run.handleFor(record, handle) : handle) as T;
}

function newRecord(
  info: KindInfo,
  manifest: Record<string, unknown>,
  id: string | undefined,
  external?: ExternalRefTarget,
): ResourceRecord {
  checkFixedId(id, info.kind);
  const { id: _ignored, ...clean } = manifest as Record<string, unknown> & { id?: unknown };
  return {
    id: id ?? '',
    apiVersion: info.apiVersion,
    kind: info.kind,
    ...(info.modelName ? { modelName: info.modelName } : {}),
    // Once, here, so the RGD, instance, plan and direct apply all see wire names (`from`, not `_from`).
    manifest: hasWireNames(info.modelName) ? wireManifest(info, info.modelName, clean) : clean,
    ...(external ? { external } : {}),
    explicitId: id !== undefined,
    readyWhen: [],
    includeWhen: [],
    forEach: [],
    iterators: [],
    dependsOn: [],
  };
}

/**
 * A resource id is fixed when the composition is defined; the original TypeKro's per-item `` id: `worker-${w.name}` ``
 * in a loop has no KRO meaning (a loop is one collection with one id), so it is refused with the form to write.
 */
function checkFixedId(id: unknown, kind: string): void {
  if (id === undefined) return;
  if (isRef(id) || (typeof id === 'string' && hasMarkers(id))) {
    const fixed = typeof id === 'string' ? splitMarkers(id).filter((part): part is string => typeof part === 'string').join('').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()) || 'items' : 'items';
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${kind}: id ${describeValue(id)} depends on the spec or a loop item, but a resource id is fixed when the composition is defined ` +
        `(in a loop, every item belongs to one KRO collection with one id). Write a fixed id, e.g. id: '${fixed.charAt(0).toLowerCase()}${fixed.slice(1)}', ` +
        'and keep the per-item part in the name, or leave id out: the variable or the kind names the resource',
    );
  }
}
