/**
 * Why an instance is stuck when nothing else says: the first expression of the graph that fails for it, by
 * the runtime's CEL engine (the one direct mode deploys with), on the objects observed. KRO logs such an
 * error in its controller and may leave the instance without any condition (an error in a status
 * expression leaves it with no state at all), so a timeout or `status` would otherwise only say "no state".
 */
import { printCel } from '../../compile/cel/print.js';
import type { SourceLocation } from '../../ir/graph.js';
import type { PreparedGraph } from './prepared.js';
import type { FailedLeaf, StatusResult } from './resolve.js';
import type { InstancePlan, Readiness } from './types.js';

/**
 * One expression that fails for an instance: where it is (a resource's field, or a status field), its CEL
 * and the evaluator's message.
 *
 * @example
 * import type { EvaluationFailure } from 'typekro';
 * const failure: EvaluationFailure = {
 *   resourceId: 'config', field: 'data.count', cel: 'string(int(schema.spec.count))',
 *   message: "type conversion error from 'string' to 'int'", specFields: ['spec.count'],
 * };
 * failure.field; // => 'data.count'
 */
export interface EvaluationFailure {
  /** The resource whose template, includeWhen, forEach or readyWhen fails; absent for a status field. */
  readonly resourceId?: string;
  /** The field path (`data.count`), `includeWhen`, `forEach "x"`, `readyWhen` or `status.<path>`. */
  readonly field: string;
  /** The CEL text, when the failure is one expression's. */
  readonly cel?: string;
  readonly message: string;
  /** Where the resource is written (file:line), when the graph knows. */
  readonly source?: SourceLocation;
  /** The spec fields the expression reads (`spec.count`). */
  readonly specFields: readonly string[];
}

/**
 * The first failure in dependency order (a resource's own expressions, then its readiness), then the first
 * failing status field; undefined when every expression evaluates or waits for data.
 *
 * @example
 * ```ts
 * const failure = firstFailure(prepared, plan, instanceStatus(prepared, input), readinessById);
 * if (failure) console.log(describeFailure(failure));
 * ```
 */
export function firstFailure(
  prepared: PreparedGraph,
  plan: InstancePlan,
  status: Pick<StatusResult, 'failures'>,
  readiness: ReadonlyMap<string, Readiness> = new Map(),
): EvaluationFailure | undefined {
  return everyFailure(prepared, plan, status, readiness)[0];
}

/**
 * Every failure, in {@link firstFailure}'s order: each failing resource (its first failing expression) or
 * readiness, then every failing status field (`status` names them all, not only the first).
 *
 * @example
 * ```ts
 * everyFailure(prepared, plan, instanceStatus(prepared, input)).map(describeFailure);
 * ```
 */
export function everyFailure(
  prepared: PreparedGraph,
  plan: InstancePlan,
  status: Pick<StatusResult, 'failures'>,
  readiness: ReadonlyMap<string, Readiness> = new Map(),
): EvaluationFailure[] {
  const failures: EvaluationFailure[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id);
    const source = prepared.resource(id).source;
    const at = { resourceId: id, ...(source ? { source } : {}) };
    if (node?.state === 'error') failures.push(node.origin ? { ...at, ...fromLeaf(node.origin, '') } : { ...at, field: '', message: node.message, specFields: [] });
    else if (readiness.get(id)?.failed) failures.push({ ...at, field: 'readyWhen', message: readiness.get(id)!.reason, specFields: [] });
  }
  return [...failures, ...status.failures.map((leaf) => fromLeaf(leaf, 'status'))];
}

function fromLeaf(leaf: FailedLeaf, prefix: string): Omit<EvaluationFailure, 'resourceId' | 'source'> {
  const cel = printCel(leaf.expr);
  const field = prefix ? [prefix, leaf.field].filter(Boolean).join('.') : leaf.field;
  return { field, cel, message: leaf.message, specFields: specFieldsOf(cel) };
}

/**
 * The spec fields a CEL text reads: printed text covers compiled and raw (`Cel.expr`) expressions alike. A
 * name followed by `(` is a method called on the path (`schema.spec.m.transformMap(...)`), not a field.
 */
function specFieldsOf(cel: string): string[] {
  const fields = [...cel.matchAll(/\bschema\.spec((?:\.\??[A-Za-z_]\w*(?![\w(]))+)/g)].map((m) => `spec${m[1]!.replaceAll('?', '')}`);
  return [...new Set(fields)];
}

/**
 * One line for a person: the resource and its file:line, the field, the CEL and its error, and what to do.
 *
 * @example
 * ```ts
 * describeFailure({ resourceId: 'config', field: 'data.count', cel: 'int(schema.spec.count)', message: 'type conversion error', specFields: ['spec.count'] });
 * // => 'resource "config", field data.count: `int(schema.spec.count)` fails: type conversion error. It reads spec.count: pass a value it accepts, or change the expression in the composition'
 * ```
 */
export function describeFailure(failure: EvaluationFailure): string {
  const where = failure.source ? ` (${failure.source.file}:${failure.source.line}:${failure.source.column})` : '';
  const subject = failure.resourceId !== undefined ? `resource "${failure.resourceId}"${where}${failure.field ? `, field ${failure.field}` : ''}` : `status field ${failure.field.replace(/^status\.?/, '') || '(all)'}`;
  const what = failure.cel !== undefined ? `\`${failure.cel}\` fails: ${failure.message}` : failure.message;
  const reads = failure.specFields.length > 0 ? `It reads ${failure.specFields.join(', ')}: pass a value it accepts, or change the expression in the composition` : 'Change the expression in the composition';
  return `${subject}: ${what}. ${reads}`;
}
