/**
 * Macros KRO's environment has and cel-js lacks, written against cel-js's macro API (a macro returns
 * `typeCheck`/`evaluate` hooks): cel-go `ext.TwoVarComprehensions` (`all`, `exists`, `existsOne`,
 * `transformList`, `transformMap`, `transformMapEntry` with index/key and value variables), `ext.Lists`
 * `sortBy`, and the optional-types macros `optMap`/`optFlatMap`. Plus `optional.ofNonZeroValue` and ext
 * lists `first`/`last`.
 */
import { Optional, type Environment } from '@marcbachmann/cel-js';
import { celError, celEquals, compareCel, registrar } from './register.js';

/** The slice of cel-js's checker, evaluator, context and AST a macro touches (cel-js 8.0.0). */
interface Node {
  readonly op: string;
  readonly args: unknown;
}
interface CelType {
  readonly kind: string;
  readonly type?: string;
  readonly keyType?: CelType;
  readonly valueType?: CelType;
}
interface Checker {
  check(node: Node, ctx: Context): CelType;
  getType(name: string): CelType;
  readonly dynType: CelType;
  createError(code: string, message: string, node: Node): Error;
}
interface Evaluator {
  run(node: Node, ctx: Context): unknown;
  tryEval(node: Node, ctx: Context): unknown;
}
interface Context {
  forkWithVariable(name: string, type: CelType): Context;
  setIterValue(value: unknown, ev: Evaluator): Context;
}
interface MacroInput {
  readonly args: readonly Node[];
  readonly receiver: Node;
}

/** One macro instance: the call's parts, plus the variable types found at check time. */
interface Macro {
  readonly receiver: Node;
  readonly names: readonly string[];
  readonly body: readonly Node[];
  types: CelType[];
  typeCheck(chk: Checker, macro: Macro, ctx: Context): CelType;
  evaluate(ev: Evaluator, macro: Macro, ctx: Context): unknown;
  readonly async: false;
}

type Run = (ev: Evaluator, macro: Macro, ctx: Context, items: readonly (readonly [unknown, unknown])[]) => unknown;

function identifier(node: Node, what: string): string {
  if (node.op !== 'id' || typeof node.args !== 'string') throw celError(`${what}: the iteration variable must be an identifier`);
  return node.args;
}

/** [index or key, value] pairs of a list or map. */
function pairs(coll: unknown): [unknown, unknown][] {
  if (Array.isArray(coll)) return coll.map((v: unknown, i) => [BigInt(i), v]);
  if (coll instanceof Map) return [...(coll as Map<unknown, unknown>)];
  if (typeof coll === 'object' && coll !== null) return Object.entries(coll);
  throw celError('cannot be range of a comprehension (must be list, map, or dynamic)');
}

/** A two-variable macro: `receiver.name(v1, v2, ...body)`, returning `resultType`. */
function twoVariable(name: string, resultType: string, run: Run) {
  return ({ args, receiver }: MacroInput): Macro => ({
    receiver,
    names: [identifier(args[0]!, name), identifier(args[1]!, name)],
    body: args.slice(2),
    types: [],
    async: false,
    typeCheck(chk, m, ctx) {
      const coll = chk.check(m.receiver, ctx);
      const keyType = coll.kind === 'list' ? chk.getType('int') : coll.kind === 'map' ? concrete(chk, coll.keyType) : chk.dynType;
      const valueType = coll.kind === 'list' || coll.kind === 'map' ? concrete(chk, coll.valueType) : chk.dynType;
      m.types = [keyType, valueType];
      const inner = ctx.forkWithVariable(m.names[0]!, keyType).forkWithVariable(m.names[1]!, valueType);
      for (const node of m.body) chk.check(node, inner);
      return chk.getType(resultType);
    },
    evaluate(ev, m, ctx) {
      const items = pairs(ev.run(m.receiver, ctx));
      // cel-js stores an int-keyed map literal with string keys; give the key back its checked type.
      if (m.types[0]?.type === 'int') for (const item of items) if (typeof item[0] === 'string' && /^-?\d+$/.test(item[0])) item[0] = BigInt(item[0]);
      return run(ev, m, ctx, items);
    },
  });
}

/** The element type of an empty literal is a type parameter, which cel-js's checker cannot compare: use dyn. */
function concrete(chk: Checker, type: CelType | undefined): CelType {
  return !type || type.kind === 'param' ? chk.dynType : type;
}

/** Evaluates the macro body for one element, with both variables bound. */
function bound(ev: Evaluator, m: Macro, ctx: Context, key: unknown, value: unknown): Context {
  const first = ctx.forkWithVariable(m.names[0]!, m.types[0]!).setIterValue(key, ev);
  return first.forkWithVariable(m.names[1]!, m.types[1]!).setIterValue(value, ev);
}

/** `all`/`exists`: a deciding result absorbs errors from other elements, as CEL's `&&`/`||` do. */
function quantifier(decisive: boolean): Run {
  return (ev, m, ctx, items) => {
    let error: unknown;
    for (const [k, v] of items) {
      const result = ev.tryEval(m.body[0]!, bound(ev, m, ctx, k, v));
      if (result === decisive) return decisive;
      if (result instanceof Error) error ??= result;
      else if (typeof result !== 'boolean') error ??= celError('no such overload');
    }
    if (error) throw error;
    return !decisive;
  };
}

const existsOne: Run = (ev, m, ctx, items) => {
  let count = 0;
  for (const [k, v] of items) {
    const result = ev.run(m.body[0]!, bound(ev, m, ctx, k, v));
    if (typeof result !== 'boolean') throw celError('no such overload');
    if (result) count++;
  }
  return count === 1;
};

/** The transform body, skipping elements whose filter (when there is one) is false. */
function* transformed(ev: Evaluator, m: Macro, ctx: Context, items: readonly (readonly [unknown, unknown])[]) {
  const [filter, transform] = m.body.length === 2 ? m.body : [undefined, m.body[0]!];
  for (const [k, v] of items) {
    const inner = bound(ev, m, ctx, k, v);
    if (filter) {
      const keep = ev.run(filter, inner);
      if (typeof keep !== 'boolean') throw celError('no such overload');
      if (!keep) continue;
    }
    yield [k, ev.run(transform!, inner)] as const;
  }
}

const transformList: Run = (ev, m, ctx, items) => [...transformed(ev, m, ctx, items)].map(([, value]) => value);

const transformMap: Run = (ev, m, ctx, items) => {
  const out = new Map<unknown, unknown>();
  for (const [k, value] of transformed(ev, m, ctx, items)) out.set(k, value);
  return plainIfStringKeys(out);
};

const transformMapEntry: Run = (ev, m, ctx, items) => {
  const out = new Map<unknown, unknown>();
  for (const [, entry] of transformed(ev, m, ctx, items)) {
    for (const [k, v] of pairs(entry)) {
      if ([...out.keys()].some((existing) => celEquals(existing, k))) throw celError(`insert failed: key ${String(k)} already exists`);
      out.set(k, v);
    }
  }
  return plainIfStringKeys(out);
};

/**
 * cel-js represents string-keyed maps as plain objects; keep that so other functions see the usual shape. Not
 * with a key `constructor` or `__proto__` (as convert.ts keeps inputs): cel-js tells a value's type by its `constructor`
 * property (an own `constructor` entry makes it "Unsupported type"), so such a map stays a `Map`, which cel-js
 * reads as a map too.
 */
export function plainIfStringKeys(map: Map<unknown, unknown>): unknown {
  return [...map.keys()].every((k) => typeof k === 'string' && !OBJECT_WORDS.has(k)) ? Object.fromEntries(map as Map<string, unknown>) : map;
}

const OBJECT_WORDS: ReadonlySet<string> = new Set(['constructor', '__proto__']);

/** `list.sortBy(e, key)`: a stable sort by the key expression (cel-go ext lists). */
function sortBy({ args, receiver }: MacroInput): Macro {
  return {
    receiver,
    names: [identifier(args[0]!, 'sortBy')],
    body: [args[1]!],
    types: [],
    async: false,
    typeCheck(chk, m, ctx) {
      const coll = chk.check(m.receiver, ctx);
      m.types = [coll.kind === 'list' ? concrete(chk, coll.valueType) : chk.dynType];
      chk.check(m.body[0]!, ctx.forkWithVariable(m.names[0]!, m.types[0]!));
      return chk.getType('list<dyn>');
    },
    evaluate(ev, m, ctx) {
      const list = ev.run(m.receiver, ctx);
      if (!Array.isArray(list)) throw celError('sortBy: receiver must be a list');
      const keyed = list.map((item: unknown) => [ev.run(m.body[0]!, ctx.forkWithVariable(m.names[0]!, m.types[0]!).setIterValue(item, ev)), item] as const);
      return keyed.sort(([a], [b]) => compareCel(a, b)).map(([, item]) => item);
    },
  };
}

/** `opt.optMap(x, expr)` / `opt.optFlatMap(x, expr)`: apply `expr` to the value, none stays none. */
function optionalMap(flat: boolean) {
  return ({ args, receiver }: MacroInput): Macro => ({
    receiver,
    names: [identifier(args[0]!, flat ? 'optFlatMap' : 'optMap')],
    body: [args[1]!],
    types: [],
    async: false,
    typeCheck(chk, m, ctx) {
      const opt = chk.check(m.receiver, ctx);
      m.types = [concrete(chk, opt.valueType)];
      chk.check(m.body[0]!, ctx.forkWithVariable(m.names[0]!, m.types[0]!));
      return chk.getType('optional<dyn>');
    },
    evaluate(ev, m, ctx) {
      const opt = ev.run(m.receiver, ctx);
      if (!(opt instanceof Optional)) throw celError('no such overload: optMap needs an optional');
      if (!opt.hasValue()) return opt;
      const result = ev.run(m.body[0]!, ctx.forkWithVariable(m.names[0]!, m.types[0]!).setIterValue(opt.value(), ev));
      if (!flat) return Optional.of(result);
      if (!(result instanceof Optional)) throw celError('optFlatMap: the expression must return an optional');
      return result;
    },
  });
}

/** cel-go's zero values (the `IsZeroValue` trait). */
function isZero(v: unknown): boolean {
  if (v === null || v === false || v === 0n || v === 0 || v === '') return true;
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (v instanceof Date) return v.getTime() === 0;
  if (typeof v === 'object') {
    const d = v as { seconds?: unknown; nanos?: unknown; value?: unknown };
    if (typeof d.seconds === 'bigint') return d.seconds === 0n && d.nanos === 0;
    if (typeof d.value === 'bigint' && v.constructor?.name === 'UnsignedInt') return d.value === 0n;
    if (Object.getPrototypeOf(v) === Object.prototype) return Object.keys(v).length === 0;
  }
  return false;
}

export function registerComprehensions(env: Environment): void {
  const fn = registrar(env);
  const macros: [string, string, Run][] = [
    ['all', 'bool', quantifier(false)],
    ['exists', 'bool', quantifier(true)],
    ['existsOne', 'bool', existsOne],
    ['transformList', 'list<dyn>', transformList],
    ['transformMap', 'map<dyn, dyn>', transformMap],
    ['transformMapEntry', 'map<dyn, dyn>', transformMapEntry],
  ];
  for (const [name, result, run] of macros) {
    const filterable = name.startsWith('transform');
    for (const receiver of ['list', 'map']) {
      fn(`${receiver}.${name}(ast, ast, ast): ${result}`, twoVariable(name, result, run));
      if (filterable) fn(`${receiver}.${name}(ast, ast, ast, ast): ${result}`, twoVariable(name, result, run));
    }
  }
  fn('list.sortBy(ast, ast): list<dyn>', sortBy);
  fn('optional.optMap(ast, ast): optional<dyn>', optionalMap(false));
  fn('optional.optFlatMap(ast, ast): optional<dyn>', optionalMap(true));
  fn('OptionalNamespace.ofNonZeroValue(dyn): optional<dyn>', (_: unknown, v: unknown) => (isZero(v) ? Optional.none() : Optional.of(v)));
  // cel-go compares optionals: both none, or both present with equal values.
  const optionalEquals = (a: Optional, b: Optional) => (a.hasValue() && b.hasValue() ? celEquals(a.value(), b.value()) : a.hasValue() === b.hasValue());
  env.registerOperator('optional == optional', optionalEquals);
  fn('list.first(): optional<dyn>', (l: readonly unknown[]) => (l.length ? Optional.of(l[0]) : Optional.none()));
  fn('list.last(): optional<dyn>', (l: readonly unknown[]) => (l.length ? Optional.of(l[l.length - 1]) : Optional.none()));
}
