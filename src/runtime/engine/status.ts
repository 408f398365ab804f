/** The hydrated instance status from the observed objects. */
import type { SchemaNode } from '../../ir/schema.js';
import type { PreparedGraph } from './prepared.js';
import { resolveStatus, type StatusResult } from './resolve.js';
import type { PlanInput } from './types.js';
import { instanceVariables } from './variables.js';

/**
 * Evaluates the graph's status shape: pending fields are omitted, literal leaves kept. A field whose expression
 * gives `optional.none()` (JavaScript's `undefined`) is absent by design only where the declared status type
 * lets it be missing (`'maybe?': 'string'`); a field the type requires is pending, so that a complete report's
 * status is the whole declared type (`x: (spec.flag ? 'x' : undefined) as string` under `x: 'string'`).
 *
 * @example
 * ```ts
 * instanceStatus(prepared, { spec, instance, observed }).status; // { ready: true }
 * ```
 */
export function instanceStatus(prepared: PreparedGraph, input: PlanInput): StatusResult {
  const variables = instanceVariables(prepared.graph, input);
  const declared = prepared.graph.statusSchema;
  return resolveStatus(prepared.graph.status, (expr) => prepared.evaluate(expr, variables), declared ? (keys) => isRequired(declared, keys) : undefined);
}

/** Whether the declared status type requires the leaf at `path` (its keys) in its object (a map's keys never are). */
function isRequired(schema: SchemaNode, path: readonly string[]): boolean {
  let node: SchemaNode | undefined = schema;
  for (const [i, segment] of path.entries()) {
    if (node?.kind !== 'struct') return false;
    if (i === path.length - 1) return node.required.includes(segment);
    node = node.fields[segment];
  }
  return false;
}
