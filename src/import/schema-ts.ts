/**
 * A CRD version's structural schema → the JSON Schema json-schema-to-typescript reads. Kubernetes' schema
 * extensions become TypeScript types here: int-or-string is `number | string`, preserve-unknown-fields keeps
 * an index signature, an embedded resource gets `apiVersion`/`kind`/`metadata`. `anyOf`/`oneOf`/`allOf`/`not`
 * only validate in a structural schema (their branches repeat fields declared in `properties`), so they are
 * dropped instead of becoming unions. Defaults and formats go into the description, which becomes TSDoc.
 * Every object with fields is titled by its path (`ClusterSpecBootstrapInitdb`), so it becomes a named
 * declaration of its own: the per-kind layout can then split a large kind's types across files.
 */
import type { compile } from 'json-schema-to-typescript';
import type { CrdSchema } from '../model/crd.js';
import { compareText } from './order.js';

/** json-schema-to-typescript's input (JSON Schema draft 4 with its `tsType` extension). */
type JSONSchema4 = Parameters<typeof compile>[0];

const EMBEDDED_METADATA = '{ name?: string; namespace?: string; labels?: { [key: string]: string }; annotations?: { [key: string]: string }; [key: string]: unknown }';

/** The root of a kind's schema without `apiVersion`, `kind`, `metadata` (the factory supplies them), titled for export. */
export function rootSchema(schema: CrdSchema, typeName: string): JSONSchema4 {
  const properties: Record<string, JSONSchema4> = {};
  for (const [name, property] of sortedEntries(schema.properties)) {
    if (name === 'apiVersion' || name === 'kind' || name === 'metadata') continue;
    properties[name] = toJsonSchema(property, `${typeName}${pascal(name)}`);
  }
  const required = (schema.required ?? []).filter((name) => name in properties);
  return {
    type: 'object',
    title: typeName,
    ...(schema.description ? { description: String(schema.description) } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/** Fields in name order: an API server returns them sorted, files in any order, and the module must not differ. */
const sortedEntries = (properties: CrdSchema['properties']): [string, CrdSchema][] => Object.entries(properties ?? {}).sort(([a], [b]) => compareText(a, b));

/** `tls_config` → `TlsConfig`: a field name as a segment of a type name. */
const pascal = (text: string): string => text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());

function describe(schema: CrdSchema): string | undefined {
  const lines: string[] = [];
  if (typeof schema.description === 'string' && schema.description.trim() !== '') lines.push(schema.description.trim());
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`);
  if (typeof schema.format === 'string' && schema.format !== '') lines.push(`Format: ${schema.format}.`);
  return lines.length > 0 ? lines.join('\n\n') : undefined;
}

/** One schema node, recursively; `title` names the declaration an object with fields becomes. */
export function toJsonSchema(schema: CrdSchema, title: string): JSONSchema4 {
  const description = describe(schema);
  const base: JSONSchema4 = description ? { description } : {};
  if (schema['x-kubernetes-int-or-string']) return { ...base, tsType: 'number | string' };
  if (Array.isArray(schema.enum)) return { ...base, enum: schema.enum.filter((value) => value !== null) as JSONSchema4['enum'] };
  switch (schema.type) {
    case 'object':
      return { ...base, ...objectSchema(schema, title) };
    case 'array':
      // An item is named after its array (`ContainersItem` would only add noise to every name).
      return { ...base, type: 'array', items: schema.items ? toJsonSchema(schema.items, title) : { tsType: 'unknown' } };
    case 'integer':
    case 'number':
      return { ...base, type: 'number' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'string':
      return { ...base, type: 'string' };
    default:
      // Untyped: anything (preserve-unknown-fields without a type, or a schema that only validates).
      return { ...base, tsType: 'unknown' };
  }
}

function objectSchema(schema: CrdSchema, title: string): JSONSchema4 {
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (!schema.properties && !embedded) {
    if (typeof schema.additionalProperties === 'object') return { type: 'object', additionalProperties: toJsonSchema(schema.additionalProperties, `${title}Value`) };
    // Without properties: preserved fields are anything; otherwise the API server prunes every field.
    return preserve || schema.additionalProperties === true ? { tsType: '{ [key: string]: unknown }' } : { tsType: 'Record<string, never>' };
  }
  const properties: Record<string, JSONSchema4> = {};
  if (embedded) {
    properties.apiVersion = { type: 'string' };
    properties.kind = { type: 'string' };
    properties.metadata = { tsType: EMBEDDED_METADATA };
  }
  for (const [name, property] of sortedEntries(schema.properties)) properties[name] = toJsonSchema(property, `${title}${pascal(name)}`);
  const required = (schema.required ?? []).filter((name) => name in properties);
  return {
    type: 'object',
    title,
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: preserve ? true : false,
  };
}
