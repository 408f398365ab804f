/**
 * `Value` → the JSON KRO reads: expression leaves become `${…}` field strings, literal text is escaped so
 * KRO never mistakes it for an expression, and status leaves are made acceptable to KRO (every status
 * leaf must be an expression that references `schema` or a resource).
 */
import { printCel, printFieldValue } from '../cel/print.js';
import { E, type Expr, referencedRoots } from '../../ir/expr.js';
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Literal text containing `${` would start an expression in KRO; `${"${"}` writes it literally. */
export function escapeLiteralText(text: string): string {
  return text.includes('${') ? text.split('${').join('${"${"}') : text;
}

/** A standalone KRO expression string, e.g. for readyWhen/includeWhen/forEach. */
export function standalone(expr: Expr): string {
  return `\${${printCel(expr)}}`;
}

/**
 * A template value as KRO field data, object keys in the order they were built.
 *
 * @example
 * ```ts
 * renderTemplate({ replicas: exprValue(E.path('schema', 'spec', 'replicas')) }); // { replicas: '${schema.spec.replicas}' }
 * ```
 */
export function renderTemplate(value: Value): Json {
  if (isExprValue(value)) return printFieldValue(value.expr);
  if (typeof value === 'string') return escapeLiteralText(value);
  if (Array.isArray(value)) return value.map((item: Value) => renderTemplate(item));
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderTemplate(item as Value);
    return out;
  }
  return value as null | boolean | number;
}

/** A JSON literal or mixed value as one CEL expression (`[a, schema.spec.b]`, `{"k": 1}`). */
export function valueToExpr(value: Value): Expr {
  if (isExprValue(value)) return value.expr;
  if (value === null) return E.null();
  if (typeof value === 'boolean') return E.bool(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? E.int(value) : E.double(value);
  if (typeof value === 'string') return E.str(value);
  if (Array.isArray(value)) return E.list(value.map((item: Value) => valueToExpr(item)));
  return E.map(Object.entries(value as Record<string, Value>).map(([k, v]) => ({ key: E.str(k), value: valueToExpr(v) })));
}

/**
 * KRO rejects status leaves without an expression, and expressions that reference neither `schema` nor a
 * resource. A constant is therefore written as a conditional on `schema` whose branches are both the
 * constant: it type-checks to the constant's type and always evaluates to it.
 */
export function constantStatus(expr: Expr): string {
  const name = E.path('schema', 'metadata', 'name');
  return standalone(E.cond(E.binary('==', name, name), expr, expr));
}

/**
 * The RGD `schema.status` map. Nested objects stay maps (KRO infers each leaf's type); arrays become one
 * list expression, since KRO would otherwise treat each element as a separate field; `null` leaves and
 * empty objects are omitted (KRO cannot infer a type for them). Returns `undefined` when nothing is left.
 */
export function renderStatus(value: Value): Json | undefined {
  if (isExprValue(value)) return statusLeaf(value.expr);
  if (value === null) return undefined;
  if (Array.isArray(value) || !isPlainObject(value)) return statusLeaf(valueToExpr(value));
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    const rendered = renderStatus(item as Value);
    if (rendered !== undefined) out[key] = rendered;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function statusLeaf(expr: Expr): string {
  if (referencedRoots(expr).length === 0) return constantStatus(expr);
  return expr.kind === 'template' ? printFieldValue(expr) : standalone(expr);
}
