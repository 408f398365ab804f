/**
 * Calls: string and list methods mapped to CEL's standard and extension libraries, and the few global
 * functions with a faithful CEL form. Anything else is rejected.
 */
import type { CallExpression, Node, OptionalCallExpression } from '@babel/types';
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { madeBinding, namedBinding, scopeOf, withCallerMade, type Binding, type FunctionLike, type Scope } from './scope.js';
import { codeRunner } from './code-runners.js';
import { literalOf, ownProperties, returnedExpression, staticProperty } from './literal-reads.js';
import { objectTableCall } from './object-tables.js';
import { functionScope } from './local-scope.js';
import { bindParams } from './pattern-bindings.js';
import { resolveModuleName } from './modules.js';
import { unwrap } from './ast.js';
import { HINT, syntaxError, unknownShape } from './errors.js';
import { identifierNames, renameIdent } from './rename.js';
import { celVariableName } from '../util/cel-names.js';
import { compileCelCall } from './compile-cel.js';
import { uncompilableCall } from './package-calls.js';
import { unfollowedMethod } from './unfollowed-methods.js';
import { andPresent, compatible, describe, isNumeric, plain, type Absence, stringify, truthy, unifyNumeric, valueOf, wrappedValue, type Compiler, type Typed } from './typed.js';
import { positionOf } from './untyped-null.js';
import { withArticle } from '../util/article.js';
import { identitySearch } from './operand-meaning.js';
import { atCall, isSpecData, isSpecItem, refuseAbsentSpecData } from './absent-spec.js';
import { snippetOf } from './source.js';
import { fixedItems, unrolledListMethod, UNROLLED_METHODS } from './unrolled-lists.js';

type Call = CallExpression | OptionalCallExpression;

interface MethodContext {
  readonly node: Call;
  readonly receiver: Typed;
  readonly args: readonly Node[];
  readonly scope: Scope;
  readonly c: Compiler;
}

export function compileCall(node: Call, scope: Scope, c: Compiler, expect?: CelType): Typed {
  if (node.optional) throw syntaxError(node, 'optional calls `f?.()` are not supported', HINT.expr);
  const made = madeBinding(node, scope);
  if (made?.kind === 'value') return plain(made.expr, made.type);
  if (made?.kind === 'unsupported') throw syntaxError(node, made.why, made.hint);
  const args = node.arguments.map((arg) => {
    if (arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder') throw syntaxError(arg, 'spread arguments are not supported', HINT.expr);
    return arg as Node;
  });
  // `Object.keys(TABLE)`, `Object.fromEntries(...)`, `KEYS.reduce(...)` over constant tables: the literal they build.
  const table = objectTableCall(node, scope, { literalOf, ownProperties, staticProperty });
  if (table) return c.value(table.node, table.scope, expect);
  const callee = unwrap(node.callee);
  if (callee.type === 'Identifier') return globalCall(node, callee.name, args, scope, c, expect);
  // `H.image(spec)` of `import * as H from './helpers.js'`: the exported helper, like a named import.
  const exported = namedBinding(callee, scope);
  if (exported) return helperCall(node, exported.name, exported.binding, args, scope, c, expect);
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
    const object = unwrap(callee.object);
    if (object.type === 'Identifier' && object.name === 'Math' && !scope.lookup('Math')) return mathCall(node, callee.property.name, args, scope, c);
    const namespace = object.type === 'Identifier' ? scope.lookup(object.name, object) : undefined;
    if (namespace?.kind === 'cel') return compileCelCall(node, callee.property.name, args, scope, c, namespace.print, expect);
    const unfollowed = unfollowedMethod(node, callee.object, callee.property.name, scope);
    if (unfollowed) throw unfollowed;
    const receiver = c.value(callee.object, scope);
    if (receiver.nullish) throw syntaxError(node, 'calling a method of `undefined`/`null`', HINT.expr);
    const name = callee.property.name;
    // `x?.some(...)`, `a?.b.some(...)`: the call only runs when the receiver is there.
    if (receiver.absent && callee.type === 'OptionalMemberExpression') return guarded(receiver.absent, method({ node, receiver: plain(receiver.absent.value, receiver.type), args, scope, c }, name));
    if (receiver.absent?.wrapped) throw syntaxError(node, 'calling a method on a value that may be undefined', 'use `?.` (`x?.method(...)`) or give it a default first: `(x ?? "").method(...)`');
    return method({ node, receiver, args, scope, c }, name);
  }
  throw syntaxError(node, 'this call cannot be compiled to CEL', HINT.expr);
}

/** A result computed only when `guard` holds: JavaScript's `undefined` otherwise. */
export function guarded(guard: Absence, result: Typed): Typed {
  if (result.absent?.wrapped) return wrappedValue(E.cond(guard.present, result.expr, E.call('optional.none', [])), result.type);
  const present = result.absent ? E.binary('&&', guard.present, result.absent.present) : guard.present;
  const value = valueOf(result);
  // Behind an optional chain the whole value must stay an optional: `.value()` on none is a real error, not "pending".
  const expr = guard.wrapped ? E.cond(present, E.call('optional.of', [value]), E.call('optional.none', [])) : value;
  return { expr, type: result.type, absent: { present, value, wrapped: guard.wrapped } };
}

function arity(ctx: { node: Call; args: readonly Node[] }, name: string, min: number, max: number, hint: string = HINT.expr): void {
  if (ctx.args.length < min || ctx.args.length > max) {
    throw syntaxError(ctx.node, `\`${name}\` with ${ctx.args.length} argument(s) is not supported`, hint);
  }
}

function method(ctx: MethodContext, name: string): Typed {
  const kind = ctx.receiver.type.kind;
  if (kind === 'string' || (kind === 'dyn' && STRING_ONLY.has(name))) return stringMethod(ctx, name);
  if (kind === 'list' || (kind === 'dyn' && LIST_ONLY.has(name))) return listMethod(ctx, name);
  // An int-or-string's text is exact either way: CEL's string() of an int writes base 10, of a string the string.
  const intOrString = ctx.receiver.type.kind === 'dyn' && ctx.receiver.type.intOrString === true;
  if (name === 'toString' && (kind === 'int' || kind === 'bool' || intOrString)) {
    // `n.toString(16)` formats in another base; CEL's string() only writes base 10.
    const radix = kind === 'bool' ? undefined : ctx.args[0];
    if (radix && !(radix.type === 'NumericLiteral' && radix.value === 10)) throw syntaxError(ctx.node, 'only base 10 is supported', HINT.expr);
    return plain(stringify(ctx.receiver, ctx.node), T.string);
  }
  if (kind === 'dyn') throw unknownShape(ctx.node, isRestElement(ctx.node) ? 'a rest element (`...name`)' : `\`.${name}(...)\``, ctx.receiver.type);
  throw syntaxError(ctx.node, `\`${name}\` on ${withArticle(describe(ctx.receiver.type))} value cannot be compiled to CEL`, HINT.expr);
}

const STRING_ONLY = new Set(['startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'split', 'replace', 'replaceAll', 'substring', 'charAt']);
const LIST_ONLY = new Set(['some', 'every', 'filter', 'map', 'find', 'join']);

/** A string argument, coerced like JavaScript does (`'a'.startsWith(1)` tests `"1"`). */
function stringArg(ctx: MethodContext, i: number): Expr {
  const arg = ctx.args[i];
  if (!arg) throw syntaxError(ctx.node, 'missing argument', HINT.expr);
  if (unwrap(arg).type === 'RegExpLiteral') throw syntaxError(arg, 'regular expressions are not supported (JavaScript and RE2 differ)', 'use a string pattern, or Cel.expr(...) with matches()/find()');
  const t = ctx.c.value(arg, ctx.scope);
  refuseAbsentSpecData(t, arg, ctx.scope, 'text');
  return stringify(t, arg);
}

/**
 * An index argument. JavaScript converts `undefined` (an absent field) to a position, the method's own
 * (`whenUndefined`: `substring(undefined)` is the whole text), and `null` (untyped data) to 0; a plain read
 * would leave KRO waiting forever.
 */
function intArg(ctx: MethodContext, i: number, whenUndefined?: Expr): Expr {
  const arg = ctx.args[i];
  if (!arg) throw syntaxError(ctx.node, 'missing argument', HINT.expr);
  const t = ctx.c.value(arg, ctx.scope);
  if (t.type.kind !== 'int' && t.type.kind !== 'dyn') throw syntaxError(arg, `expected an integer, got ${describe(t.type)}`, HINT.expr);
  return whenUndefined ? positionOf(t, ctx.scope, whenUndefined, E.int(0)) : valueOf(t);
}

const SIMPLE_STRING: Readonly<Record<string, [cel: string, type: CelType]>> = {
  startsWith: ['startsWith', T.bool],
  endsWith: ['endsWith', T.bool],
  includes: ['contains', T.bool],
  indexOf: ['indexOf', T.int],
  lastIndexOf: ['lastIndexOf', T.int],
};

function stringMethod(ctx: MethodContext, name: string): Typed {
  const s = valueOf(ctx.receiver);
  // Own keys only: `toString` is inherited by every object literal.
  const simple = Object.hasOwn(SIMPLE_STRING, name) ? SIMPLE_STRING[name] : undefined;
  if (simple) {
    arity(ctx, name, 1, 1, 'the position argument differs between JavaScript and CEL; use Cel.expr(...)');
    return plain(E.call(simple[0], [stringArg(ctx, 0)], s), simple[1]);
  }
  switch (name) {
    case 'toLowerCase':
    case 'toUpperCase':
      // ASCII only in CEL; non-ASCII letters are left unchanged.
      arity(ctx, name, 0, 0);
      return plain(E.call(name === 'toLowerCase' ? 'lowerAscii' : 'upperAscii', [], s), T.string);
    case 'trim':
    case 'toString':
      arity(ctx, name, 0, 0);
      return plain(name === 'trim' ? E.call('trim', [], s) : s, T.string);
    case 'split':
      arity(ctx, name, 1, 1, 'JavaScript truncates with a limit, CEL keeps the rest in the last item; use Cel.expr(...)');
      return plain(E.call('split', [stringArg(ctx, 0)], s), T.list(T.string));
    case 'replace':
    case 'replaceAll':
      return replace(ctx, s, name === 'replace');
    case 'substring':
      return substring(ctx, s);
    case 'charAt':
      return charAt(ctx, s);
    case 'slice':
      if (isRestElement(ctx.node)) {
        const text = snippetOf(ctx.node.callee.type === 'MemberExpression' ? ctx.node.callee.object : ctx.node);
        throw syntaxError(ctx.node, 'a rest element over a string collects its characters into a list, which CEL cannot make from a string', `read the characters you need (\`${text}.charAt(1)\`), or take the rest of the text as a string (\`${text}.substring(1)\`)`);
      }
      throw syntaxError(ctx.node, 'string `slice` (negative indices, clamping) has no faithful CEL form', 'use substring(start, end) with indices in range');
    default:
      throw syntaxError(ctx.node, `the string method \`${name}\` has no CEL equivalent`, HINT.expr);
  }
}

const intLiteral = (e: Expr): bigint | undefined => (e.kind === 'literal' && e.literal.kind === 'int' ? e.literal.value : undefined);

/**
 * JavaScript's `substring` clamps its indices to [0, length] and swaps them when start > end; CEL's errors
 * on out-of-range indices. So each index is clamped (`[[i, 0].max(), size(s)].min()`, shorter for literals)
 * and, unless literals already order them, the pair is ordered with min/max.
 */
function substring(ctx: MethodContext, s: Expr): Typed {
  arity(ctx, 'substring', 1, 2);
  const size = E.call('size', [s]);
  const clamp = (i: Expr): Expr => {
    const literal = intLiteral(i);
    if (literal === 0n) return i;
    const low = literal !== undefined && literal > 0n ? i : E.call('max', [], E.list([i, E.int(0)]));
    return E.call('min', [], E.list([low, size]));
  };
  // An undefined start is 0, an undefined end the length.
  const [first, second] = [intArg(ctx, 0, E.int(0)), ctx.args.length > 1 ? intArg(ctx, 1, size) : undefined];
  const start = clamp(first);
  if (!second) return plain(E.call('substring', [start], s), T.string);
  const end = clamp(second);
  const [a, b] = [intLiteral(first), intLiteral(second)];
  const ordered = a === 0n || a === undefined ? a === 0n : b !== undefined && a <= b;
  if (ordered) return plain(E.call('substring', [start, end], s), T.string);
  return plain(E.call('substring', [E.call('min', [], E.list([start, end])), E.call('max', [], E.list([start, end]))], s), T.string);
}

/** JavaScript's `charAt` gives "" outside [0, length); CEL's errors there, so the index is tested first. */
function charAt(ctx: MethodContext, s: Expr): Typed {
  arity(ctx, 'charAt', 1, 1);
  const i = intArg(ctx, 0, E.int(0));
  const literal = intLiteral(i);
  const inRange = E.binary('<', i, E.call('size', [s]));
  const test = literal !== undefined && literal >= 0n ? inRange : E.binary('&&', E.binary('>=', i, E.int(0)), inRange);
  return plain(literal !== undefined && literal < 0n ? E.str('') : E.cond(test, E.call('charAt', [i], s), E.str('')), T.string);
}

/**
 * JavaScript expands `$&`, `$1`, `$$`, ... in a replacement string; CEL's `replace` inserts it as it is. So
 * only a replacement known at definition time, and free of `$`, is exact. (A string search pattern is
 * literal in both.)
 */
function replace(ctx: MethodContext, s: Expr, once: boolean): Typed {
  const name = once ? 'replace' : 'replaceAll';
  arity(ctx, name, 2, 2);
  const replacement = ctx.args[1] as Node;
  if (/Function/.test(unwrap(replacement).type)) throw syntaxError(replacement, 'a replacer function cannot run in CEL', HINT.expr);
  const [pattern, text] = [stringArg(ctx, 0), stringArg(ctx, 1)];
  const way = once ? 'for CEL\'s replacement, which inserts it as it is: Cel.expr(s, \'.replace("a", \', b, \', 1)\')' : 'write `s.split(a).join(b)`, which inserts `b` as it is (the same as replaceAll unless `a` is empty)';
  const literal = constantText(text);
  if (literal === undefined) {
    throw syntaxError(replacement, `a \`${name}\` replacement that is not a literal string: JavaScript expands \`$&\`, \`$1\`, \`$$\` in it, CEL does not`, way);
  }
  if (literal.includes('$')) throw syntaxError(replacement, '`$` patterns in a JavaScript replacement string have no CEL equivalent', way);
  return plain(E.call('replace', once ? [pattern, E.str(literal), E.int(1)] : [pattern, E.str(literal)], s), T.string);
}

/** The text of a string known at definition time (`'x'`, `` `x` ``, a captured constant). */
function constantText(e: Expr): string | undefined {
  if (e.kind === 'literal') return e.literal.kind === 'string' ? e.literal.value : undefined;
  if (e.kind === 'template' && e.parts.every((p) => typeof p === 'string')) return e.parts.join('');
  return undefined;
}

function itemType(t: Typed): CelType {
  return t.type.kind === 'list' ? t.type.item : T.dyn;
}

function listMethod(ctx: MethodContext, name: string): Typed {
  const list = valueOf(ctx.receiver);
  const item = itemType(ctx.receiver);
  const fixed = UNROLLED_METHODS.has(name) ? fixedItems(ctx.receiver) : undefined;
  if (fixed) return unrolledListMethod(name, { items: fixed, c: ctx.c, callback: itemCallback(ctx, item) });
  switch (name) {
    case 'some':
    case 'every':
    case 'filter': {
      const [variable, body] = lambda(ctx, item, (node, scope) => ctx.c.condition(node, scope));
      const macro = name === 'some' ? 'exists' : name === 'every' ? 'all' : 'filter';
      return plain(E.macro(macro, list, variable, body), name === 'filter' ? ctx.receiver.type : T.bool);
    }
    case 'find': {
      // `filter(...)[0]` would be pending forever when nothing matches; `[?0]` is JavaScript's `undefined`.
      const [variable, body] = lambda(ctx, item, (node, scope) => ctx.c.condition(node, scope));
      return wrappedValue(E.index(E.macro('filter', list, variable, body), E.int(0), true), item);
    }
    case 'map': {
      let type: CelType = T.dyn;
      const [variable, body] = lambda(ctx, item, (node, scope) => {
        const t = ctx.c.value(node, scope);
        if (t.absent || t.nullish) throw syntaxError(node, 'a mapped value that may be undefined', 'give it a default with `??`');
        type = t.type;
        return t.expr;
      });
      return plain(E.macro('map', list, variable, body), T.list(type));
    }
    case 'includes': {
      arity(ctx, name, 1, 1);
      refuseIdentitySearch(ctx, item);
      const needle = ctx.c.value(ctx.args[0] as Node, ctx.scope);
      // No list KRO or a literal holds has an `undefined`/`null` item: searching for one is false, not
      // `x in l`, which errors on the missing field (pending forever). The same guard `x === spec.o` gets.
      if (needle.nullish) return plain(E.bool(false), T.bool);
      refuseMismatchedSearch(ctx, needle.type, item);
      const [unified, haystack] = numericSearch(needle, list, item);
      return plain(andPresent(needle, identitySearch(ctx.node, needle, item, list, E.binary('in', valueOf(unified), haystack), E.bool(false))), T.bool);
    }
    case 'join':
      return join(ctx, list, item);
    case 'slice':
      return listSlice(ctx, list);
    case 'indexOf': {
      arity(ctx, name, 1, 1, 'the position argument differs between JavaScript and CEL; use Cel.expr(...)');
      refuseIdentitySearch(ctx, item);
      // KRO's lists library has no int/double overload: `[1.0].indexOf(1)` does not type-check.
      const needle = ctx.c.value(ctx.args[0] as Node, ctx.scope);
      const [unified, haystack] = isNumeric(item) && isNumeric(needle.type) ? numericSearch(needle, list, item) : [needle, list];
      // JavaScript finds no `undefined` in a list KRO or a literal holds: -1, as `includes` is false.
      if (needle.nullish) return plain(E.int(-1), T.int);
      refuseMismatchedSearch(ctx, needle.type, item);
      const found = identitySearch(ctx.node, needle, item, list, E.call('indexOf', [valueOf(unified)], haystack), E.int(-1));
      return plain(needle.absent ? E.cond(needle.absent.present, found, E.int(-1)) : found, T.int);
    }
    default:
      throw syntaxError(ctx.node, `the array method \`${name}\` has no CEL equivalent`, HINT.expr);
  }
}

/** The `list.slice(index)` pattern-bindings.ts makes of a rest element (`const [first, ...rest] = list`). */
function isRestElement(node: Call): boolean {
  return node.extra?.['destructuringRest'] === true;
}

/**
 * `list.slice(n)`, also the rest element of an array pattern: the items from `n` on, none when the list is
 * shorter (CEL's `slice` errors there). Only a literal `n >= 0`: JavaScript counts a negative start from the
 * end, and clamps an end, which needs the list's size.
 */
function listSlice(ctx: MethodContext, list: Expr): Typed {
  const hint = 'take the items from a fixed position on (`list.slice(1)`), or write the CEL with Cel.expr(...) (`.slice(from, to)` of KRO\'s lists library, indexes in range)';
  arity(ctx, 'slice', 1, 1, hint);
  const arg = ctx.args[0] as Node;
  const from = intLiteral(ctx.c.value(arg, ctx.scope).expr);
  if (from === undefined || from < 0n) throw syntaxError(arg, '`slice` with a start that is not a literal integer >= 0 (JavaScript counts a negative start from the end)', hint);
  if (from === 0n) return plain(list, ctx.receiver.type);
  const size = E.call('size', [list]);
  return plain(E.cond(E.binary('>', size, E.int(from)), E.call('slice', [E.int(from), size], list), E.list([])), ctx.receiver.type);
}

/**
 * The needle and the list to search, of one numeric kind: an int needle in a double list becomes a double; a
 * double needle in an int list searches the list converted to doubles (`[1, 2].includes(2.0)` is true in
 * JavaScript, and KRO's checker has no `in` or `indexOf` over `(double, list(int))`). The converted list
 * keeps positions, so `indexOf` stays JavaScript's index.
 */
function numericSearch(needle: Typed, list: Expr, item: CelType): [Typed, Expr] {
  if (needle.type.kind === 'double' && item.kind === 'int') return [needle, E.macro('map', list, 'i', E.call('double', [E.ident('i')]))];
  return [unifyNumeric(needle, { expr: list, type: item })[0], list];
}

/**
 * A needle of another kind than the items (reachable through a cast: `(spec.ports as unknown as number[])`)
 * is never found in JavaScript, while KRO's checker rejects `int in list(string)` and the RGD never builds.
 */
function refuseMismatchedSearch(ctx: MethodContext, needle: CelType, item: CelType): void {
  if (compatible(needle, item) || (isNumeric(needle) && isNumeric(item))) return;
  throw syntaxError(
    ctx.node,
    `searching a list of ${describe(item)} items for ${withArticle(describe(needle))}: JavaScript never finds a value of another type (no conversion), and KRO rejects the expression`,
    'search for a value of the items\' type: convert it first (String(...), or declare the list with the right item type)',
  );
}

/** JavaScript finds a list or object item only by identity (never one read from the spec); CEL compares contents. */
function refuseIdentitySearch(ctx: MethodContext, item: CelType): void {
  if (item.kind !== 'list' && item.kind !== 'map' && item.kind !== 'object') return;
  throw syntaxError(ctx.node, `searching a list of ${item.kind === 'list' ? 'lists' : 'objects'} compares identity in JavaScript, contents in CEL`, 'search by a field: `list.some((x) => x.name === name)`');
}

/** `join()` joins with `,` in JavaScript; non-string items are converted first, as JavaScript would. */
function join(ctx: MethodContext, list: Expr, item: CelType): Typed {
  arity(ctx, 'join', 0, 1);
  const separator = ctx.args.length === 0 ? E.str(',') : stringArg(ctx, 0);
  const strings = item.kind === 'string' ? list : E.macro('map', list, 'x', stringify({ expr: E.ident('x'), type: item }, ctx.node));
  return plain(E.call('join', [separator], strings), T.string);
}

/**
 * Compiles a one-parameter callback body with the parameter bound to a CEL macro variable. The variable
 * keeps the JavaScript name unless CEL cannot have it (a reserved word such as `namespace`, a CEL type name
 * such as `type`, a KRO name such as `schema`) or the body has that name too (e.g. a resource id): then it
 * gets the name util/cel-names gives (`namespaceItem`), as a loop variable's iterator does. The body is
 * compiled with a placeholder, so only the parameter is renamed.
 */
function lambda(ctx: MethodContext, item: CelType, body: (node: Node, scope: Scope) => Expr): [string, Expr] {
  const { fn, param } = callbackOf(ctx);
  const placeholder = `__typekro_lambda_${param}`;
  const inner = scopeOf({ [param]: { kind: 'value', expr: E.ident(placeholder), type: item } }, ctx.scope);
  // The conditions around the call hold in the callback too, except those about an outer item of the same name.
  const guards = (ctx.scope.guards ?? []).filter((guard) => !referencedRoots(guard).includes(placeholder));
  // An item of spec data is spec data: its optional fields are there from the start or never.
  const spec = isSpecData(valueOf(ctx.receiver), ctx.scope);
  const scope: Scope = { lookup: inner.lookup, guards, specItem: (name) => (name === placeholder ? spec : isSpecItem(ctx.scope, name)) };
  const compiled = body(callbackBody(fn), scope);
  // Every name the body has (free roots, and variables of inner macros the placeholder may sit under) is taken.
  const taken = identifierNames(compiled);
  const name = celVariableName(param, (candidate) => taken.has(candidate));
  return [name, renameIdent(compiled, placeholder, name)];
}

/**
 * The callback of an unrolled method (unrolled-lists.ts): its body with the parameter bound to one item, an
 * object known by name (a resource's id), so every condition around the call holds in it as it is.
 */
function itemCallback(ctx: MethodContext, item: CelType): (value: Expr) => { node: Node; scope: Scope } {
  const { fn, param } = callbackOf(ctx);
  const node = callbackBody(fn);
  return (value) => {
    const inner = scopeOf({ [param]: { kind: 'value', expr: value, type: item } }, ctx.scope);
    const own = value.kind === 'ident' ? value.name : undefined;
    return { node, scope: { lookup: inner.lookup, guards: ctx.scope.guards ?? [], specItem: (name) => name !== own && isSpecItem(ctx.scope, name) } };
  };
}

/** The inline one-parameter function a list method is given, and its parameter's name. */
function callbackOf(ctx: MethodContext): { fn: Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>; param: string } {
  arity(ctx, 'callback', 1, 1);
  const fn = unwrap(ctx.args[0] as Node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') throw syntaxError(fn, 'the callback must be an inline function', 'write `(x) => ...` inline');
  const [param, ...rest] = fn.params;
  if (rest.length > 0) throw syntaxError(fn, 'index parameters have no CEL macro equivalent', 'use one parameter, or Cel.expr(...) with a two-variable comprehension');
  if (param?.type !== 'Identifier') throw syntaxError(fn, 'the callback must take one plain parameter', 'write `(x) => ...`');
  return { fn, param: param.name };
}

function callbackBody(fn: Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>): Node {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  if (fn.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument) return only.argument;
  throw syntaxError(fn, 'a callback body must be one expression (or a single return)', 'write `(x) => expression`');
}

function globalCall(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler, expect?: CelType): Typed {
  const binding = scope.lookup(name, node);
  if (binding) return helperCall(node, name, binding, args, scope, c, expect);
  const ctx = { node, args };
  const only = (): Typed => {
    arity(ctx, name, 1, name === 'parseInt' ? 2 : 1);
    return c.value(args[0] as Node, scope);
  };
  switch (name) {
    case 'String': {
      const t = only();
      refuseAbsentSpecData(t, args[0] as Node, scope, 'text');
      return plain(stringify(t, node), T.string);
    }
    case 'Boolean':
      return plain(truthy(only(), node), T.bool);
    case 'Number':
    case 'parseFloat':
      return toNumber(node, name, only());
    case 'parseInt':
      if (args[1] && !(args[1].type === 'NumericLiteral' && args[1].value === 10)) throw syntaxError(node, 'only base 10 is supported', HINT.expr);
      return toNumber(node, name, only());
    default:
      throw uncompilableCall(node, name);
  }
}

/** A call of a name the scope binds: a helper is inlined; anything else cannot run in CEL. */
function helperCall(node: Call, name: string, bound: Binding | undefined, args: readonly Node[], scope: Scope, c: Compiler, expect?: CelType): Typed {
  const binding = functionAlias(bound) ?? bound;
  if (binding?.kind === 'function') {
    const parent = withCallerMade(withTypeKroCel(binding.fn, binding.scope, scope), scope, node);
    // The body is compiled where it is called: the guards there hold in it, and the items there are what they are.
    const body = (): Scope => atCall(functionScope(binding.fn, parent, () => false, bindParams(binding.fn, args, scope, binding.scope)), scope);
    return inlined(node, name, binding.fn, () => c.value(inlinedBody(node, binding.fn), body(), expect));
  }
  // A local import TypeKro could not follow says why; `eval` and its like keep the general message.
  if (binding?.kind === 'unsupported' && !codeRunner(name)) throw syntaxError(node, `\`${name}(...)\` cannot be compiled: ${binding.why}`, binding.hint);
  // A function a generator was given (observed-scope.ts): its code is not read.
  if (binding?.kind === 'opaque' && binding.unreadableFunction) throw syntaxError(node, `\`${name}(...)\` cannot be compiled: ${binding.why}`, binding.hint ?? HINT.expr);
  throw syntaxError(node, `\`${name}(...)\` is a JavaScript function; it cannot run in CEL`, HINT.expr);
}

/**
 * A name standing for a function written elsewhere in the source: an item of a loop over an array literal of
 * arrow functions, a helper's parameter given an arrow (`apply((x) => x + 1)`). The function closes over the
 * scope it is written in, as JavaScript's does.
 */
function functionAlias(binding: Binding | undefined): Binding | undefined {
  // Through names standing for names (a parameter is an alias of its hidden argument, `#arg0`).
  for (let hops = 0; binding?.kind === 'alias' && hops < 16; hops++) {
    const node = unwrap(binding.node);
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return { kind: 'function', fn: node, scope: binding.scope };
    if (node.type !== 'Identifier') return undefined;
    binding = binding.scope.lookup(node.name, node);
  }
  return binding?.kind === 'function' ? binding : undefined;
}

/** How a helper's scope hands TypeKro's `Cel` on to the helpers it calls (not a JavaScript name). */
const CEL_HOST = '#Cel';

/**
 * The scope a helper's body sees: its module's names, where a name the helper's file imports from TypeKro
 * as `Cel` (or `cel`) is the CEL escape hatch the composition compiles (`Cel.cond(n > 3, ...)` in a helper
 * is compiled like in the composition, not run on placeholders). The binding comes from the caller, because
 * printing CEL belongs to a layer above this one.
 */
function withTypeKroCel(fn: FunctionLike, parent: Scope, caller: Scope): Scope {
  const host = caller.lookup(CEL_HOST) ?? caller.lookup('Cel');
  const file = fn.loc?.filename;
  if (host?.kind !== 'cel' || !file) return parent;
  return {
    lookup(name, at) {
      if (name === CEL_HOST) return host;
      const found = parent.lookup(name, at);
      if (found !== undefined) return found;
      const target = importTarget(file, name);
      return target?.kind === 'package' && target.typekro && (target.imported === 'Cel' || target.imported === 'cel') ? host : undefined;
    },
  };
}

function importTarget(file: string, name: string): ReturnType<typeof resolveModuleName> {
  try {
    return resolveModuleName(file, name);
  } catch {
    // An import that cannot be followed is reported by the module scope, where the name is used.
    return undefined;
  }
}

/**
 * Helpers are inlined, so one that calls itself never ends: the stack overflows. That is turned into a
 * definition error at the call (the innermost handler that has stack left to build it; outer ones pass it on).
 */
function inlined(node: Call, name: string, fn: FunctionLike, compile: () => Typed): Typed {
  const recursion = (): Error => recursionRefusal(node, name);
  const inside = node.start != null && fn.start != null && node.start >= fn.start && node.end! <= fn.end! && node.loc?.filename === fn.loc?.filename;
  if (inside) throw recursion();
  try {
    return compile();
  } catch (error) {
    // No regular expression here: at the stack's edge it would overflow itself.
    if (error instanceof RangeError && error.message.includes('call stack')) throw recursion();
    throw error;
  }
}

/** The refusal of a helper that calls itself, at the call `node` of `name`: also for one JavaScript recursed into on a placeholder. */
export function recursionRefusal(node: Node, name: string): Error {
  return syntaxError(node, `\`${name}(...)\` calls itself (directly or through other helpers): TypeKro inlines helpers into CEL, which has no recursion`, 'compute the value without recursion (a ternary or a lookup over the spec), or use Cel.expr(...)');
}

function inlinedBody(call: Call, fn: FunctionLike): Node {
  const body = returnedExpression(fn);
  if (body) return body;
  throw syntaxError(
    call,
    'this function computes its result with statements; TypeKro compiles functions that return one expression',
    'write the function as `(...) => expression` (const declarations before one return are fine), or use Cel.expr(...)',
  );
}

/**
 * `Number(n)`, `parseFloat(n)` of a number are the number and `parseInt(i)` of an integer is the integer;
 * `Number(b)` of a boolean is 1 or 0. Text has no exact CEL form: `Number('')` is 0, `Number(' 12 ')` 12,
 * `parseInt('12abc')` 12 and `parseFloat('1.5x')` 1.5 in JavaScript, where CEL's `int()`/`double()` fail
 * (and KRO then waits forever).
 */
function toNumber(node: Node, name: 'Number' | 'parseInt' | 'parseFloat', t: Typed): Typed {
  const kind = t.type.kind;
  if (kind === 'int' || (kind === 'double' && name !== 'parseInt')) return t;
  if (kind === 'bool' && name === 'Number') return plain(E.cond(valueOf(t), E.int(1), E.int(0)), T.int);
  if (kind === 'string' || kind === 'dyn') {
    throw syntaxError(
      node,
      `\`${name}(...)\` of text has no exact CEL form: JavaScript reads '', ' 12 ', '12abc' or '1.5x' as numbers where CEL's int()/double() fail`,
      'declare the spec field as a number (e.g. \'number.integer\'), or accept CEL\'s stricter parsing with Cel.expr(\'int(\', value, \')\') or Cel.expr(\'double(\', value, \')\')',
    );
  }
  if (kind === 'double') throw syntaxError(node, '`parseInt(...)` of a double value has no exact CEL form (it reads the number\'s text: parseInt(1e-7) is 1)', 'use Math.trunc(...) for numbers');
  if (kind === 'bool') throw syntaxError(node, `\`${name}(...)\` of a bool value is NaN in JavaScript, which CEL cannot hold`, 'use Number(b), which is 1 or 0, or a ternary');
  throw syntaxError(node, `cannot convert ${withArticle(describe(t.type))} to a number`, HINT.expr);
}

function mathCall(node: Call, name: string, args: readonly Node[], scope: Scope, c: Compiler): Typed {
  const values = args.map((arg) => c.value(arg, scope));
  const numeric = values.every((t) => isNumeric(t.type) && !t.absent);
  if (!numeric || values.length === 0) throw syntaxError(node, `Math.${name} needs present numbers`, 'give absent values a default with `??`');
  const first = values[0] as Typed;
  switch (name) {
    case 'max':
    case 'min': {
      const kind = values.some((t) => t.type.kind === 'double') ? T.double : T.int;
      const items = values.map((t) => (kind.kind === 'double' ? unifyNumeric(t, { expr: E.double(0), type: T.double })[0] : t));
      // Kubernetes list library: `[a, b].max()` (there is no global max()).
      return values.length === 1 ? first : plain(E.call(name, [], E.list(items.map(valueOf))), kind);
    }
    case 'abs': {
      const v = valueOf(first);
      const zero = first.type.kind === 'double' ? E.double(0) : E.int(0);
      return plain(E.cond(E.binary('<', v, zero), E.unary('-', v), v), first.type);
    }
    case 'trunc':
      return trunc(first, args[0] as Node);
    default:
      throw syntaxError(node, `Math.${name} has no CEL equivalent (there is no math library in KRO)`, 'use Math.trunc(...) on non-negative values, or Cel.expr(...)');
  }
}

/** `Math.trunc(a / b)` on ints is CEL's int division; `Math.trunc(x)` on a double is `int(x)`. */
function trunc(t: Typed, arg: Node): Typed {
  const v = valueOf(t);
  if (t.type.kind === 'int') return t;
  const inner = unwrap(arg);
  if (v.kind === 'binary' && v.op === '/' && inner.type === 'BinaryExpression') {
    // Undo the int -> double conversions `/` added: `double(a)` and whole double literals.
    const strip = (e: Expr): Expr => {
      if (e.kind === 'call' && e.fn === 'double' && e.args[0]) return e.args[0];
      if (e.kind === 'literal' && e.literal.kind === 'double' && Number.isSafeInteger(e.literal.value)) return E.int(e.literal.value);
      return e;
    };
    const [l, r] = [strip(v.left), strip(v.right)];
    if (l !== v.left && r !== v.right) return plain(E.binary('/', l, r), T.int);
  }
  // int() truncates toward zero like Math.trunc (and errors on NaN/overflow where JavaScript would not).
  return plain(E.call('int', [v]), T.int);
}
