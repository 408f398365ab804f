/** The hydrated instance status from the observed objects. */
import type { PreparedGraph } from './prepared.js';
import { resolveStatus, type StatusResult } from './resolve.js';
import type { PlanInput } from './types.js';
import { instanceVariables } from './variables.js';

/**
 * Evaluates the graph's status shape: pending fields are omitted, literal leaves kept.
 *
 * @example
 * ```ts
 * instanceStatus(prepared, { spec, instance, observed }).status; // { ready: true }
 * ```
 */
export function instanceStatus(prepared: PreparedGraph, input: PlanInput): StatusResult {
  const variables = instanceVariables(prepared.graph, input);
  return resolveStatus(prepared.graph.status, (expr) => prepared.evaluate(expr, variables));
}
