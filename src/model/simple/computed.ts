/**
 * Simple factories reshape some arguments in JavaScript (the env map becomes a list of `{ name, value }`,
 * labels get `app: <name>` merged in, an Hpa target becomes a `scaleTargetRef`). When such an argument
 * was compiled from source (`env: spec.debug ? { A: 'x' } : { A: 'y' }`), it is an expression, not an
 * object JavaScript can reshape. The reshaping is applied to the object literals of every branch of the
 * expression instead, which gives the same CEL value KRO would need. A branch that is a whole map read
 * (`spec.labels`) is reshaped only where CEL can do it without iterating the map (labels: `merge`); any
 * other (env needs the map's order, which KRO does not keep; a function call) is rejected with the call
 * site and the way out.
 */
import { E, type Expr } from '../../ir/expr.js';
import { exprValue, isExprValue, type ExprValue } from '../../ir/value.js';
import { formatLocation, userFrames } from '../call-site.js';
import { describeValue, hasMarkers, refOf, refToExpr, splitMarkers } from '../refs.js';
import { TypeKroError } from '../../util/errors.js';

/** The entries of one object-literal branch; keys that are not string literals are kept as expressions. */
export type Entries = readonly { readonly key: Expr; readonly value: Expr }[];

/** True for an argument compiled from source: it must be reshaped with {@link reshapeBranches}. */
export function isComputed(value: unknown): value is ExprValue {
  return isExprValue(value);
}

/**
 * Applies `reshape` to every object-literal branch of a computed argument (`c ? {...} : {...}`, nested
 * ternaries included; `null`/`undefined` branches count as `{}`).
 *
 * @example reshapeBranches(config.env, (entries) => E.list(entries.map(...)), { factory: 'Deployment', name: config.name, field: 'env', fix: '...' })
 */
export function reshapeBranches(value: ExprValue, reshape: (entries: Entries) => Expr, problem: ReshapeProblem, whole?: (read: Expr) => Expr): ExprValue {
  const result = mapBranches(value.expr, reshape, whole);
  if (!result) throw reshapeError(problem);
  return exprValue(result);
}

export interface ReshapeProblem {
  /** The factory (`Deployment`) and the resource's name argument, for the message. */
  readonly factory: string;
  readonly name: unknown;
  readonly field: string;
  /** What JavaScript does with the field, e.g. `turns the map into a list of { name, value }`. */
  readonly what: string;
  /** The way out, e.g. `decide each value: env: { A: spec.debug ? 'x' : 'y' }`. */
  readonly fix: string;
}

function mapBranches(expr: Expr, reshape: (entries: Entries) => Expr, whole?: (read: Expr) => Expr): Expr | undefined {
  if (expr.kind === 'conditional') {
    const then = mapBranches(expr.then, reshape, whole);
    const otherwise = mapBranches(expr.otherwise, reshape, whole);
    return then && otherwise ? E.cond(expr.test, then, otherwise) : undefined;
  }
  if (expr.kind === 'map') return reshape(expr.entries);
  if (expr.kind === 'literal' && expr.literal.kind === 'null') return reshape([]);
  if (whole && wholeMap(expr)) return whole(expr);
  return undefined;
}

/** A branch that is a map value itself (a read, `spec.labels ?? {}`, `Cel.expr`), not a CEL optional of one. */
function wholeMap(expr: Expr): boolean {
  switch (expr.kind) {
    case 'select':
    case 'index':
      return !expr.optional;
    case 'ident':
    case 'raw':
      return true;
    case 'call':
      return expr.fn === 'orValue' || expr.fn === 'merge';
    default:
      return false;
  }
}

function reshapeError(problem: ReshapeProblem): TypeKroError {
  const at = formatLocation(userFrames()[0]);
  return new TypeKroError('DEFINITION_INVALID', 
    `${at}: ${resourceNamed(problem.factory, problem.name)}: ${problem.field} is computed from the spec, and the factory ${problem.what} in JavaScript, ` +
      `which only works on object literals (also in each branch of a ternary); ${problem.fix}`,
  );
}

/**
 * A simple factory's resource as a message names it: `Deployment "web"`, or `Deployment named by spec.name`
 * when the name is a reference (a bare `spec.name` after the kind would read as a field of it).
 *
 * @example resourceNamed('Deployment', spec.name) // 'Deployment named by spec.name'
 */
export function resourceNamed(factory: string, name: unknown): string {
  return typeof name === 'string' ? `${factory} ${describeValue(name)}` : `${factory} named by ${describeValue(name)}`;
}

/**
 * A whole map read (`spec.labels`) merged over `base` as JavaScript's `{ ...base, ...read }` does: KRO's
 * `merge` lets the right side win, and an absent map (an optional spec field) spreads nothing.
 */
export function mergedOver(base: Expr, read: Expr): Expr {
  const merged = E.call('merge', [read], base);
  return read.kind === 'select' && !read.optional ? E.cond(E.call('has', [read]), merged, base) : merged;
}

/** The string key of a map entry, when it is a literal. */
export function literalKey(entry: { readonly key: Expr }): string | undefined {
  return entry.key.kind === 'literal' && entry.key.literal.kind === 'string' ? entry.key.literal.value : undefined;
}

/** A factory argument (literal, reference, template over references, computed value) as a CEL expression. */
export function valueExpr(value: unknown): Expr {
  const ref = refOf(value);
  if (ref) return refToExpr(ref);
  if (isExprValue(value)) return value.expr;
  if (typeof value === 'string') {
    if (!hasMarkers(value)) return E.str(value);
    // A template literal over references; string() is the identity on strings and converts anything else.
    return E.template(splitMarkers(value).map((part) => (typeof part === 'string' ? part : E.call('string', [refToExpr(part)]))));
  }
  if (typeof value === 'boolean') return E.bool(value);
  if (typeof value === 'number') return Number.isInteger(value) ? E.int(value) : E.double(value);
  if (value === null || value === undefined) return E.null();
  throw new TypeKroError('INTERNAL', `internal: ${typeof value} cannot be written into a computed object`);
}
