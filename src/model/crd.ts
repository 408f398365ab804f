/**
 * Factories for kinds defined by a CustomResourceDefinition, as `typekro import` generates them: the
 * factory carries the kind's structural schema as data, so the compiler types references into the object
 * from it (a misspelled status field is an error, an integer is an int) and tests can install an
 * equivalent CRD without the upstream files.
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { OpenApiSchema } from '../ir/openapi.js';
import { T, type CelType, type FieldType } from '../ir/types.js';
import { TypeKroError } from '../util/errors.js';
import { userFrames } from './call-site.js';
import { checkCrdValues } from './crd-values.js';
import { defineFactory, type Enhanced, type FactoryOptions } from './factory.js';
import { modelType, registerModelType } from './kube-types.js';
import { registerKindScope } from '../util/kinds.js';
import { currentRun } from './run.js';

/**
 * The structural OpenAPI v3 schema of a CRD version, as far as TypeKro reads it (the one `OpenApiSchema`).
 *
 * @example
 * import type { CrdSchema } from 'typekro';
 * const schema: CrdSchema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } };
 * schema.type; // => 'object'
 */
export type CrdSchema = OpenApiSchema;

/**
 * One served version of a CRD's kind: what a generated factory is made from.
 *
 * @example
 * import type { CrdKind } from 'typekro';
 * const cache: CrdKind = { group: 'example.com', version: 'v1', kind: 'Cache', plural: 'caches', scope: 'Namespaced', factoryName: 'cache', schema: { type: 'object' } };
 * cache.plural; // => 'caches'
 */
export interface CrdKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The name the factory is exported under: compositions call it by this name. */
  readonly factoryName: string;
  readonly schema: CrdSchema;
  /** The CRD's storage version (exactly one version of a CRD is). */
  readonly storage?: boolean;
  /** The CRD version's `subresources` (`status`, `scale`), so an equivalent CRD behaves the same. */
  readonly subresources?: Readonly<Record<string, unknown>>;
  /** The CRD's `api-approved.kubernetes.io` annotation: the API server requires it for `*.k8s.io` groups. */
  readonly apiApproved?: string;
}

/**
 * Object metadata a factory takes: `metadata: { name, ... }` as in a manifest, or `name`/`namespace`/
 * `labels`/`annotations` at the top level (the original TypeKro's integration style).
 *
 * @example
 * import type { CrdMetadataInput } from 'typekro';
 * const a: CrdMetadataInput = { metadata: { name: 'web' } };
 * const b: CrdMetadataInput = { name: 'web', namespace: 'apps' };
 * [a, b].length; // => 2
 */
export type CrdMetadataInput =
  | { readonly metadata: V1ObjectMeta & { name: string }; readonly name?: never; readonly namespace?: never }
  | { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string>; readonly metadata?: never };

/**
 * What a generated factory takes: the object's own fields (`spec` and any other top-level field the schema
 * declares, required as the schema says), its metadata, and factory options.
 *
 * @example
 * import type { CrdInput } from 'typekro';
 * const input: CrdInput<{ spec: { size: number } }> = { name: 'cache', spec: { size: 2 } };
 * input.spec.size; // => 2
 */
export type CrdInput<TBody> = Omit<TBody, 'status' | 'apiVersion' | 'kind' | 'metadata'> & CrdMetadataInput & FactoryOptions;

/**
 * The object a generated factory returns a handle to: identity, metadata, and the schema's fields.
 *
 * @example
 * import type { CrdObject } from 'typekro';
 * const object: CrdObject<{ status?: { ready: boolean } }> = { apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name: 'c' } };
 * object.kind; // => 'Cache'
 */
export type CrdObject<TBody> = { apiVersion: string; kind: string; metadata: V1ObjectMeta } & Omit<TBody, 'apiVersion' | 'kind' | 'metadata'>;

/**
 * A generated factory: call it in a composition; `definition` is the kind and schema it was made from.
 *
 * @example
 * import type { CrdFactory } from 'typekro';
 * type CacheFactory = CrdFactory<{ spec: { size: number }; status?: { ready?: boolean } }>;
 * const kind: keyof CacheFactory = 'definition';
 * kind; // => 'definition'
 */
export type CrdFactory<TBody> = ((input: CrdInput<TBody>) => Enhanced<CrdObject<TBody>>) & { readonly definition: CrdKind };

/**
 * A factory for one served version of a CRD's kind. The default readiness is that of custom kinds (the
 * `Ready` condition for the current generation, see "What ready means"); `.withReadyWhen(...)` overrides it.
 *
 * @example
 * import { type } from 'arktype';
 * import { crdFactory, kubernetesComposition } from 'typekro';
 * interface Cache { spec: { size: number }; status?: { ready?: boolean } }
 * export const cache = crdFactory<Cache>({
 *   group: 'example.com', version: 'v1', kind: 'Cache', plural: 'caches', scope: 'Namespaced', factoryName: 'cache',
 *   schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', properties: { ready: { type: 'boolean' } } } } },
 * });
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ size: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const store = cache({ name: 'store', spec: { size: spec.size } });
 *     return { ready: store.status.ready };
 *   },
 * );
 * app.toYaml().includes('${store.status.ready}'); // => true
 */
export function crdFactory<TBody>(definition: CrdKind): CrdFactory<TBody> {
  checkDefinition(definition);
  const apiVersion = `${definition.group}/${definition.version}`;
  // The schema's digest is part of the name: two factories of one kind with different schemas (two generated
  // versions of an operator's module) each keep their own type instead of the first one loaded winning.
  const modelName = `crd:${apiVersion}/${definition.kind}@${schemaDigest(definition.schema)}`;
  registerModelType(modelName, () => schemaCelType(definition.schema, true));
  // the graph validation's offline knowledge of scope (a cluster-scoped composition's namespaced resource must name its namespace)
  registerKindScope(apiVersion, definition.kind, definition.scope);
  const factory = defineFactory<CrdInput<TBody>, CrdObject<TBody>>(
    definition.factoryName,
    { apiVersion, kind: definition.kind, modelName },
    (input) => {
      const { name, namespace, labels, annotations, metadata, ...body } = input as Record<string, unknown>;
      const meta = metadata ?? { name, ...(namespace === undefined ? {} : { namespace }), ...(labels === undefined ? {} : { labels }), ...(annotations === undefined ? {} : { annotations }) };
      checkCrdValues(definition.kind, (meta as { name?: unknown } | undefined)?.name ?? name, definition.schema, body, () => currentRun()?.callLocation?.() ?? userFrames()[0]);
      return { metadata: meta, ...body };
    },
  );
  return Object.assign(factory, { definition });
}

/** FNV-1a over the schema's JSON: a short, stable name part (this layer also runs in browsers: no node:crypto). */
function schemaDigest(schema: CrdSchema): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(schema)) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function checkDefinition(definition: CrdKind): void {
  for (const key of ['group', 'version', 'kind', 'plural', 'factoryName'] as const) {
    if (typeof definition[key] !== 'string' || definition[key] === '') {
      throw new TypeKroError('USAGE', `crdFactory: "${key}" must be a non-empty string (regenerate the module with typekro import)`);
    }
  }
}

/**
 * The compiler's type of a value with this schema, as KRO types it (integer → int, number → double,
 * date-time → timestamp, byte → bytes); a field may be absent unless the schema requires it. Unknown fields
 * are allowed only where the schema preserves them.
 */
export function schemaCelType(schema: CrdSchema | undefined, root = false): CelType {
  if (!schema) return T.dyn;
  if (schema['x-kubernetes-int-or-string']) return T.intOrString;
  switch (schema.type) {
    case 'object':
      return objectType(schema, root);
    case 'array':
      return T.list(schemaCelType(schema.items));
    case 'integer':
      return T.int;
    case 'number':
      return T.double;
    case 'boolean':
      return T.bool;
    case 'string':
      return stringType(schema.format);
    default:
      return T.dyn;
  }
}

function objectType(schema: CrdSchema, root: boolean): CelType {
  const embedded = root || schema['x-kubernetes-embedded-resource'] === true;
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (!schema.properties && !embedded) {
    if (typeof schema.additionalProperties === 'object') return T.map(schemaCelType(schema.additionalProperties));
    // Without properties or preserve-unknown-fields the API server prunes every field.
    return T.object({}, open);
  }
  const fields: Record<string, FieldType> = {};
  if (embedded) {
    fields.apiVersion = { type: T.string, optional: true };
    fields.kind = { type: T.string, optional: true };
    fields.metadata = { type: modelType('V1ObjectMeta') ?? T.dyn, optional: true };
  }
  // A required field is present in every object the API server stored (it validates writes, status too).
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (root && (name === 'apiVersion' || name === 'kind' || name === 'metadata')) continue;
    fields[name] = { type: schemaCelType(property), optional: !required.has(name) };
  }
  return T.object(fields, open);
}

function stringType(format: string | undefined): CelType {
  switch (format) {
    case 'date-time':
    case 'date':
      return { kind: 'timestamp' };
    case 'byte':
      return { kind: 'bytes' };
    case 'duration':
      return { kind: 'duration' };
    default:
      return T.string;
  }
}

/**
 * CustomResourceDefinitions equivalent to the ones factories were generated from (schemas without their
 * descriptions), one per group and plural with every version given: to install the kinds on a cluster
 * without the upstream files, e.g. in tests.
 *
 * @example
 * import { crdFactory, crdManifests } from 'typekro';
 * const cache = crdFactory({ group: 'example.com', version: 'v1', kind: 'Cache', plural: 'caches', scope: 'Namespaced', factoryName: 'cache', schema: { type: 'object' } });
 * crdManifests([cache])[0]?.metadata.name; // => 'caches.example.com'
 */
export function crdManifests(factories: readonly { readonly definition: CrdKind }[]): { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, unknown> }[] {
  const byName = new Map<string, CrdKind[]>();
  for (const { definition } of factories) {
    const name = `${definition.plural}.${definition.group}`;
    byName.set(name, [...(byName.get(name) ?? []), definition]);
  }
  return [...byName.entries()].map(([name, kinds]) => {
    const first = kinds[0]!;
    const storage = kinds.find((k) => k.storage) ?? first;
    const approved = kinds.find((k) => k.apiApproved)?.apiApproved;
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name, ...(approved ? { annotations: { 'api-approved.kubernetes.io': approved } } : {}) },
      spec: {
        group: first.group,
        names: { kind: first.kind, plural: first.plural, singular: first.kind.toLowerCase(), listKind: `${first.kind}List` },
        scope: first.scope,
        versions: kinds.map((k) => ({ name: k.version, served: true, storage: k === storage, schema: { openAPIV3Schema: k.schema }, ...(k.subresources ? { subresources: k.subresources } : {}) })),
      },
    };
  });
}
