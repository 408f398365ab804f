/**
 * How the nodes rewrite.ts points at our own evaluation compute, where cel-js's own overloads differ from
 * cel-go: `||` and `&&` (the left error wins), `<` `<=` `>` `>=` (strings by code point, an int against a
 * double, timestamps), `==` `!=` `+` `-` on timestamps, `a[i]` (cel-go's qualifier rules) and map literals
 * (keeping `__proto__`, `constructor`, `prototype`). Each gets cel-js's evaluator and AST node as cel-js
 * hands them to an `alternate` node's `evaluate`.
 */
import { intText, safeInt } from './library/int-range.js';
import { compareTimestamps, timestampArithmetic } from './library/timestamp-detail.js';
import { plainIfStringKeys } from './library/comprehensions.js';

/**
 * A map literal with every key it is written with: cel-js leaves out the keys `__proto__`, `constructor` and
 * `prototype` (`{"constructor": "c"}` is `{}` there), cel-go keeps them. A map with `constructor` or `__proto__` is a `Map`
 * ({@link plainIfStringKeys}); any other is cel-js's plain object, its keys as cel-js writes them (`obj[k] =
 * v`: a number key becomes text, the last of a repeated key wins).
 */
export function mapLiteral(ev: { run(node: unknown, ctx: unknown): unknown }, ast: { readonly args: readonly (readonly [unknown, unknown])[] }, ctx: unknown): unknown {
  const entries = ast.args.map(([key, value]) => [ev.run(key, ctx), ev.run(value, ctx)] as const);
  return plainIfStringKeys(new Map(entries.map(([key, value]) => [typeof key === 'string' ? key : String(key), value])));
}

interface LogicalNode {
  readonly left: unknown;
  readonly right: unknown;
}

interface TryEvaluator {
  tryEval(node: unknown, ctx: unknown): unknown;
  createError(code: string, message: string, node: unknown): Error;
}

/**
 * cel-go's `||` (decisive = true) and `&&` (decisive = false): a deciding operand wins over an error on the
 * other side; otherwise the first error is the result.
 */
export function logical(decisive: boolean) {
  return (ev: TryEvaluator, ast: LogicalNode, ctx: unknown): boolean => {
    const left = ev.tryEval(ast.left, ctx);
    if (left === decisive) return decisive;
    const right = ev.tryEval(ast.right, ctx);
    if (right === decisive) return decisive;
    for (const side of [left, right]) {
      if (side instanceof Error) throw side;
      if (typeof side !== 'boolean') throw ev.createError('no_such_overload', `no such overload: logical operator on ${typeof side}`, ast);
    }
    return !decisive;
  };
}

export const RELATIONAL: Readonly<Record<string, (order: number) => boolean>> = {
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

interface BinaryNode {
  readonly left: unknown;
  readonly right: unknown;
  handle(left: unknown, right: unknown, ast: BinaryNode, ev: unknown): unknown;
}

export function relational(test: (order: number) => boolean) {
  return (ev: TryEvaluator & { run(node: unknown, ctx: unknown): unknown }, ast: BinaryNode, ctx: unknown): unknown => {
    const left = ev.run(ast.left, ctx);
    const right = ev.run(ast.right, ctx);
    const nan = (x: unknown) => typeof x === 'number' && Number.isNaN(x);
    // cel-go v0.31 (KRO v0.9.4): any ordering with a NaN operand is false, whatever the other operand is
    if (nan(left) || nan(right)) return false;
    if (typeof left === 'string' && typeof right === 'string') return test(compareCodePoints(left, right));
    if (left instanceof Date && right instanceof Date) return test(compareTimestamps(left, right));
    if (typeof left === 'bigint' && typeof right === 'number' && !Number.isNaN(right)) return test(compareIntDouble(left, right));
    if (typeof left === 'number' && typeof right === 'bigint' && !Number.isNaN(left)) return test(-compareIntDouble(right, left));
    return ast.handle(left, right, ast, ev);
  };
}

/**
 * `==`, `!=`, `+`, `-` with cel-go's timestamps (library/timestamp-detail.ts): equal to the nanosecond, and
 * arithmetic that keeps the nanoseconds and the offset; every other operand goes to cel-js's overload.
 */
export function timestampAware(op: '==' | '!=' | '+' | '-') {
  return (ev: { run(node: unknown, ctx: unknown): unknown }, ast: BinaryNode, ctx: unknown): unknown => {
    const left = ev.run(ast.left, ctx);
    const right = ev.run(ast.right, ctx);
    if (op === '==' || op === '!=') {
      if (left instanceof Date && right instanceof Date) return (compareTimestamps(left, right) === 0) === (op === '==');
    } else if (left instanceof Date || right instanceof Date) {
      const result = timestampArithmetic(op, left, right);
      if (result !== undefined) return result;
    }
    const result = ast.handle(left, right, ast, ev);
    return op === '+' || op === '-' ? safeInt(result, () => `${intText(left)} ${op} ${intText(right)}`) : result;
  };
}

/** `*`: cel-js's overload, then TypeKro's int rule (library/int-range.ts). */
export function intChecked(op: '*') {
  return (ev: { run(node: unknown, ctx: unknown): unknown }, ast: BinaryNode, ctx: unknown): unknown => {
    const left = ev.run(ast.left, ctx);
    const right = ev.run(ast.right, ctx);
    return safeInt(ast.handle(left, right, ast, ev), () => `${intText(left)} ${op} ${intText(right)}`);
  };
}

/** Go compares strings bytewise in UTF-8, which is code point order. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done ? (q.done ? 0 : -1) : 1;
    const d = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (d !== 0) return Math.sign(d);
  }
}

/** An int against a double as cel-go's `compareIntDouble` does it: range checks, then as doubles. */
function compareIntDouble(i: bigint, d: number): number {
  if (d < -(2 ** 63)) return 1;
  if (d > 2 ** 63 - 1) return -1;
  const x = Number(i);
  return x < d ? -1 : x > d ? 1 : 0;
}

export type IndexEvaluate = (ev: TryEvaluator, ast: { readonly args: readonly unknown[] }, ctx: unknown) => unknown;

/** cel-go's qualifier rules for `a[i]` where cel-js reports every failure as a missing key. */
export function indexAccess(base: IndexEvaluate): IndexEvaluate {
  return (ev, ast, ctx) => {
    try {
      return base(ev, ast, ctx);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'no_such_key' && code !== 'index_out_of_bounds') throw error;
      const container = ev.tryEval(ast.args[0], ctx);
      const index = ev.tryEval(ast.args[1], ctx);
      if (Array.isArray(container)) {
        const position = listIndex(index);
        if (position === undefined) {
          const what = typeof index === 'number' ? `value ${index}` : `type '${typeName(index)}'`;
          throw ev.createError('invalid_index', `unsupported index ${what} in list`, ast);
        }
        if (position >= 0 && position < container.length) return container[position];
        throw ev.createError('index_out_of_bounds', `index out of bounds: ${position}`, ast);
      }
      if (index === null || index instanceof Uint8Array || Array.isArray(index)) {
        throw ev.createError('invalid_index', `invalid qualifier type: ${typeName(index)}`, ast);
      }
      throw error;
    }
  };
}

/** A list position from an int, a uint or a whole double (cel-go accepts all three). */
function listIndex(index: unknown): number | undefined {
  if (typeof index === 'bigint') return Number(index);
  if (typeof index === 'number') return Number.isInteger(index) ? index : undefined;
  if (typeof index === 'object' && index !== null && index.constructor?.name === 'UnsignedInt') return Number((index as { value: bigint }).value);
  return undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'number' ? 'double' : typeof value;
}
