/**
 * Kro mode's check before anything is applied: the expressions that fail for this spec with nothing
 * observed, evaluated by TypeKro's engine, which KRO would not report (it keeps the status it computed
 * before), or would compute differently from the composition's JavaScript (an int beyond JavaScript's safe
 * range, which KRO computes exactly). What reads the cluster's objects cannot be checked before the apply.
 */
import { describeFailure, exactIntValue, isUnsafeInteger, reportInstance, type EvaluationFailure, type PlanInput, type PreparedGraph } from '../runtime/engine/index.js';

/**
 * Why a kro deploy of this input is refused before anything is applied (one text per failing field), or an
 * empty list: every failing status field, and every manifest field refused by TypeKro's int rule.
 *
 * @example
 * ```ts
 * kroPreApplyRefusals(prepared, { spec: { name: 'bs', big: 4503599627370497 }, instance, observed: new Map() });
 * // => ['status field twice: `schema.spec.big + schema.spec.big` fails: integer beyond ... KRO computes exact 64-bit integers and would write 9007199254740994; ...']
 * ```
 */
export function kroPreApplyRefusals(prepared: PreparedGraph, input: PlanInput): string[] {
  const failures = reportInstance(prepared, input).failures.filter((f) => f.resourceId === undefined || isUnsafeInteger(f));
  return failures.map((failure) => `${describeFailure(failure)}. ${consequence(prepared, failure, input)}`);
}

function consequence(prepared: PreparedGraph, failure: EvaluationFailure, input: PlanInput): string {
  if (!isUnsafeInteger(failure)) {
    return 'KRO cannot compute it either, and would keep the status it computed before (from an earlier spec or composition) with no condition saying so';
  }
  const exact = exactIntValue(prepared, failure, input);
  const writes = exact !== undefined ? `would write ${exact}` : 'would write its exact value';
  return `KRO computes exact 64-bit integers and ${writes}; TypeKro refuses an int beyond JavaScript's safe range in both modes, so that what is deployed is what the composition's JavaScript computes`;
}
