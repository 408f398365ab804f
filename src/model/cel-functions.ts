/**
 * The `Cel` functions that mean what a JavaScript expression means, under the original TypeKro's names
 * (`Cel.max`, `Cel.default`, `Cel.concat`, ...). Inside a composition their calls are compiled from source as
 * that JavaScript (`Cel.max(a, b)` as `Math.max(a, b)`), so the CEL keeps JavaScript's meaning. Called on
 * plain values (a concrete evaluation, or outside a composition) they compute that JavaScript; on references
 * they build the corresponding expression, which the compiled source replaces inside a composition.
 */
import { E, type Expr } from '../ir/expr.js';
import { exprValue, isExprValue } from '../ir/value.js';
import { hasMarkers, refOf, refToExpr, splitMarkers } from './refs.js';
import { celResult } from './run.js';
import { refText } from './ref-text.js';
import { celDoubleOfText, celIntOfText } from '../util/cel-number-text.js';
import { TypeKroError } from '../util/errors.js';

/** An expression value typed as the value it yields (see `CelExpression` in cel.ts). */
type Result<T> = T & { readonly __celResult?: T };

/** The expression of a reference, an expression value or a template string over references; `undefined` for plain data. */
function exprOf(value: unknown): Expr | undefined {
  const ref = refOf(value);
  if (ref) return refToExpr(ref);
  if (isExprValue(value)) return value.expr;
  if (typeof value === 'string' && hasMarkers(value)) {
    return E.template(splitMarkers(value).map((part) => (typeof part === 'string' ? part : E.call('string', [refText(part)]))));
  }
  return undefined;
}

function literalExpr(value: unknown): Expr {
  const expr = exprOf(value);
  if (expr) return expr;
  if (typeof value === 'string') return E.str(value);
  if (typeof value === 'boolean') return E.bool(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? E.int(value) : E.double(value);
  if (value === null || value === undefined) return E.null();
  if (Array.isArray(value)) return E.list(value.map(literalExpr));
  return E.map(Object.entries(value as Record<string, unknown>).map(([key, item]) => ({ key: E.str(key), value: literalExpr(item) })));
}

/** CEL's parse of plain text, or the error CEL gives (KRO and direct mode fail the expression the same way). */
function parsed(text: string, fn: 'int' | 'double', value: number | undefined): number {
  if (value !== undefined) return value;
  const syntax = fn === 'int' ? 'an optional sign and decimal digits within 64 bits' : "Go's float syntax";
  throw new TypeKroError('DEPLOY_FAILED', `Cel.${fn}(${JSON.stringify(text)}): CEL's ${fn}() fails on this text (it reads ${syntax}, not JavaScript's ${fn === 'int' ? 'parseInt' : 'Number'}), so the expression fails in the cluster`);
}

const isPlain = (...values: readonly unknown[]): boolean => values.every((value) => exprOf(value) === undefined);
const built = <T>(expr: Expr): Result<T> => celResult(exprValue(expr)) as Result<T>;
const plainResult = <T>(value: unknown): Result<T> => value as Result<T>;

/**
 * `Cel.conditional`, `Cel.concat`, `Cel.size`, `Cel.min`, `Cel.max`, `Cel.string`, `Cel.int`, `Cel.double`,
 * `Cel.default`, `Cel.coalesce` and `Cel.not`: each means the JavaScript named in its comment.
 *
 * @example
 * import { Cel } from 'typekro';
 * [Cel.max(2, 5), Cel.concat('web-', 3), Cel.default(undefined, 'x')]; // => [5, 'web-3', 'x']
 */
export const javaScriptCel = {
  /**
   * `condition ? whenTrue : whenFalse`, with JavaScript truthiness.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.conditional(true, 'running', 'pending'); // => 'running'
   */
  conditional<T>(condition: unknown, whenTrue: T, whenFalse: T): Result<T> {
    if (isPlain(condition)) return plainResult<T>(condition ? whenTrue : whenFalse);
    return built<T>(E.cond(literalExpr(condition), literalExpr(whenTrue), literalExpr(whenFalse)));
  },

  /**
   * The parts as one string, like `${a}${b}` (numbers and booleans as `String(x)` writes them).
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.concat('http://', 'web', ':', 8080); // => 'http://web:8080'
   */
  concat(...parts: readonly unknown[]): Result<string> {
    if (isPlain(...parts)) return plainResult<string>(parts.map(String).join(''));
    return built<string>(E.template(parts.map((part) => (typeof part === 'string' && !hasMarkers(part) ? part : E.call('string', [literalExpr(part)])))));
  },

  /**
   * `x.length` of a list or a string.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.size(['a', 'b']); // => 2
   */
  size(value: readonly unknown[] | string): Result<number> {
    if (isPlain(value)) return plainResult<number>(value.length);
    return built<number>(E.call('size', [literalExpr(value)]));
  },

  /**
   * `Math.min(...values)`.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.min(3, 10); // => 3
   */
  min(...values: readonly number[]): Result<number> {
    if (isPlain(...values)) return plainResult<number>(Math.min(...values));
    return built<number>(E.call('min', [], E.list(values.map(literalExpr))));
  },

  /**
   * `Math.max(...values)`.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.max(1, 4); // => 4
   */
  max(...values: readonly number[]): Result<number> {
    if (isPlain(...values)) return plainResult<number>(Math.max(...values));
    return built<number>(E.call('max', [], E.list(values.map(literalExpr))));
  },

  /**
   * `String(x)`.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.string(3); // => '3'
   */
  string(value: unknown): Result<string> {
    if (isPlain(value)) return plainResult<string>(String(value));
    return built<string>(E.call('string', [literalExpr(value)]));
  },

  /**
   * An integer: a number truncated toward zero (`Math.trunc`); text is parsed by CEL's `int()`, not JavaScript's
   * `parseInt`: an optional sign and decimal digits only, anything else (`'12abc'`, `' 42'`, `'3.9'`) fails the
   * expression in the cluster (and throws here, on plain text).
   *
   * @example
   * import { Cel } from 'typekro';
   * [Cel.int(2.9), Cel.int('42')]; // => [2, 42]
   */
  int(value: number | string): Result<number> {
    if (isPlain(value)) return plainResult<number>(typeof value === 'number' ? Math.trunc(value) : parsed(value, 'int', celIntOfText(value)));
    return built<number>(E.call('int', [literalExpr(value)]));
  },

  /**
   * A double, so an integer fits a `number` (float) field: a number as it is; text is parsed by CEL's `double()`
   * (Go's float syntax), not JavaScript's `Number`: `'1_0.5'` is 10.5 and `'inf'` Infinity, while `' 42'` and
   * `'0x10'` fail the expression in the cluster (and throw here, on plain text).
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.double('1.5'); // => 1.5
   */
  double(value: number | string): Result<number> {
    if (isPlain(value)) return plainResult<number>(typeof value === 'number' ? value : parsed(value, 'double', celDoubleOfText(value)));
    return built<number>(E.call('double', [literalExpr(value)]));
  },

  /**
   * `value ?? fallback`: the fallback while the value is absent.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.default(undefined, 'info'); // => 'info'
   */
  default<T>(value: T | null | undefined, fallback: T): Result<T> {
    return javaScriptCel.coalesce<T>(value, fallback);
  },

  /**
   * `a ?? b ?? ...`: the first value that is present.
   *
   * @example
   * import { Cel } from 'typekro';
   * Cel.coalesce<string>(undefined, null, 'c'); // => 'c'
   */
  coalesce<T>(...values: readonly (T | null | undefined)[]): Result<T> {
    const first = values.findIndex((value) => exprOf(value) !== undefined || (value !== undefined && value !== null));
    if (first === -1) return plainResult<T>(values.at(-1));
    const [head, ...rest] = values.slice(first);
    if (isPlain(head) || rest.length === 0) return plainResult<T>(head);
    const test = literalExpr(head);
    return built<T>(E.cond(E.call('has', [test]), test, literalExpr(javaScriptCel.coalesce<T>(...rest))));
  },

  /**
   * `!x`, with JavaScript truthiness (the original TypeKro's `Cel.not(ref)` tested "not set": `!x` is also
   * true for an absent field, and for `''`, `0` and `false`).
   *
   * @example
   * import { Cel } from 'typekro';
   * [Cel.not(false), Cel.not('')]; // => [true, true]
   */
  not(value: unknown): Result<boolean> {
    if (isPlain(value)) return plainResult<boolean>(!value);
    return built<boolean>(E.unary('!', literalExpr(value)));
  },
};

/**
 * The `cel` template tag: builds the string its untagged template literal builds (references become CEL
 * string templates, numbers and booleans `string(x)`), for code written for the original TypeKro.
 *
 * @example
 * import { type } from 'arktype';
 * import { cel, kubernetesComposition } from 'typekro';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ host: 'string', port: 'number.integer' }), status: type({ url: 'string' }) },
 *   (spec) => ({ url: cel`https://${spec.host}:${spec.port}/` }),
 * );
 * app.toYaml().includes('url: https://${schema.spec.host}:${string(schema.spec.port)}/'); // => true
 */
export function cel(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  return strings.reduce((text, piece, i) => (i === 0 ? piece : `${text}${String(values[i - 1])}${piece}`), '');
}
