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
 * Group-version documents and the schemas resolved from them, kept across lookups by whoever holds it (a
 * factory, for its lifetime). Entries are keyed by the document's URL in the server's `/openapi/v3` index,
 * which carries a hash of its content: a CRD changed since is a new URL, read again, and replaces the old entry.
 *
 * @example
 * ```ts
 * const documents = openApiDocuments();
 * await schemaLookup(client, documents)('v1', 'Secret'); // reads /openapi/v3 and /openapi/v3/api/v1?hash=...
 * await schemaLookup(client, documents)('v1', 'Secret'); // reads /openapi/v3 only
 * ```
 */
export interface OpenApiDocuments {
  /** By group-version path: the hashed URL it was read from, and the document. */
  readonly byPath: Map<string, { readonly url: string; readonly document: Promise<RawSchema | undefined> }>;
  /** Resolved schemas by `<hashed url> <kind>`. */
  readonly resolved: Map<string, OpenApiSchema>;
}

/** An empty {@link OpenApiDocuments}. */
export function openApiDocuments(): OpenApiDocuments {
  return { byPath: new Map(), resolved: new Map() };
}

/**
 * A lookup for one run (a deploy or a plan): it reads the server's `/openapi/v3` index once, and each
 * group-version document the index names once, from `documents` when it holds the same hashed URL. A kind
 * not served yet (a CRD applied by this run, still being established) reads the index again next time.
 * Without `documents`, nothing outlives the lookup.
 *
 * @example
 * ```ts
 * const schemaOf = schemaLookup(client);
 * const secret = await schemaOf('v1', 'Secret'); // secret.properties.data.additionalProperties.format === 'byte'
 * ```
 */
export function schemaLookup(client: KubeClient, documents: OpenApiDocuments = openApiDocuments()): SchemaLookup {
  // Documents read without a content hash in their URL could change unseen: they are kept for this run only.
  const unhashed = openApiDocuments();
  let index: Promise<Record<string, string> | undefined> | undefined;
  const urlOf = async (path: string, options: CallOptions): Promise<string | undefined> => {
    if (!index) {
      const read = client.readPath('/openapi/v3', options).then(indexOf);
      // A failed read is not remembered: the next lookup asks again.
      read.catch(() => index === read && (index = undefined));
      index = read;
    }
    const urls = await index;
    // A server without the index (older than OpenAPI v3 discovery) still serves the documents by path.
    return urls === undefined ? path : urls[path];
  };
  return async (apiVersion, kind, options = {}) => {
    const path = apiVersion.includes('/') ? `/openapi/v3/apis/${apiVersion}` : `/openapi/v3/api/${apiVersion}`;
    const url = await urlOf(path, options);
    if (url === undefined) {
      index = undefined; // not served yet: read the index again next time
      return undefined;
    }
    const cache = url.includes('hash=') ? documents : unhashed;
    const key = `${url} ${kind}`;
    const known = cache.resolved.get(key);
    if (known) return known;
    let entry = cache.byPath.get(path);
    if (entry?.url !== url) {
      if (entry) for (const old of cache.resolved.keys()) if (old.startsWith(`${entry.url} `)) cache.resolved.delete(old);
      const read = { url, document: client.readPath(url, options).then(parsed).then((json) => (isRecord(json) ? json : undefined)) };
      read.document.catch(() => cache.byPath.get(path) === read && cache.byPath.delete(path));
      cache.byPath.set(path, read);
      entry = read;
    }
    const schema = kindSchema(await entry.document, apiVersion, kind);
    if (schema === undefined) {
      // Not in this document yet (a CRD being established): read the index and the document again next time.
      index = undefined;
      if (cache.byPath.get(path) === entry) cache.byPath.delete(path);
    } else cache.resolved.set(key, schema);
    return schema;
  };
}

/** `/openapi/v3`'s `paths`: group-version path to the server-relative URL carrying the content hash. */
function indexOf(body: unknown): Record<string, string> | undefined {
  const json = parsed(body);
  if (!isRecord(json) || !isRecord(json.paths)) return undefined;
  const urls: Record<string, string> = {};
  for (const [path, entry] of Object.entries(json.paths)) {
    if (isRecord(entry) && typeof entry.serverRelativeURL === 'string') urls[`/openapi/v3/${path}`] = entry.serverRelativeURL;
  }
  return urls;
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

/** client-node returns a body it does not recognise as a Kubernetes object as text (`/openapi/v3` is one). */
function parsed(body: unknown): unknown {
  return typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
