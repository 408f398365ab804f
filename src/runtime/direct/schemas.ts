/**
 * The OpenAPI schemas of one run's observed objects, by resource id: KRO types every resource it reads
 * by its kind's schema (`pkg/runtime/node_context.go`), so direct mode does too (a Secret's `data` is
 * bytes, `metadata.creationTimestamp` a timestamp). Kept per run; the documents they come from may be kept
 * longer (`OpenApiDocuments`, held by the factory), keyed by content hash so a CRD changed between runs is seen.
 */
import type { OpenApiSchema } from '../cel/index.js';
import type { KubeObject } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { schemaLookup, type OpenApiDocuments, type SchemaLookup } from '../kube/openapi.js';

export class SchemaCache {
  private readonly lookup: SchemaLookup;
  private readonly schemas = new Map<string, OpenApiSchema>();

  constructor(client: KubeClient, documents?: OpenApiDocuments) {
    this.lookup = schemaLookup(client, documents);
  }

  /** The schemas known so far, for `PlanInput.schemas`. */
  get byId(): ReadonlyMap<string, OpenApiSchema> {
    return this.schemas;
  }

  /** Learns the schema of resource `id` from one of its objects (once per id). */
  async remember(id: string, object: KubeObject, call: CallOptions): Promise<void> {
    if (this.schemas.has(id)) return;
    const schema = await this.lookup(String(object.apiVersion), String(object.kind), call);
    if (schema) this.schemas.set(id, schema);
  }
}

/**
 * The planner's `schemas` for a session. A resource's schema is learnt before its first object is recorded
 * as observed, so plans cached by observed object never saw it untyped.
 */
export function schemasOf(session: { readonly schemas?: SchemaCache }): { schemas?: ReadonlyMap<string, OpenApiSchema> } {
  return session.schemas ? { schemas: session.schemas.byId } : {};
}
