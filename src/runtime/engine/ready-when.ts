/**
 * A user's readyWhen, judged on one object: ready, waiting, failed, or false. When false, the reason names
 * the condition by its CEL (the text KRO's own message quotes) and the values it read of the object, so a
 * timeout in direct mode says what a person would check, as kro mode does.
 */
import { mapOrEmptyOperand } from '../../ir/untyped-target.js';
import { printCel } from '../../compile/cel/print.js';
import { exprChildren, type Expr } from '../../ir/expr.js';
import type { ResourceNode } from '../../ir/graph.js';
import { clip } from '../../util/redact.js';
import { celToJson, isOptionalNone, type EvalResult } from '../cel/index.js';
import type { PreparedGraph } from './prepared.js';
import { impossibleReads } from './reads.js';
import { toJsonResult } from './resolve.js';
import type { PlanInput, Readiness } from './types.js';

/** Characters of the CEL a reason quotes; a longer condition is cut (a reason is one line of a table). */
const CEL_LIMIT = 200;

/**
 * Every readyWhen condition of `resource` must be true; the first that is not decides the reason.
 *
 * @example
 * ```ts
 * readyWhenReadiness(prepared, resource, (expr) => prepared.evaluate(expr, vars, resource), input);
 * // { ready: false, reason: 'readyWhen is false: `web.?status.?readyReplicas.orValue(0) >= 5` with status.readyReplicas = 1' }
 * ```
 */
export function readyWhenReadiness(prepared: PreparedGraph, resource: ResourceNode, evaluate: (expr: Expr) => EvalResult, input: PlanInput): Readiness {
  for (const condition of resource.readyWhen) {
    const result = toJsonResult(evaluate(condition));
    if (result.kind === 'error') return { ready: false, reason: `readyWhen failed: ${result.message}`, failed: true };
    if (result.kind === 'pending') {
      const problem = impossibleReads(prepared, resource, input);
      return problem ? { ready: false, reason: `readyWhen ${problem}`, failed: true } : { ready: false, reason: `readyWhen pending: ${result.reason}` };
    }
    if (result.value !== true) return { ready: false, reason: falseReason(condition, resource, evaluate) };
  }
  return { ready: true, reason: 'ready' };
}

/** `readyWhen is false: \`<CEL>\`` and, when it read any, `with <path> = <value>, ...`. */
function falseReason(condition: Expr, resource: ResourceNode, evaluate: (expr: Expr) => EvalResult): string {
  const roots = new Set([resource.id, 'each']);
  const literals = stringLiterals(condition);
  const values = objectReads(condition, roots).flatMap((read) => {
    const shown = shownValue(read, evaluate(read), literals, resource.kind === 'Secret');
    return shown === undefined ? [] : [shown];
  });
  const text = `readyWhen is false: \`${clip(printCel(condition), CEL_LIMIT)}\``;
  return values.length > 0 ? `${text} with ${values.join(', ')}` : text;
}

/**
 * The reads of the object itself (`web.status.x`, `each.data.v`, `web.?status.?x`; literal indexes kept),
 * outermost chain only, in order, each once.
 */
function objectReads(expr: Expr, roots: ReadonlySet<string>): Expr[] {
  const out = new Map<string, Expr>();
  const walk = (node: Expr): void => {
    if (node.kind !== 'ident' && readPath(node, roots) !== undefined) {
      out.set(readPath(node, roots)!, node);
      return;
    }
    for (const child of exprChildren(node)) walk(child);
  };
  walk(expr);
  return [...out.values()];
}

/** `status.conditions[0].type` for a chain of selects and literal indexes under one of `roots`, else undefined. */
function readPath(node: Expr, roots: ReadonlySet<string>): string | undefined {
  const guarded = mapOrEmptyOperand(node);
  if (guarded) return readPath(guarded, roots);
  if (node.kind === 'ident') return roots.has(node.name) ? '' : undefined;
  if (node.kind === 'select') {
    const target = readPath(node.target, roots);
    return target === undefined ? undefined : target === '' ? node.field : `${target}.${node.field}`;
  }
  if (node.kind === 'index' && node.index.kind === 'literal') {
    const target = readPath(node.target, roots);
    const literal = node.index.literal;
    const key = literal.kind === 'string' ? JSON.stringify(literal.value) : literal.kind === 'null' ? 'null' : String(literal.value);
    return target === undefined || target === '' ? undefined : `${target}[${key}]`;
  }
  return undefined;
}

function stringLiterals(expr: Expr, out = new Set<string>()): Set<string> {
  if (expr.kind === 'literal' && expr.literal.kind === 'string') out.add(expr.literal.value);
  for (const child of exprChildren(expr)) stringLiterals(child, out);
  return out;
}

/**
 * `path = value` for one read, or undefined when it shows nothing. Numbers, booleans and what a controller
 * wrote (`status`) are shown; a string the user's object holds (`data`, `spec`) is shown only when the
 * condition itself quotes it, for it may carry a secret value of the spec, and a Secret's strings never are.
 */
function shownValue(read: Expr, result: EvalResult, literals: ReadonlySet<string>, secret: boolean): string | undefined {
  const path = readPath(read, new Set([rootOf(read)]))!;
  if (result.kind === 'pending') return `${path} absent`;
  if (result.kind !== 'value') return undefined;
  if (isOptionalNone(result.value)) return `${path} absent`;
  let value: unknown;
  try {
    value = celToJson(result.value);
  } catch {
    return undefined;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return `${path} = ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `${path} has ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value !== 'string') return undefined;
  const shown = literals.has(value) || (!secret && path.startsWith('status'));
  return shown ? `${path} = ${JSON.stringify(clip(value, 60))}` : undefined;
}

function rootOf(expr: Expr): string {
  let node = expr;
  while (node.kind === 'select' || node.kind === 'index') node = node.target;
  return node.kind === 'ident' ? node.name : '';
}
