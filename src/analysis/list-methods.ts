/** Array methods mapped to CEL's macros and KRO's lists library, each with JavaScript's meaning for every input. */
import { joinedText } from './text-alphabet.js';
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { HINT, syntaxError } from './errors.js';
import { andPresent, compatible, describe, isNumeric, plain, stringify, unifyNumeric, valueOf, wrappedValue, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { identitySearch } from './operand-meaning.js';
import { fixedItems, unrolledListMethod, UNROLLED_METHODS } from './unrolled-lists.js';
import { expressionText } from './synthesized.js';
import { arity, intLiteral, stringArg, type MethodContext } from './call-arguments.js';
import { itemCallback, lambda } from './list-callbacks.js';
import { concat, sort } from './list-order.js';
import { positionedSearch } from './list-search.js';
import { reduceIntoMap } from './list-to-map.js';
import { assertedMappedValue } from './mapped-undefined.js';
import { settled } from './compile-operators.js';

const throwError = (error: Error): never => {
  throw error;
};

export const LIST_ONLY = new Set(['some', 'every', 'filter', 'map', 'find', 'join']);

function itemType(t: Typed): CelType {
  return t.type.kind === 'list' ? t.type.item : T.dyn;
}

export function listMethod(ctx: MethodContext, name: string): Typed {
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
        // A read the filter before shows present (`filter((x) => x.v !== undefined).map((x) => x.v)`) is its value.
        const t = settled(ctx.c.value(node, scope), scope);
        if (t.absent || t.nullish) {
          throw assertedMappedValue(node, defaultFor(t.type)) ?? syntaxError(node, 'a mapped value that may be undefined', `give it a default with \`??\`: \`${operandText(node)} ?? ${defaultFor(t.type)}\``);
        }
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
      const found = sameValueZero(valueOf(unified), haystack, needle.type, item);
      return plain(andPresent(needle, identitySearch(ctx.node, needle, item, list, found, E.bool(false))), T.bool);
    }
    case 'join':
      return join(ctx, list, item);
    case 'slice':
      return listSlice(ctx, list);
    case 'indexOf':
    case 'lastIndexOf': {
      arity(ctx, name, 1, 2);
      refuseIdentitySearch(ctx, item);
      // KRO's lists library has no int/double overload: `[1.0].indexOf(1)` does not type-check.
      const needle = ctx.c.value(ctx.args[0] as Node, ctx.scope);
      const [unified, haystack] = isNumeric(item) && isNumeric(needle.type) ? numericSearch(needle, list, item) : [needle, list];
      // JavaScript finds no `undefined` in a list KRO or a literal holds: -1, as `includes` is false.
      if (needle.nullish) return plain(E.int(-1), T.int);
      refuseMismatchedSearch(ctx, needle.type, item);
      const search = positionedSearch(ctx, haystack, name, (part) => E.call(name, [valueOf(unified)], part), (part) => E.binary('in', valueOf(unified), part));
      const found = identitySearch(ctx.node, needle, item, list, search, E.int(-1));
      return plain(needle.absent ? E.cond(needle.absent.present, found, E.int(-1)) : found, T.int);
    }
    case 'concat':
      return concat(ctx);
    case 'sort':
    case 'toSorted':
      return sort(ctx, name);
    case 'reduce':
    case 'reduceRight':
      // One entry per item from `{}` is a map KRO's CEL can build (list-to-map.ts); no other fold is.
      return reduceIntoMap(ctx, name) ?? throwError(reduceRefusal(ctx, name));
    default:
      throw syntaxError(ctx.node, `the array method \`${name}\` has no CEL equivalent`, name === 'at' ? AT_HINT : HINT.expr);
  }
}

/** `list.at(i)` is an index (`undefined` past either end), which compiles as one. */
const AT_HINT = '`list[list.length - 1]` for `list.at(-1)` and `list[i]` for `list.at(i)` with `i >= 0` (each `undefined` past the end, as with `at`)';

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
 * `includes` compares by SameValueZero, where NaN is found in a list holding NaN; CEL's `in` compares with
 * `==`, where NaN equals nothing (trial 18 F2b: `[r].includes(r)` was false for `r = 0 / 0`). A double needle
 * in a list of doubles is also found when both it and an item are NaN (`x != x`). Ints are never NaN.
 */
function sameValueZero(needle: Expr, haystack: Expr, needleType: CelType, item: CelType): Expr {
  const found = E.binary('in', needle, haystack);
  if (needleType.kind !== 'double' || item.kind !== 'double') return found;
  const itemNaN = E.macro('exists', haystack, 'v', E.binary('!=', E.ident('v'), E.ident('v')));
  if (needle.kind === 'literal') return needle.literal.kind === 'double' && Number.isNaN(needle.literal.value) ? itemNaN : found;
  return E.binary('||', found, E.binary('&&', E.binary('!=', needle, needle), itemNaN));
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
  // The joined text holds the items' characters and the separator's (a non-literal one: any).
  const separatorType = separator.kind === 'literal' && separator.literal.kind === 'string' ? { kind: 'string' as const, values: [separator.literal.value] } : T.string;
  return plain(E.call('join', [separator], strings), joinedText(item, separatorType));
}

/** `node`'s text as the left side of `??`: in parentheses unless it is a name, a member read or a call. */
function operandText(node: Node): string {
  const text = expressionText(node);
  return /^(Identifier|(Optional)?(Member|Call)Expression)$/.test(node.type) ? text : `(${text})`;
}

/** A default of `type` to show in a hint (`''` for text): the user picks the real one. */
function defaultFor(type: CelType): string {
  if (type.kind === 'string') return "''";
  if (type.kind === 'int' || type.kind === 'double') return '0';
  if (type.kind === 'bool') return 'false';
  if (type.kind === 'list') return '[]';
  return 'fallback';
}

/**
 * `reduce` over a list only the instance knows: KRO's CEL has no fold (a value carried from item to item), so
 * no CEL means what every body means. The way out follows what the fold builds, from its initial value: a map
 * (`{}`) is KRO's `transformMapEntry` written with Cel.expr (where a repeated key fails, while JavaScript keeps
 * the last), text is `join`, a number is the Kubernetes lists library's `sum()` written with Cel.expr.
 */
function reduceRefusal(ctx: MethodContext, name: string): Error {
  const list = ctx.node.type === 'CallExpression' && (ctx.node.callee.type === 'MemberExpression' || ctx.node.callee.type === 'OptionalMemberExpression') ? expressionText(ctx.node.callee.object) : 'list';
  const initial = ctx.args[1] === undefined ? undefined : unwrapValue(ctx.args[1] as Node);
  const why = `\`${name}\` over a list the instance gives has no CEL equivalent: KRO's CEL has no fold (a value carried from one item to the next)`;
  if (initial?.type === 'ObjectExpression') {
    return syntaxError(ctx.node, why, `build the map with KRO's transformMapEntry in Cel.expr: \`Cel.expr<Record<string, string>>(${list}, '.transformMapEntry(i, item, {item.name: item.value})')\` (a repeated key fails there, where JavaScript keeps the last)`);
  }
  if (initial?.type === 'StringLiteral' || initial?.type === 'TemplateLiteral') {
    return syntaxError(ctx.node, why, `join the items' text instead: \`${list}.map((item) => ...).join('')\``);
  }
  if (initial?.type === 'NumericLiteral') {
    return syntaxError(ctx.node, why, `for a sum, write the Kubernetes lists library's sum() with Cel.expr: \`Cel.expr<number>(${list}, '.sum()')\` (of a list of numbers: \`.map(...)\` first)`);
  }
  return syntaxError(ctx.node, why, `use a supported method (map, filter, some, every, join; the README's table "The JavaScript that compiles to CEL"), or ${HINT.expr}`);
}

/** `node` without parentheses and TypeScript wrappers (`{} as Record<string, string>`). */
function unwrapValue(node: Node): Node {
  let current = node;
  while (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'TSNonNullExpression' || current.type === 'ParenthesizedExpression' || current.type === 'TSTypeAssertion') current = current.expression;
  return current;
}
