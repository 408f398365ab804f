/**
 * Evaluating the readiness rules (compile/readiness: one CEL definition for both modes) with the runtime's
 * CEL engine. No kind is known here: the rule decides, these functions only run its three expressions.
 */
import { printCel } from '../../compile/cel/print.js';
import { kindReadiness, type ReadinessExprs } from '../../compile/readiness/index.js';
import type { Expr } from '../../ir/expr.js';
import { jsonToCel, type CelEngine, type CelProgram, type EvalResult } from '../cel/index.js';
import type { KubeObject, Readiness } from './types.js';

/**
 * Runs a rule: `ready`, and when it does not hold, `failed` and `reason`. A rule never reads a field
 * without a fallback, so an evaluation error is a defect of the rule; it is reported, not hidden.
 *
 * @example
 * ```ts
 * ruleReadiness(rule, (expr) => prepared.evaluate(expr, variables, resource)); // { ready: false, reason: '1/3 availableReplicas' }
 * ```
 */
export function ruleReadiness(rule: ReadinessExprs, evaluate: (expr: Expr) => EvalResult): Readiness {
  const ready = evaluate(rule.ready);
  if (ready.kind === 'value' && ready.value === true) return { ready: true, reason: 'ready' };
  if (ready.kind !== 'value') return { ready: false, reason: `readiness rule could not be evaluated: ${ready.kind === 'error' ? ready.message : ready.reason}` };
  const failed = evaluate(rule.failed);
  const reason = evaluate(rule.reason);
  const text = reason.kind === 'value' && typeof reason.value === 'string' ? reason.value : 'not ready';
  return failed.kind === 'value' && failed.value === true ? { ready: false, reason: text, failed: true } : { ready: false, reason: text };
}

/**
 * Reads the readiness of live objects by their kind's rule, as a deployment would judge them without a
 * `readyWhen` (status views, the children of a KRO instance). Programs are compiled once per kind and
 * expression for the reader's lifetime.
 *
 * @example
 * ```ts
 * const readiness = readinessReader(createCelEngine());
 * readiness({ apiVersion: 'v1', kind: 'Pod', status: { phase: 'Succeeded' } }); // { ready: true, reason: 'ready' }
 * ```
 */
export function readinessReader(engine: CelEngine): (object: KubeObject) => Readiness {
  const rules = new Map<string, ReadinessExprs | undefined>();
  const programs = new Map<Expr, CelProgram>();
  const program = (expr: Expr): CelProgram => {
    let compiled = programs.get(expr);
    if (!compiled) {
      compiled = engine.compile(printCel(expr), { variables: ['self'] });
      programs.set(expr, compiled);
    }
    return compiled;
  };
  return (object) => {
    const apiVersion = String(object.apiVersion ?? '');
    const kind = String(object.kind ?? '');
    const key = `${apiVersion}/${kind}`;
    if (!rules.has(key)) rules.set(key, kindReadiness(apiVersion, kind, 'self'));
    const rule = rules.get(key);
    if (!rule) return { ready: true, reason: 'ready' };
    const variables = { self: jsonToCel(object) };
    return ruleReadiness(rule, (expr) => engine.evaluate(program(expr), variables));
  };
}
