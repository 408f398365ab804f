/**
 * Schema IR → the static CEL type KRO gives `schema.spec` (via the generated CRD). The compiler uses it to
 * type `spec.x` references and to decide where absent fields need `.?x.orValue(d)` guards.
 */
import type { SchemaNode } from '../../ir/schema.js';
import { type CelType, type FieldType, T } from '../../ir/types.js';

/**
 * The CEL type of values of `node`. A string enumeration keeps its values (`values`): a lookup table indexed
 * by such a field (`sizes[spec.size]`) compiles to a CEL map literal only when every value is a key.
 *
 * `filled` says whether values of the schema have their defaults filled in: true for a spec (the API server
 * and direct mode fill them), false for a status, which holds what the composition's expressions computed
 * (KRO fills in no status defaults): there a field is absent unless it is required.
 *
 * @example
 * ```ts
 * schemaToCelType({ kind: 'integer', markers: {} }); // { kind: 'int' }
 * ```
 */
export function schemaToCelType(node: SchemaNode, options: { readonly filled?: boolean } = {}): CelType {
  switch (node.kind) {
    case 'string': {
      // The API server (and direct mode's validation) admits only the enumerated values.
      const values = node.markers.enum;
      if (values && values.length > 0 && values.every((value) => typeof value === 'string')) return { kind: 'string', values: values as string[] };
      // A pattern bounding every character (`^[a-z0-9-]+$`): the API server admits no other text.
      return node.markers.highestChar === undefined ? T.string : { kind: 'string', highestChar: node.markers.highestChar };
    }
    case 'integer':
      return T.int;
    case 'float':
      return T.double;
    case 'boolean':
      return T.bool;
    case 'object':
      // Schemaless (`x-kubernetes-preserve-unknown-fields`): KRO types it dynamically, an object.
      return T.dynObject;
    case 'array': {
      // The API server (and direct mode's validation) admits no shorter list: `l[0]` of `string[] >= 1` is there.
      const { minItems } = node.markers;
      return minItems !== undefined && minItems > 0 ? { kind: 'list', item: schemaToCelType(node.items, options), minItems } : T.list(schemaToCelType(node.items, options));
    }
    case 'map':
      return T.map(schemaToCelType(node.values, options));
    case 'struct': {
      const filled = options.filled ?? true;
      const fields: Record<string, FieldType> = {};
      for (const [name, field] of Object.entries(node.fields)) {
        fields[name] = { type: schemaToCelType(field, options), optional: filled ? isFieldOptional(node, name) : !node.required.includes(name) };
      }
      return T.object(fields);
    }
  }
}

/**
 * Whether `struct.fields[name]` may be absent from an instance after API-server defaulting: not required,
 * no default of its own, and not a struct that KRO defaults to `{}`.
 */
export function isFieldOptional(struct: Extract<SchemaNode, { kind: 'struct' }>, name: string): boolean {
  const field = struct.fields[name];
  if (!field || struct.required.includes(name)) return false;
  return field.markers.default === undefined && !hasImpliedDefault(field);
}

/**
 * KRO's SimpleSchema gives a struct `default: {}` when none of its fields is required and at least one
 * has a default (`pkg/simpleschema/transform.go buildSchema`), so such a struct is always present and
 * its defaulted fields are filled in by the API server. "Required" is what the printed SimpleSchema says
 * (`simple-schema.ts`): a required field that is itself such a struct is printed without `required=true`
 * (it is always there anyway), so it does not stop its parent from being defaulted too.
 *
 * @example
 * ```ts
 * hasImpliedDefault({ kind: 'struct', required: [], markers: {}, fields: { size: { kind: 'integer', markers: { default: 1 } } } }); // => true
 * ```
 */
export function hasImpliedDefault(node: SchemaNode): boolean {
  if (node.kind !== 'struct' || kroRequired(node).length > 0) return false;
  return Object.values(node.fields).some((f) => f.markers.default !== undefined || hasImpliedDefault(f));
}

/** The fields of `node` that its printed SimpleSchema marks `required=true`. */
export function kroRequired(node: Extract<SchemaNode, { kind: 'struct' }>): string[] {
  return node.required.filter((name) => {
    const field = node.fields[name];
    return field !== undefined && !hasImpliedDefault(field);
  });
}
