/**
 * Schema IR → KRO SimpleSchema (the `spec` and `types` of an RGD's `schema`).
 *
 * Shape decisions (KRO v0.9.4 `pkg/simpleschema`):
 * - Required fields carry `required=true`: KRO infers nothing, a field is optional unless marked.
 * - A struct is a nested map when it needs no markers. A nested map cannot carry markers, so a struct that
 *   is required (and not implicitly defaulted to `{}`), has a default or a description becomes a custom
 *   type in `types` referenced as `Name | required=true …`.
 * - `[]T` and `map[string]T` take a type name, so struct elements become custom types, and elements with
 *   markers (e.g. `(string >= 2)[]`) become marker-carrying aliases (`TagsItem: string | minLength=2`).
 * - Custom type names come from the field path in UpperCamelCase (`containers[].ports[]` →
 *   `ContainersItemPortsItem`); fields are visited in sorted order, so names and collision suffixes are
 *   deterministic. Descriptions of struct *elements* are dropped: a map-typed custom type has no markers.
 */
import type { SchemaNode } from '../../ir/schema.js';
import { hasImpliedDefault } from './cel-type.js';
import { SchemaError } from './errors.js';
import { formatMarkers } from './markers.js';

export type SimpleSchemaField = string | SimpleSchemaMap;
export interface SimpleSchemaMap {
  readonly [field: string]: SimpleSchemaField;
}

export interface SimpleSchema {
  /** The RGD's `schema.spec`. */
  readonly spec: SimpleSchemaMap;
  /** The RGD's `schema.types`; empty when no custom type was needed. */
  readonly types: SimpleSchemaMap;
}

type Struct = Extract<SchemaNode, { kind: 'struct' }>;

/**
 * Prints a struct schema as SimpleSchema, keys sorted.
 *
 * @example
 * ```ts
 * schemaToSimpleSchema(arktypeToSchema(type({ name: 'string', 'replicas?': 'number.integer >= 1' }), { name: 'spec' }));
 * // { spec: { name: 'string | required=true', replicas: 'integer | minimum=1' }, types: {} }
 * ```
 */
export function schemaToSimpleSchema(root: SchemaNode, rootName = 'spec'): SimpleSchema {
  if (root.kind !== 'struct') throw new SchemaError(rootName, `must be a struct, got ${root.kind}`);
  const types = new Map<string, SimpleSchemaField>();
  const spec = structMap(root, rootName, types);
  const sortedTypes: Record<string, SimpleSchemaField> = {};
  for (const name of [...types.keys()].sort()) sortedTypes[name] = types.get(name) as SimpleSchemaField;
  return { spec, types: sortedTypes };
}

type Types = Map<string, SimpleSchemaField>;

function structMap(node: Struct, path: string, types: Types): SimpleSchemaMap {
  const out: Record<string, SimpleSchemaField> = {};
  for (const name of Object.keys(node.fields).sort()) {
    const field = node.fields[name] as SchemaNode;
    out[name] = fieldEntry(field, `${path}.${name}`, node.required.includes(name), types);
  }
  return out;
}

function fieldEntry(node: SchemaNode, path: string, required: boolean, types: Types): SimpleSchemaField {
  if (node.kind !== 'struct') return `${typeExpr(node, path, types)}${formatMarkers(node, required, path)}`;
  const needsRequired = required && !hasImpliedDefault(node);
  if (!needsRequired && node.markers.default === undefined && node.markers.description === undefined) {
    return structMap(node, path, types);
  }
  const name = register(path, types, () => structMap(node, path, types));
  return `${name}${formatMarkers(node, needsRequired, path)}`;
}

/** The type part of a field (before `|`), for everything but structs. */
function typeExpr(node: SchemaNode, path: string, types: Types): string {
  switch (node.kind) {
    case 'array':
      return `[]${elementRef(node.items, `${path}[]`, types)}`;
    case 'map':
      return `map[string]${elementRef(node.values, `${path}[*]`, types)}`;
    case 'struct':
      return register(path, types, () => structMap(node, path, types));
    default:
      return node.kind;
  }
}

/** A type usable after `[]` or `map[string]`: a plain type, or a custom type when markers or fields need one. */
function elementRef(node: SchemaNode, path: string, types: Types): string {
  if (node.kind === 'struct') return typeExpr(node, path, types);
  const markers = formatMarkers(node, false, path);
  if (markers === '') return typeExpr(node, path, types);
  return register(path, types, () => `${typeExpr(node, path, types)}${markers}`);
}

/** Reserves a name before building the body, so nested types registered meanwhile cannot take it. */
function register(path: string, types: Types, build: () => SimpleSchemaField): string {
  const base = typeName(path);
  let name = base;
  for (let n = 2; types.has(name); n++) name = `${base}${n}`;
  types.set(name, '');
  types.set(name, build());
  return name;
}

/** `spec.containers[].ports[]` → `ContainersItemPortsItem`; `spec.labels[*]` → `LabelsValue`. */
export function typeName(path: string): string {
  const words = path
    .replace(/\[\]/g, '.Item')
    .replace(/\[\*\]/g, '.Value')
    .split('.')
    .slice(1)
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  const name = words.join('');
  // A type name must not start with a digit or be empty; prefix keeps it a valid identifier.
  return /^[A-Z]/.test(name) ? name : `T${name}`;
}
