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
 * - map literals keeping the keys cel-js leaves out (`__proto__`, `constructor`, `prototype`),
 * - int `+`, `-`, `*` checked against JavaScript's safe integer range (library/int-range.ts).
 * The evaluations of the replaced operators are in cel-go-evaluators.ts. It also rejects the non-standard
 * receiver functions cel-js has and KRO's environment does not.
 * Internal names never reach users: {@link publicName} maps them back in messages.
 */
import { TypeKroError } from '../../util/errors.js';
import { dynAwareCallCheck, type CheckFn } from './dyn-calls.js';
import { indexAccess, intChecked, logical, mapLiteral, relational, RELATIONAL, timestampAware, type IndexEvaluate } from './cel-go-evaluators.js';

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
    } else if (node.op === '*') {
      visit(args);
      node.setMeta('alternate', node.clone({ name: node.op, check: node.meta.check, evaluate: intChecked('*') }, args));
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

/** A parsed call gets cel-go's result type over `dyn` arguments (macros keep their own check). */
function typeCallsLikeCelGo(node: AstNode): void {
  const meta = node.meta as { readonly check: unknown; readonly macro?: unknown; readonly alternate?: unknown };
  if (meta.macro || meta.alternate) return;
  node.setMeta('check', dynAwareCallCheck(meta.check as CheckFn));
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
