/**
 * Breaking schema changes, found before an RGD update is applied. KRO refuses to update the instance CRD
 * when a change would break existing instances (it then keeps the old schema while the RGD may still look
 * accepted), so TypeKro compares the live RGD's SimpleSchema with the new one first and explains.
 */
import type { OpenApiSchema } from '../../ir/openapi.js';

type SimpleSchemaMap = { readonly [field: string]: unknown };

interface Field {
  readonly type: string;
  readonly required: boolean;
  readonly enum?: readonly string[];
  readonly pattern?: string;
}

/**
 * A schema change KRO would refuse as breaking: the field path and what changed.
 *
 * @example
 * import type { SchemaChange } from 'typekro';
 * const change: SchemaChange = { path: 'spec.size', problem: 'removed' };
 * change.problem; // => 'removed'
 */
export interface SchemaChange {
  readonly path: string;
  readonly problem: string;
}

/**
 * The breaking changes from `before` to `after` (each an RGD `spec.schema` with `spec`, `types` and
 * `status`). KRO's CRD compatibility check covers the status too: a status field removed is refused like a
 * spec field (KRO v0.9.4: "breaking changes detected: Property b was removed"). A status field's type is
 * inferred by KRO from its expression, so only its presence (and being a field or an object) is compared.
 */
export function breakingChanges(before: RgdSchema, after: RgdSchema): SchemaChange[] {
  return compareFields(flatten(before), flatten(after));
}

/** An RGD's `spec.schema`, as far as its compatibility is concerned. */
type RgdSchema = { readonly spec?: unknown; readonly types?: unknown; readonly status?: unknown };

/**
 * The breaking changes from a CRD KRO generated earlier (its `spec` OpenAPI schema, as served) to a new
 * RGD `spec.schema`: what KRO's `crd/compat` would refuse when the new RGD takes the kept CRD over.
 *
 * @example
 * ```ts
 * crdBreakingChanges(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec, rgd.spec.schema);
 * // [{ path: 'spec.level', problem: 'field removed' }]
 * ```
 */
export function crdBreakingChanges(crdSpec: OpenApiSchema | undefined, after: { spec?: unknown; types?: unknown }): SchemaChange[] {
  const old = new Map<string, Field>();
  if (crdSpec) walkOpenApi(crdSpec, 'spec', old, 0);
  old.delete('spec');
  return compareFields(old, flatten(after));
}

/** OpenAPI → the SimpleSchema type names `flatten` produces (`float`, `[]string`, `map[string]object`). */
function openApiType(field: OpenApiSchema): string {
  switch (field.type) {
    case 'number':
      return 'float';
    case 'array':
      return `[]${field.items ? openApiType(field.items) : 'object'}`;
    case 'object':
      return typeof field.additionalProperties === 'object' ? `map[string]${openApiType(field.additionalProperties)}` : 'object';
    default:
      return field.type ?? 'object';
  }
}

function walkOpenApi(field: OpenApiSchema, path: string, out: Map<string, Field>, depth: number, required = false): void {
  if (depth > 16) return;
  out.set(path, {
    type: openApiType(field),
    required,
    ...(field.enum ? { enum: field.enum.map(String) } : {}),
    ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
  });
  for (const [name, child] of Object.entries(field.properties ?? {})) walkOpenApi(child, `${path}.${name}`, out, depth + 1, field.required?.includes(name) ?? false);
  const element = field.type === 'array' ? field.items : typeof field.additionalProperties === 'object' ? field.additionalProperties : undefined;
  if (element?.properties) for (const [name, child] of Object.entries(element.properties)) walkOpenApi(child, `${path}[].${name}`, out, depth + 1, element.required?.includes(name) ?? false);
}

function compareFields(old: ReadonlyMap<string, Field>, next: ReadonlyMap<string, Field>): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [path, field] of old) {
    const now = next.get(path);
    if (!now) {
      changes.push({ path, problem: 'field removed' });
      continue;
    }
    if (now.type !== field.type) changes.push({ path, problem: `type changed from ${field.type} to ${now.type}` });
    const removed = field.enum && now.enum ? field.enum.filter((value) => !now.enum!.includes(value)) : [];
    if (removed.length > 0 || (!field.enum && now.enum)) {
      changes.push({ path, problem: `allowed values narrowed${removed.length ? ` (removed ${removed.join(', ')})` : ''}` });
    }
    if (now.pattern !== field.pattern && now.pattern !== undefined) changes.push({ path, problem: 'pattern changed' });
  }
  for (const [path, field] of next) {
    if (field.required && !old.get(path)?.required) changes.push({ path, problem: 'new required field' });
  }
  return changes;
}

function flatten(schema: RgdSchema): Map<string, Field> {
  const types = (schema.types ?? {}) as SimpleSchemaMap;
  const fields = new Map<string, Field>();
  walk((schema.spec ?? {}) as SimpleSchemaMap, 'spec', types, fields, 0);
  walkStatus(schema.status, 'status', fields, 0);
  return fields;
}

/** The status fields an RGD declares (each value an expression, or an object of them). */
function walkStatus(value: unknown, prefix: string, out: Map<string, Field>, depth: number): void {
  if (depth > 16 || !value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [name, item] of Object.entries(value as SimpleSchemaMap)) {
    const path = `${prefix}.${name}`;
    const nested = item !== null && typeof item === 'object' && !Array.isArray(item);
    out.set(path, { type: nested ? 'object' : 'a value', required: false });
    if (nested) walkStatus(item, path, out, depth + 1);
  }
}

function walk(map: SimpleSchemaMap, prefix: string, types: SimpleSchemaMap, out: Map<string, Field>, depth: number): void {
  if (depth > 16) return;
  for (const [name, value] of Object.entries(map)) {
    const path = `${prefix}.${name}`;
    if (typeof value !== 'string') {
      out.set(path, { type: 'object', required: false });
      if (value && typeof value === 'object') walk(value as SimpleSchemaMap, path, types, out, depth + 1);
      continue;
    }
    const field = parseField(value);
    out.set(path, { ...field, type: normalType(field.type, types, 0) });
    expandCustomType(field.type, path, types, out, depth);
  }
}

/** `[]Item`, `map[string]Item` and `Item` expand into the custom type's fields. */
function expandCustomType(type: string, path: string, types: SimpleSchemaMap, out: Map<string, Field>, depth: number): void {
  const element = /^\[\](.+)$/.exec(type)?.[1] ?? /^map\[string\](.+)$/.exec(type)?.[1];
  const name = element ?? type;
  const custom = types[name];
  const inner = element ? `${path}[]` : path;
  if (custom && typeof custom === 'object') walk(custom as SimpleSchemaMap, inner, types, out, depth + 1);
  if (typeof custom === 'string') {
    const alias = parseField(custom);
    if (element) out.set(inner, { ...alias, type: normalType(alias.type, types, 0) });
    expandCustomType(alias.type, inner, types, out, depth + 1);
  }
}

/** A type with custom type names replaced by what they are (`[]Item` → `[]object`), so both sides compare alike. */
function normalType(type: string, types: SimpleSchemaMap, depth: number): string {
  if (depth > 16) return type;
  const list = /^\[\](.+)$/.exec(type)?.[1];
  if (list) return `[]${normalType(list, types, depth + 1)}`;
  const map = /^map\[string\](.+)$/.exec(type)?.[1];
  if (map) return `map[string]${normalType(map, types, depth + 1)}`;
  const custom = types[type];
  if (custom === undefined) return type;
  return typeof custom === 'string' ? normalType(parseField(custom).type, types, depth + 1) : 'object';
}

function parseField(text: string): Field {
  const bar = text.indexOf('|');
  const type = (bar < 0 ? text : text.slice(0, bar)).trim();
  const markers = bar < 0 ? '' : text.slice(bar + 1);
  const enumText = /\benum="([^"]*)"/.exec(markers)?.[1];
  const pattern = /\bpattern="((?:[^"\\]|\\.)*)"/.exec(markers)?.[1];
  return {
    type,
    required: /\brequired=true\b/.test(markers),
    ...(enumText !== undefined ? { enum: enumText.split(',').map((value) => value.trim()) } : {}),
    ...(pattern !== undefined ? { pattern } : {}),
  };
}
