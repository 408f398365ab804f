/**
 * A property read on a value whose type is known only when it is read (an untyped spec field, a custom
 * resource's field without a schema). JavaScript reads `x.b` as `undefined` for every `x` that is not an
 * object holding `b`: a list, text, a number, a boolean. CEL's `x.?b`, `x.b` and `has(x.b)` agree with that
 * for all of them but a list, where KRO's cel-go fails ("unsupported index type 'string' in list") and the
 * runtime's engine reads nothing. So such a read selects from `x` only where `x` is a map, and from `{}`
 * otherwise, which both engines read as JavaScript does (`test/differential/untyped-target-cel.go.test.ts`).
 * The map is `dyn(x)`: KRO's checker may type `x` as an object (a custom resource's `status`), which a
 * conditional cannot join with a map.
 */
import { isDeepStrictEqual } from 'node:util';
import { E, type Expr } from './expr.js';
import type { CelType } from './types.js';

/**
 * Whether a value of `type` may be any JSON value at run time (a list among them): a `dyn` that is neither
 * int-or-string nor declared an object.
 *
 * @example
 * anyJson(T.dyn); // true
 */
export function anyJson(type: CelType): boolean {
  return type.kind === 'dyn' && !type.intOrString && !type.object;
}

/**
 * Whether a key reads the same on a list or text as on `{}` in JavaScript (`undefined`): not a position
 * (`"0"`) and not `length`.
 *
 * @example
 * isPropertyName('tier'); // true
 */
export function isPropertyName(key: string): boolean {
  return key !== 'length' && !/^(0|[1-9][0-9]*)$/.test(key);
}

/**
 * Whether a value of `type` is an object of any fields: a `dyn` the schema declares an object.
 *
 * @example
 * declaredObject(T.dynObject); // true
 */
export function declaredObject(type: CelType): boolean {
  return type.kind === 'dyn' && type.object === true;
}

/** The variable of the one-item binding (its body reads only it, never the operand's expression). */
const VALUE = 'x';

const EMPTY = E.map([]);

const isMap = (value: Expr): Expr => E.binary('==', E.call('type', [value]), E.call('type', [EMPTY]));

const mapOr = (value: Expr): Expr => E.cond(isMap(value), E.call('dyn', [value]), EMPTY);

/**
 * `value` where it is a map, else `{}`: the operand of a property read of a value typed only when read. A
 * path (`schema.spec.cfg.a`) is written twice, which reads plainly; any other operand is bound once
 * (`[value].map(x, ...)[0]`), so nested reads do not double the text.
 *
 * @example
 * printCel(E.select(mapOrEmpty(E.path('schema', 'spec', 'cfg')), 'a')); // '(type(schema.spec.cfg) == type({}) ? dyn(schema.spec.cfg) : {}).a'
 */
export function mapOrEmpty(value: Expr): Expr {
  if (isPlainPath(value)) return mapOr(value);
  return E.index(E.macro('map', E.list([value]), VALUE, mapOr(E.ident(VALUE))), E.int(0));
}

/**
 * {@link mapOrEmpty} of a CEL optional's value, `{}` where it has none: the operand of a read through an
 * optional chain (`a?.b?.c`).
 *
 * @example
 * printCel(optionalMapOrEmpty(E.select(E.path('schema', 'spec'), 'o', true))).startsWith('[schema.spec.?o.orValue(dyn({}))].map(x, '); // true
 */
export function optionalMapOrEmpty(optional: Expr): Expr {
  return mapOrEmpty(E.call('orValue', [E.call('dyn', [EMPTY])], optional));
}

/**
 * The value {@link mapOrEmpty} guards when `expr` is its result (the optional itself for
 * {@link optionalMapOrEmpty}), for walks that follow a read down to its root.
 *
 * @example
 * const cfg = E.path('schema', 'spec', 'cfg');
 * mapOrEmptyOperand(mapOrEmpty(cfg)) === cfg; // true
 */
export function mapOrEmptyOperand(expr: Expr): Expr | undefined {
  const operand = guarded(expr);
  if (operand?.kind !== 'call' || operand.fn !== 'orValue' || !operand.target) return operand;
  const fallback = operand.args[0];
  return fallback?.kind === 'call' && fallback.fn === 'dyn' && fallback.args[0] !== undefined && isEmptyMap(fallback.args[0]) ? operand.target : operand;
}

function guarded(expr: Expr): Expr | undefined {
  if (expr.kind === 'conditional') return isMapOr(expr) ? expr.test.kind === 'binary' && expr.test.left.kind === 'call' ? expr.test.left.args[0] : undefined : undefined;
  if (expr.kind !== 'index' || expr.target.kind !== 'macro' || expr.target.macro !== 'map' || expr.target.variable !== VALUE) return undefined;
  const { target, body } = expr.target;
  if (target.kind !== 'list' || target.items.length !== 1 || body.kind !== 'conditional' || !isMapOr(body)) return undefined;
  return isDeepStrictEqual(body.otherwise, EMPTY) && isDeepStrictEqual(body.test, isMap(E.ident(VALUE))) ? target.items[0] : undefined;
}

/** `type(v) == type({}) ? dyn(v) : {}`, for some `v`. */
function isMapOr(expr: Extract<Expr, { kind: 'conditional' }>): boolean {
  const { test, then, otherwise } = expr;
  if (!isEmptyMap(otherwise) || test.kind !== 'binary' || test.left.kind !== 'call' || test.left.fn !== 'type') return false;
  const value = test.left.args[0];
  return value !== undefined && isDeepStrictEqual(test, isMap(value)) && isDeepStrictEqual(then, E.call('dyn', [value]));
}

/** A path of plain field selections under an identifier (`schema.spec.a`): repeated in CEL at no cost. */
export function isPlainPath(expr: Expr): boolean {
  return expr.kind === 'ident' || (expr.kind === 'select' && !expr.optional && isPlainPath(expr.target));
}

const isEmptyMap = (expr: Expr): boolean => expr.kind === 'map' && expr.entries.length === 0;
