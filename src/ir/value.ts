/**
 * Template values: plain JSON data in which some leaves are CEL expressions. A resource template, a
 * status shape and factory arguments are all `Value`s. Expression leaves are tagged with a symbol, so a
 * manifest's own `kind` field can never be mistaken for one.
 */
import type { Expr } from './expr.js';

const EXPR_TAG: unique symbol = Symbol.for('typekro.ir.exprValue');

/**
 * A leaf of a value computed by an expression.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type ExprValue } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const ready = (app.graph.status as Record<string, ExprValue>)['ready']!;
 * typeof ready.expr; // => 'object'
 */
export interface ExprValue {
  readonly [EXPR_TAG]: true;
  readonly expr: Expr;
}

/**
 * A manifest or status value: JSON data whose leaves may be expressions.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type Value } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const status: Value = app.graph.status;
 * Object.keys(status as object); // => ['ready']
 */
export type Value =
  | null
  | boolean
  | number
  | string
  | ExprValue
  | readonly Value[]
  | { readonly [key: string]: Value };

export function exprValue(expr: Expr): ExprValue {
  return Object.freeze({ [EXPR_TAG]: true as const, expr });
}

export function isExprValue(value: unknown): value is ExprValue {
  return typeof value === 'object' && value !== null && (value as Partial<ExprValue>)[EXPR_TAG] === true;
}

/**
 * Every expression leaf of a value with its JSON path, in document order. One walk with one path stack,
 * copied only at a leaf: compiling an RGD of 1,000 resources walks every template several times.
 */
export function exprLeaves(value: Value, path: readonly (string | number)[] = []): { path: (string | number)[]; expr: Expr }[] {
  const out: { path: (string | number)[]; expr: Expr }[] = [];
  visitLeaves(value, [...path], out);
  return out;
}

// A module function with its state passed along, not a closure made per call (tsx renames each such closure).
function visitLeaves(node: Value, stack: (string | number)[], out: { path: (string | number)[]; expr: Expr }[]): void {
  if (typeof node !== 'object' || node === null) return;
  if (isExprValue(node)) {
    out.push({ path: [...stack], expr: node.expr });
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      stack.push(i);
      visitLeaves(node[i] as Value, stack, out);
      stack.pop();
    }
  } else {
    for (const key of Object.keys(node)) {
      stack.push(key);
      visitLeaves((node as Record<string, Value>)[key]!, stack, out);
      stack.pop();
    }
  }
}

/** The expressions of a value's leaves, in document order (`exprLeaves` without the paths). */
export function exprsOf(value: Value, out: Expr[] = []): Expr[] {
  if (typeof value !== 'object' || value === null) return out;
  if (isExprValue(value)) out.push(value.expr);
  else if (Array.isArray(value)) for (const item of value) exprsOf(item as Value, out);
  else for (const key of Object.keys(value)) exprsOf((value as Record<string, Value>)[key]!, out);
  return out;
}
