/**
 * Evaluating `Value` trees: every expression leaf becomes JSON through the CEL engine; literal leaves stay
 * as they are. Templates need every leaf (the first problem wins); the status keeps what resolves and
 * omits pending fields, as KRO's soft resolution does.
 */
import type { Expr } from '../../ir/expr.js';
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';
import { celToJson, errorSummary, isOptionalNone, isPendingError, OMIT, type EvalResult } from '../cel/index.js';

export type Resolved =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'pending'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string; readonly origin?: FailedLeaf };

/**
 * The expression an error came from: its field (`data.count`, `includeWhen`; empty for a whole value), the
 * expression and the evaluator's own message, so a diagnosis can name all three apart.
 */
export interface FailedLeaf {
  readonly field: string;
  readonly expr: Expr;
  readonly message: string;
}

/** Evaluates one expression leaf to CEL-native data. */
export type LeafEvaluator = (expr: Expr) => EvalResult;

/**
 * A CEL result as JSON; a value with no JSON form (bytes, huge ints) is an error. An object of a stand-in
 * (`cel/stand-in.ts`) in the result is pending: the cluster may add to it.
 */
export function toJsonResult(result: EvalResult): Resolved {
  if (result.kind !== 'value') return result;
  try {
    return { kind: 'value', value: celToJson(result.value) };
  } catch (error) {
    return isPendingError(error) ? { kind: 'pending', reason: errorSummary(error) } : { kind: 'error', message: (error as Error).message };
  }
}

/**
 * Resolves a whole value. An error anywhere wins over pending, so a fatal problem is reported even
 * while other fields still wait for data. A field (or list item) whose expression gives `omit()` is left
 * out, as KRO's resolver removes it; `omit()` as the whole value is an error.
 */
export function resolveValue(value: Value, evaluate: LeafEvaluator, path = ''): Resolved {
  if (isExprValue(value)) {
    const result = evaluate(value.expr);
    // `omit()` as a template field's whole value: the field is left out (KRO's resolver, cleanOmitSentinels).
    if (result.kind === 'value' && result.value === OMIT && path !== '') return { kind: 'value', value: OMIT };
    return annotate(withOrigin(toJsonResult(result), value.expr), path);
  }
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
    else if (resolved.value !== OMIT) out.push([key, resolved.value]);
  }
  if (pending) return pending;
  return { kind: 'value', value: list ? out.map(([, v]) => v) : Object.fromEntries(out) };
}

/** An error of evaluating `expr` itself (not of a value inside it) records the expression. */
export function withOrigin(result: Resolved, expr: Expr, field = ''): Resolved {
  return result.kind === 'error' && !result.origin ? { ...result, origin: { field, expr, message: result.message } } : result;
}

function annotate(result: Resolved, path: string): Resolved {
  if (result.kind === 'value' || !path) return result;
  if (result.kind === 'pending') return { kind: 'pending', reason: `${path}: ${result.reason}` };
  return { kind: 'error', message: `${path}: ${result.message}`, ...(result.origin ? { origin: { ...result.origin, field: result.origin.field || path } } : {}) };
}

export interface StatusResult {
  readonly status: Record<string, unknown>;
  /** Field paths left out because their data is pending: not yet resolvable, a later state may give a value. */
  readonly pending: readonly string[];
  /**
   * Field paths left out by design: their expression gives `optional.none()`, what the compiler emits for a
   * JavaScript `undefined` (`spec.flag ? 'x' : undefined`). JavaScript's answer for this spec and these
   * objects is final: the field is absent, not pending.
   */
  readonly absent: readonly string[];
  /** Field paths left out because evaluation failed for good, with the message. */
  readonly errors: readonly string[];
  /** The same failures by field, expression and message (a field of an array item names its array). */
  readonly failures: readonly FailedLeaf[];
}

/**
 * The instance status: fields whose expressions are pending are omitted (KRO's soft resolution); `null`
 * leaves and empty objects are omitted, as the RGD compiler omits them; an array is one field. A field
 * whose expression gives `optional.none()` (JavaScript's `undefined`) is omitted and `absent`: KRO leaves
 * it out and JavaScript leaves it `undefined`, a final answer (`null` would differ from both), unless
 * `required` says the declared type requires that leaf (given its keys, which may hold dots): then it is pending.
 * Every path names the leaf (`nested.b`), not its parent.
 */
export function resolveStatus(value: Value, evaluate: LeafEvaluator, required: (keys: readonly string[]) => boolean = () => false): StatusResult {
  const pending: string[] = [];
  const absent: string[] = [];
  const errors: string[] = [];
  const failures: FailedLeaf[] = [];
  // The keys down to the node visited: the joined path cannot be split back where a key holds a dot.
  const keys: string[] = [];
  const visit = (node: Value, path: string): unknown => {
    if (node === null) return undefined;
    if (isExprValue(node)) {
      // A whole field that is `optional.none()` is undefined in JavaScript: absent, neither pending nor null.
      const result = evaluate(node.expr);
      if (result.kind === 'value' && isOptionalNone(result.value)) {
        (required(keys) ? pending : absent).push(path);
        return undefined;
      }
      return settle(annotate(withOrigin(toJsonResult(result), node.expr), path), path);
    }
    if (!isPlainObject(node)) return settle(resolveValue(node, evaluate, path), path);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node as Record<string, Value>)) {
      keys.push(key);
      const resolved = visit(item, path ? `${path}.${key}` : key);
      keys.pop();
      if (resolved !== undefined) out[key] = resolved;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const settle = (resolved: Resolved, path: string): unknown => {
    if (resolved.kind === 'pending') pending.push(path);
    if (resolved.kind === 'error') {
      errors.push(resolved.message);
      if (resolved.origin) failures.push(resolved.origin);
    }
    return resolved.kind === 'value' ? resolved.value : undefined;
  };
  const status = visit(value, '');
  return { status: isPlainObject(status) ? status : {}, pending, absent, errors, failures };
}
