/**
 * Schema IR: what a composition's spec and status look like, independent of arktype and of KRO's
 * SimpleSchema text. `model/schema` builds it from arktype; `compile/rgd` prints it as SimpleSchema.
 */

/**
 * Annotations of a schema field: description, default, enum and validation markers.
 *
 * @example
 * import type { SchemaMarkers } from 'typekro';
 * const markers: SchemaMarkers = { description: 'number of pods', default: 1 };
 * markers.default; // => 1
 */
export interface SchemaMarkers {
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  /**
   * The highest code point text the field may hold, when its pattern bounds it (`^[a-z0-9-]+$`: 0x7a). Not
   * part of the SimpleSchema: the compiler's knowledge of which characters a string field can hold (an
   * ASCII field lowers with CEL's `lowerAscii()` exactly as JavaScript's `toLowerCase()`).
   */
  readonly highestChar?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  /**
   * The field holds a secret (`sensitive(type('string'))`): its value is redacted from every message,
   * error, event and output of both modes. Not part of the SimpleSchema (KRO has no such marker).
   */
  readonly sensitive?: boolean;
}

/**
 * A schema of the IR (from arktype): what the RGD SimpleSchema and the static types are derived from.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type SchemaNode } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const spec: SchemaNode = app.graph.spec;
 * spec.kind; // => 'struct'
 */
export type SchemaNode =
  | { readonly kind: 'string' | 'integer' | 'float' | 'boolean'; readonly markers: SchemaMarkers }
  /** A schemaless object (`object` in SimpleSchema; preserves unknown fields). */
  | { readonly kind: 'object'; readonly markers: SchemaMarkers }
  | { readonly kind: 'array'; readonly items: SchemaNode; readonly markers: SchemaMarkers }
  | { readonly kind: 'map'; readonly values: SchemaNode; readonly markers: SchemaMarkers }
  | {
      readonly kind: 'struct';
      readonly fields: Readonly<Record<string, SchemaNode>>;
      /** Field names that must be present (no default, not optional). */
      readonly required: readonly string[];
      readonly markers: SchemaMarkers;
    };

/** Follows a field path through a schema; `undefined` when the path leaves the schema. */
export function schemaAt(root: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.kind === 'struct') node = node.fields[segment];
    else if (node.kind === 'map') node = node.values;
    else if (node.kind === 'array' && /^\d+$/.test(segment)) node = node.items;
    else return undefined;
  }
  return node;
}
