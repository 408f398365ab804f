/**
 * Rewrites of a parsed cel-js AST, applied once before the first type check (which is when cel-js
 * resolves overloads). cel-js does not let us override its built-in overloads, so where its semantics
 * differ from cel-go the program is pointed at our own functions instead:
 * - receiver calls renamed (`s.lowerAscii()` → `s.kroLowerAscii()`),
 * - global calls renamed (`string(x)` → `kroString(x)`),
 * - operators replaced by calls (`-x` → `kroNeg(x)`, `a / b` → `kroDiv(a, b)`), through cel-js's own
 *   `alternate` node mechanism (the one its macros use),
 * - `||` and `&&` evaluated so that, when both sides fail, the left error wins (cel-go reports the first
 *   error; cel-js the last, which can turn KRO's "pending" into "fatal" or back),
 * - `a[i]` re-examined when cel-js reports a missing key: a list indexed by a uint or a whole double is
 *   read as cel-go reads it, and an index or key of a type that can never be one is a fatal error, not
 *   cel-js's "no such key" (which KRO would treat as data pending),
 * - `<`, `<=`, `>`, `>=` comparing strings by code point (Go compares UTF-8 bytes; cel-js UTF-16 units)
 *   and an int with a double the way cel-go's `compareIntDouble` does,
 * - timestamps compared, subtracted and moved by a duration to the nanosecond, keeping the offset they
 *   were written with (cel-js's `Date` holds milliseconds in UTC; library/timestamp-detail.ts),
 * - kro's `runtime.newCondition({type: ...})` keys turned into strings, as kro's parse-time macro does,
 * - map literals keeping the keys cel-js leaves out (`__proto__`, `constructor`, `prototype`).
 * It also rejects the non-standard receiver functions cel-js has and KRO's environment does not.
 * Internal names never reach users: {@link publicName} maps them back in messages.
 */
import { TypeKroError } from '../../util/errors.js';
import { dynAwareCallCheck, type CheckFn } from './dyn-calls.js';
import { compareTimestamps, timestampArithmetic } from './library/timestamp-detail.js';
import { plainIfStringKeys } from './library/comprehensions.js';

/** The shape of a cel-js AST node we rely on (cel-js 8.0.0 `ASTNode`). */
export interface AstNode {
  op: string;
  args: unknown;
  readonly meta: { readonly check: unknown; readonly evaluate: unknown };
  clone(op: AstOp, args: unknown): AstNode;
  setMeta(key: string, value: unknown): AstNode;
}

/** An operator descriptor as `ASTNode.clone` takes it. */
export interface AstOp {
  readonly name: string;
  readonly check: unknown;
  readonly evaluate: unknown;
}

export interface RewriteRules {
  /** Receiver function renames: `x.name(...)`. */
  readonly receiver: Readonly<Record<string, string>>;
  /** Global function renames: `name(...)`. */
  readonly global: Readonly<Record<string, string>>;
  /** Operators evaluated by a function of ours instead: `op` (cel-js spelling) → function name. */
  readonly operators: Readonly<Record<string, string>>;
  /** Receiver functions cel-js has that cel-go's KRO environment does not. */
  readonly rejected: ReadonlySet<string>;
}

/** A compile-time problem found while rewriting (reported like a type-check error). */
export class RewriteError extends TypeKroError {
  override readonly name = 'RewriteError';
  constructor(message: string, options?: ErrorOptions) {
    super('DEFINITION_INVALID', message, options);
  }
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value && typeof (value as AstNode).clone === 'function';
}

/** Node descriptors taken from parsed samples (`f(x)` and `"x"`), used to build new nodes. */
export interface AstOps {
  readonly call: AstOp;
  readonly value: AstOp;
}

/** Rewrites `root` in place. */
export function rewriteAst(root: AstNode, rules: RewriteRules, ops: AstOps): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node)) return;
    const args = node.args;
    if (node.op === 'rcall' && Array.isArray(args) && typeof args[0] === 'string') {
      const name = args[0];
      if (rules.rejected.has(name)) throw new RewriteError(`undeclared reference to '${name}'`);
      if (name === 'newCondition' && isNode(args[1]) && args[1].op === 'id' && args[1].args === 'runtime') quoteConditionKeys(args[2], ops.value);
      const renamed = rules.receiver[name];
      if (renamed) args[0] = renamed;
      typeCallsLikeCelGo(node);
    } else if (node.op === 'call' && Array.isArray(args) && typeof args[0] === 'string') {
      const renamed = rules.global[args[0]];
      if (renamed) args[0] = renamed;
      typeCallsLikeCelGo(node);
    } else if (node.op === '||' || node.op === '&&') {
      visit(args);
      const decisive = node.op === '||';
      node.setMeta('alternate', node.clone({ name: node.op, check: node.meta.check, evaluate: logical(decisive) }, args));
      return;
    } else if (node.op in RELATIONAL) {
      visit(args);
      node.setMeta('alternate', node.clone({ name: node.op, check: node.meta.check, evaluate: relational(RELATIONAL[node.op]!) }, args));
      return;
    } else if (node.op === '==' || node.op === '!=' || node.op === '+' || node.op === '-') {
      visit(args);
      node.setMeta('alternate', node.clone({ name: node.op, check: node.meta.check, evaluate: timestampAware(node.op) }, args));
      return;
    } else if (node.op === '[]') {
      visit(args);
      node.setMeta('alternate', node.clone({ name: '[]', check: node.meta.check, evaluate: indexAccess(node.meta.evaluate as IndexEvaluate) }, args));
      return;
    } else if (node.op === 'map' && Array.isArray(args) && args.length > 0) {
      visit(args);
      node.setMeta('alternate', node.clone({ name: 'map', check: node.meta.check, evaluate: mapLiteral }, args));
      return;
    } else if (rules.operators[node.op]) {
      const operands = Array.isArray(args) ? args : [args];
      visit(operands);
      node.setMeta('alternate', node.clone(ops.call, [rules.operators[node.op], operands]));
      return;
    }
    if (Array.isArray(args)) visit(args);
    else if (isNode(args)) visit(args);
    else if (typeof args === 'object' && args !== null) for (const value of Object.values(args)) visit(value);
  };
  visit(root);
}

/**
 * A map literal with every key it is written with: cel-js leaves out the keys `__proto__`, `constructor` and
 * `prototype` (`{"constructor": "c"}` is `{}` there), cel-go keeps them. A map with `constructor` or `__proto__` is a `Map`
 * ({@link plainIfStringKeys}); any other is cel-js's plain object, its keys as cel-js writes them (`obj[k] =
 * v`: a number key becomes text, the last of a repeated key wins).
 */
function mapLiteral(ev: { run(node: unknown, ctx: unknown): unknown }, ast: { readonly args: readonly (readonly [unknown, unknown])[] }, ctx: unknown): unknown {
  const entries = ast.args.map(([key, value]) => [ev.run(key, ctx), ev.run(value, ctx)] as const);
  if (!entries.some(([key]) => typeof key === 'string' && OBJECT_WORDS.has(key))) return Object.fromEntries(entries as (readonly [PropertyKey, unknown])[]);
  return plainIfStringKeys(new Map(entries.map(([key, value]) => [typeof key === 'string' ? key : String(key), value])));
}

const OBJECT_WORDS: ReadonlySet<string> = new Set(['constructor', '__proto__']);

/** A parsed call gets cel-go's result type over `dyn` arguments (macros keep their own check). */
function typeCallsLikeCelGo(node: AstNode): void {
  const meta = node.meta as { readonly check: unknown; readonly macro?: unknown; readonly alternate?: unknown };
  if (meta.macro || meta.alternate) return;
  node.setMeta('check', dynAwareCallCheck(meta.check as CheckFn));
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
function logical(decisive: boolean) {
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

const RELATIONAL: Readonly<Record<string, (order: number) => boolean>> = {
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

function relational(test: (order: number) => boolean) {
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
function timestampAware(op: '==' | '!=' | '+' | '-') {
  return (ev: { run(node: unknown, ctx: unknown): unknown }, ast: BinaryNode, ctx: unknown): unknown => {
    const left = ev.run(ast.left, ctx);
    const right = ev.run(ast.right, ctx);
    if (op === '==' || op === '!=') {
      if (left instanceof Date && right instanceof Date) return (compareTimestamps(left, right) === 0) === (op === '==');
    } else if (left instanceof Date || right instanceof Date) {
      const result = timestampArithmetic(op, left, right);
      if (result !== undefined) return result;
    }
    return ast.handle(left, right, ast, ev);
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

type IndexEvaluate = (ev: TryEvaluator, ast: { readonly args: readonly unknown[] }, ctx: unknown) => unknown;

/** cel-go's qualifier rules for `a[i]` where cel-js reports every failure as a missing key. */
function indexAccess(base: IndexEvaluate): IndexEvaluate {
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

const CONDITION_KEYS = new Set(['type', 'status', 'reason', 'message']);

/**
 * kro's `runtime.newCondition` macro (pkg/cel/library/runtime.go): the argument must be a map literal with
 * bare identifier keys among type/status/reason/message, no duplicates, type and status required; the keys
 * become string literals.
 */
function quoteConditionKeys(argList: unknown, valueOp: AstOp): void {
  const arg = Array.isArray(argList) ? argList[0] : undefined;
  if (!isNode(arg) || arg.op !== 'map') throw new RewriteError('runtime.newCondition: argument must be a map literal');
  const seen = new Set<string>();
  for (const entry of arg.args as [AstNode, AstNode][]) {
    const key = entry[0];
    if (key.op !== 'id' || typeof key.args !== 'string') {
      throw new RewriteError('runtime.newCondition: keys must be bare identifiers (type, status, reason, message); quoted or computed keys are not allowed');
    }
    const name = key.args;
    if (!CONDITION_KEYS.has(name)) throw new RewriteError(`runtime.newCondition: unknown key "${name}" (allowed: type, status, reason, message)`);
    if (seen.has(name)) throw new RewriteError(`runtime.newCondition: duplicate key "${name}"`);
    seen.add(name);
    entry[0] = key.clone(valueOp, name);
  }
  if (!seen.has('type')) throw new RewriteError("runtime.newCondition: 'type' is required");
  if (!seen.has('status')) throw new RewriteError("runtime.newCondition: 'status' is required");
}

/** Maps our internal function names back to the CEL names users wrote, in error messages. */
export function publicName(message: string, rules: RewriteRules): string {
  let out = message;
  for (const table of [rules.receiver, rules.global]) {
    for (const [name, internal] of Object.entries(table)) out = out.split(internal).join(name);
  }
  for (const [op, internal] of Object.entries(rules.operators)) out = out.split(internal).join(op);
  return out;
}
