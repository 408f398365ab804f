/**
 * Simple factories reshape some arguments in JavaScript (the env map becomes a list of `{ name, value }`,
 * labels get `app: <name>` merged in, an Hpa target becomes a `scaleTargetRef`). When such an argument
 * was compiled from source (`env: spec.debug ? { A: 'x' } : { A: 'y' }`), it is an expression, not an
 * object JavaScript can reshape. The reshaping is applied to the object literals of every branch of the
 * expression instead, which gives the same CEL value KRO would need; any other expression (a whole map
 * read from the spec, a function call) cannot be reshaped without iterating a map, whose order KRO does
 * not keep, so it is rejected with the call site and the way out.
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
export function reshapeBranches(value: ExprValue, reshape: (entries: Entries) => Expr, problem: ReshapeProblem): ExprValue {
  const result = mapBranches(value.expr, reshape);
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

function mapBranches(expr: Expr, reshape: (entries: Entries) => Expr): Expr | undefined {
  if (expr.kind === 'conditional') {
    const then = mapBranches(expr.then, reshape);
    const otherwise = mapBranches(expr.otherwise, reshape);
    return then && otherwise ? E.cond(expr.test, then, otherwise) : undefined;
  }
  if (expr.kind === 'map') return reshape(expr.entries);
  if (expr.kind === 'literal' && expr.literal.kind === 'null') return reshape([]);
  return undefined;
}

function reshapeError(problem: ReshapeProblem): TypeKroError {
  const at = formatLocation(userFrames()[0]);
  return new TypeKroError('DEFINITION_INVALID', 
    `${at}: ${problem.factory} ${describeValue(problem.name)}: ${problem.field} is computed from the spec, and the factory ${problem.what} in JavaScript, ` +
      `which only works on object literals (also in each branch of a ternary); ${problem.fix}`,
  );
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
