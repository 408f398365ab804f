/**
 * What KRO computes where TypeKro's engine refuses an int beyond JavaScript's safe range
 * (runtime/cel/library/int-range.ts): the same CEL on cel-go's exact int64, for kro mode's refusal before
 * anything is applied to say what KRO would write.
 */
import { createCelEngine, UNSAFE_INTEGER } from '../cel/index.js';
import type { EvaluationFailure } from './failure.js';
import type { PreparedGraph } from './prepared.js';
import type { PlanInput } from './types.js';
import { instanceVariables } from './variables.js';

/**
 * Whether a failure is TypeKro's int rule (an int beyond JavaScript's safe range), not an error of CEL itself.
 *
 * @example
 * isUnsafeInteger({ field: 'status.twice', message: "integer beyond JavaScript's safe range: ...", specFields: [] }); // => true
 */
export function isUnsafeInteger(failure: Pick<EvaluationFailure, 'message'>): boolean {
  return failure.message.includes(UNSAFE_INTEGER);
}

/**
 * The value KRO's exact int64 CEL gives the failing expression for this input, as text (`9007199254740995`,
 * `"9007199254740995"` for a string), or undefined when it cannot be computed here (no single expression,
 * a forEach item, an error in int64 too).
 *
 * @example
 * ```ts
 * exactIntValue(prepared, failure, { spec, instance, observed: new Map() }); // => '9007199254740994'
 * ```
 */
export function exactIntValue(prepared: PreparedGraph, failure: EvaluationFailure, input: PlanInput): string | undefined {
  if (failure.cel === undefined) return undefined;
  const owner = failure.resourceId !== undefined ? prepared.resource(failure.resourceId) : undefined;
  if (owner && owner.forEach.length > 0) return undefined;
  try {
    // An engine per call: one kept by the module would cache an environment per graph for the process's life.
    const exact = createCelEngine({ integers: 'int64' });
    const program = exact.compile(failure.cel, { variables: ['schema', ...prepared.graph.resources.map((r) => r.id)] });
    const result = exact.evaluate(program, instanceVariables(prepared.graph, input));
    if (result.kind !== 'value') return undefined;
    return typeof result.value === 'bigint' ? String(result.value) : typeof result.value === 'string' ? JSON.stringify(result.value) : undefined;
  } catch {
    return undefined;
  }
}
