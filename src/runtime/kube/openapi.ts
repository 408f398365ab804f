/**
 * The OpenAPI v3 schema of a kind, as the API server publishes it (`/openapi/v3/<group-version>`), with
 * every `$ref` resolved in place: what KRO types observed objects with (`pkg/graph/schema/resolver`,
 * apiserver's `resolver.PopulateRefs`), so direct mode hands CEL the same values (a Secret's `data` as
 * bytes, timestamps as timestamps).
 */
import type { OpenApiSchema } from '../cel/index.js';
import type { CallOptions, KubeClient } from './client.js';

/** The schema of `kind` in `apiVersion`, or `undefined` when the server publishes none (then CEL sees plain JSON). */
export type SchemaLookup = (apiVersion: string, kind: string, options?: CallOptions) => Promise<OpenApiSchema | undefined>;

type RawSchema = Record<string, unknown>;
interface GroupVersionKind {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
}

/**
 * A lookup that reads each group-version document once per lookup (one lookup per deploy: a CRD applied
 * by the deploy itself is seen, and a kind not served yet is asked again later).
 *
 * @example
 * ```ts
 * const schemaOf = schemaLookup(client);
 * const secret = await schemaOf('v1', 'Secret'); // secret.properties.data.additionalProperties.format === 'byte'
 * ```
 */
export function schemaLookup(client: KubeClient): SchemaLookup {
  const documents = new Map<string, Promise<RawSchema | undefined>>();
  const resolved = new Map<string, OpenApiSchema | undefined>();
  return async (apiVersion, kind, options = {}) => {
    const key = `${apiVersion}/${kind}`;
    if (resolved.has(key)) return resolved.get(key);
    const path = apiVersion.includes('/') ? `/openapi/v3/apis/${apiVersion}` : `/openapi/v3/api/${apiVersion}`;
    let document = documents.get(path);
    if (!document) {
      document = client.readPath(path, options).then((json) => (isRecord(json) ? json : undefined));
      documents.set(path, document);
      // A failed read is not remembered: the next lookup asks again.
      document.catch(() => documents.delete(path));
    }
    const schema = kindSchema(await document, apiVersion, kind);
    // Not found yet (a CRD being established): ask again next time.
    if (schema === undefined) documents.delete(path);
    else resolved.set(key, schema);
    return schema;
  };
}

/**
 * The resolved schema of `kind` in one group-version document: the component whose
 * `x-kubernetes-group-version-kind` names it, with its references populated.
 *
 * @example
 * ```ts
 * kindSchema(document, 'apps/v1', 'Deployment')?.properties?.spec; // { type: 'object', properties: { replicas: ... } }
 * ```
 */
export function kindSchema(document: RawSchema | undefined, apiVersion: string, kind: string): OpenApiSchema | undefined {
  const components = isRecord(document?.components) && isRecord(document.components.schemas) ? (document.components.schemas as Record<string, RawSchema>) : undefined;
  if (!components) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const matches = (gvk: GroupVersionKind): boolean => (gvk.group ?? '') === group && gvk.version === version && gvk.kind === kind;
  const name = Object.keys(components).find((candidate) => {
    const gvks = components[candidate]?.['x-kubernetes-group-version-kind'];
    return Array.isArray(gvks) && gvks.some((gvk) => isRecord(gvk) && matches(gvk as GroupVersionKind));
  });
  if (name === undefined) return undefined;
  return populateRefs(components[name]!, (ref) => components[ref.replace(/^#\/components\/schemas\//, '')], new Set([name]));
}

/**
 * apiserver's `PopulateRefs`: a schema that is a `$ref` (or an `allOf` wrapping one, kube-openapi's way to
 * keep a description) is replaced by the schema referred to; properties, additionalProperties and items
 * recursively; a reference back into itself becomes a plain `object` (recursive types such as
 * JSONSchemaProps).
 */
function populateRefs(schema: RawSchema, schemaOf: (ref: string) => RawSchema | undefined, visiting: Set<string>): OpenApiSchema {
  const ref = refOf(schema);
  let result = schema;
  if (ref !== undefined) {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    if (visiting.has(name)) return { type: 'object' };
    const target = schemaOf(ref);
    if (!target) return {};
    visiting = new Set([...visiting, name]);
    result = target;
  }
  const out: Record<string, unknown> = { ...result };
  delete out.$ref;
  delete out.allOf;
  delete out.description;
  if (isRecord(result.properties)) {
    out.properties = Object.fromEntries(Object.entries(result.properties).map(([key, value]) => [key, isRecord(value) ? populateRefs(value, schemaOf, visiting) : value]));
  }
  if (isRecord(result.additionalProperties)) out.additionalProperties = populateRefs(result.additionalProperties, schemaOf, visiting);
  if (isRecord(result.items)) out.items = populateRefs(result.items, schemaOf, visiting);
  return out as OpenApiSchema;
}

function refOf(schema: RawSchema): string | undefined {
  if (typeof schema.$ref === 'string') return schema.$ref;
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const ref = isRecord(part) ? refOf(part) : undefined;
      if (ref !== undefined) return ref;
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
