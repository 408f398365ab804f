/**
 * Client-side defaulting that mirrors what the API server does with the CRD KRO generates: fill absent
 * fields from `default` markers, and give structs KRO defaults to `{}` their nested defaults. Direct mode
 * uses it so `schema.spec.x` sees the same values in both modes.
 */
import type { SchemaNode } from '../../ir/schema.js';
import { cloneJson, isPlainObject } from '../../util/json.js';
import { hasImpliedDefault } from './cel-type.js';

/**
 * The value the API server fills in for an absent field of this schema, or `undefined` when it stays absent.
 *
 * @example
 * ```ts
 * defaultsOf({ kind: 'integer', markers: { default: 3 } }); // 3
 * ```
 */
export function defaultsOf(node: SchemaNode): unknown {
  if (node.markers.default !== undefined) return applyDefaults(node, cloneJson(node.markers.default));
  if (hasImpliedDefault(node)) return applyDefaults(node, {});
  return undefined;
}

/**
 * A copy of `value` with every absent defaulted field filled in, recursively (array items and map values
 * included). Values of the wrong shape are returned unchanged: validation is not this function's job.
 *
 * @example
 * ```ts
 * applyDefaults(specSchema, { name: 'web' }); // { name: 'web', replicas: 1 }
 * ```
 */
export function applyDefaults(node: SchemaNode, value: unknown): unknown {
  switch (node.kind) {
    case 'struct':
      return isPlainObject(value) ? defaultStruct(node, value) : value;
    case 'array':
      return Array.isArray(value) ? value.map((item: unknown) => applyDefaults(node.items, item)) : value;
    case 'map':
      return isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applyDefaults(node.values, v)]))
        : value;
    default:
      return value;
  }
}

function defaultStruct(node: Extract<SchemaNode, { kind: 'struct' }>, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [name, field] of Object.entries(node.fields)) {
    if (out[name] === undefined) {
      const filled = defaultsOf(field);
      if (filled !== undefined) out[name] = filled;
      else delete out[name];
    } else {
      out[name] = applyDefaults(field, out[name]);
    }
  }
  return out;
}
