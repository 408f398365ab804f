/**
 * Evaluating `Value` trees: every expression leaf becomes JSON through the CEL engine; literal leaves stay
 * as they are. Templates need every leaf (the first problem wins); the status keeps what resolves and
 * omits pending fields, as KRO's soft resolution does.
 */
import type { Expr } from '../../ir/expr.js';
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';
import { celToJson, type EvalResult } from '../cel/index.js';

export type Resolved =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'pending'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string };

/** Evaluates one expression leaf to CEL-native data. */
export type LeafEvaluator = (expr: Expr) => EvalResult;

/** A CEL result as JSON; a value with no JSON form (bytes, huge ints) is an error. */
export function toJsonResult(result: EvalResult): Resolved {
  if (result.kind !== 'value') return result;
  try {
    return { kind: 'value', value: celToJson(result.value) };
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}

/**
 * Resolves a whole value. An error anywhere wins over pending, so a fatal problem is reported even
 * while other fields still wait for data.
 */
export function resolveValue(value: Value, evaluate: LeafEvaluator, path = ''): Resolved {
  if (isExprValue(value)) return annotate(toJsonResult(evaluate(value.expr)), path);
  if (Array.isArray(value)) return resolveEntries(value.map((item: Value, i) => [String(i), item]), evaluate, path, true);
  if (isPlainObject(value)) return resolveEntries(Object.entries(value as Record<string, Value>), evaluate, path, false);
  return { kind: 'value', value };
}

function resolveEntries(entries: [string, Value][], evaluate: LeafEvaluator, path: string, list: boolean): Resolved {
  const out: [string, unknown][] = [];
  let pending: Resolved | undefined;
  for (const [key, item] of entries) {
    const resolved = resolveValue(item, evaluate, list ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (resolved.kind === 'error') return resolved;
    if (resolved.kind === 'pending') pending ??= resolved;
    else out.push([key, resolved.value]);
  }
  if (pending) return pending;
  return { kind: 'value', value: list ? out.map(([, v]) => v) : Object.fromEntries(out) };
}

function annotate(result: Resolved, path: string): Resolved {
  if (result.kind === 'value' || !path) return result;
  return result.kind === 'pending' ? { kind: 'pending', reason: `${path}: ${result.reason}` } : { kind: 'error', message: `${path}: ${result.message}` };
}

export interface StatusResult {
  readonly status: Record<string, unknown>;
  /** Field paths left out because their data is pending. */
  readonly pending: readonly string[];
  /** Field paths left out because evaluation failed for good, with the message. */
  readonly errors: readonly string[];
}

/**
 * The instance status: fields whose expressions are pending are omitted (KRO's soft resolution); `null`
 * leaves and empty objects are omitted, as the RGD compiler omits them; an array is one field.
 */
export function resolveStatus(value: Value, evaluate: LeafEvaluator): StatusResult {
  const pending: string[] = [];
  const errors: string[] = [];
  const visit = (node: Value, path: string): unknown => {
    if (node === null) return undefined;
    if (!isPlainObject(node) || isExprValue(node)) {
      const resolved = resolveValue(node, evaluate, path);
      if (resolved.kind === 'pending') pending.push(path);
      if (resolved.kind === 'error') errors.push(resolved.message);
      return resolved.kind === 'value' ? resolved.value : undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node as Record<string, Value>)) {
      const resolved = visit(item, path ? `${path}.${key}` : key);
      if (resolved !== undefined) out[key] = resolved;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const status = visit(value, '');
  return { status: isPlainObject(status) ? status : {}, pending, errors };
}
