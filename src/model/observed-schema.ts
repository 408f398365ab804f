/**
 * The OpenAPI schema of a model, for typing observed objects without a cluster. On a cluster, KRO and direct
 * mode type every object they read by the schema the API server publishes for its kind
 * (runtime/kube/openapi.ts, runtime/cel/convert.ts `openApiToCel`): a Secret's `data` entries are bytes,
 * `date-time` fields timestamps, `integer` fields ints. Offline, the same conversion gets the schema the
 * compiler typed the kind by (its client-node model, or the schema a `crdFactory` kind registered), so the
 * compiled CEL sees the values it sees on a cluster.
 */
import type { CompositionGraph } from '../ir/graph.js';
import type { OpenApiSchema } from '../ir/openapi.js';
import type { CelType } from '../ir/types.js';
import { modelType } from './kube-types.js';

/**
 * The schema of model `modelName` (`V1Secret`), or `undefined` for a model TypeKro has no type for. `memo`
 * (owned by the caller) shares the schema of each type: models are recursive (`JSONSchemaProps`) and share
 * their parts (`V1ObjectMeta`).
 *
 * @example
 * ```ts
 * modelSchema('V1Secret', new Map())?.properties?.data; // { type: 'object', additionalProperties: { type: 'string', format: 'byte' } }
 * ```
 */
export function modelSchema(modelName: string, memo: Map<CelType, OpenApiSchema>): OpenApiSchema | undefined {
  const type = modelType(modelName);
  return type && schemaOf(type, memo);
}

/**
 * The schema of each resource of `graph` whose kind TypeKro has a type for, by id (of one item for a
 * collection): what the planner's `PlanInput.schemas` takes offline, where direct mode reads it from the API server.
 *
 * @example
 * ```ts
 * observedSchemas(app.graph).get('creds')?.properties?.data; // { type: 'object', additionalProperties: { type: 'string', format: 'byte' } }
 * ```
 */
export function observedSchemas(graph: CompositionGraph): ReadonlyMap<string, OpenApiSchema> {
  const memo = new Map<CelType, OpenApiSchema>();
  const schemas = new Map<string, OpenApiSchema>();
  for (const resource of graph.resources) {
    const schema = resource.model === undefined ? undefined : modelSchema(resource.model, memo);
    if (schema) schemas.set(resource.id, schema);
  }
  return schemas;
}

function schemaOf(type: CelType, memo: Map<CelType, OpenApiSchema>): OpenApiSchema {
  const known = memo.get(type);
  if (known) return known;
  switch (type.kind) {
    case 'int':
      return { type: 'integer' };
    case 'double':
      return { type: 'number' };
    case 'string':
      return { type: 'string' };
    case 'bool':
      return { type: 'boolean' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'duration':
      return { type: 'string', format: 'duration' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    case 'list':
      return { type: 'array', items: schemaOf(type.item, memo) };
    case 'map':
      return { type: 'object', additionalProperties: schemaOf(type.value, memo) };
    case 'object': {
      // Registered before its fields are filled, so a recursive model ends at itself.
      const properties: Record<string, OpenApiSchema> = {};
      const schema: OpenApiSchema = { type: 'object', properties, ...(type.open ? { 'x-kubernetes-preserve-unknown-fields': true } : {}) };
      memo.set(type, schema);
      for (const [name, field] of Object.entries(type.fields)) properties[name] = schemaOf(field.type, memo);
      return schema;
    }
    default:
      // dyn (int-or-string, untyped parts) and null: plain JSON, as an untyped part of a published schema.
      return {};
  }
}
