/**
 * Spreads in an array literal (trial 7 H27): `[...PORTS, ...(spec.tls ? [{ port: 443 }] : [])]`, the
 * idiomatic conditional list. Each spread operand that is a list (a constant, a spec list, a conditional
 * between lists) is joined with CEL's list `+`, runs of plain items between them becoming list literals,
 * in the order JavaScript spreads them. A spread of anything else (a string, a set, an iterable, a value
 * that may be undefined) has no CEL list meaning and is refused; so are holes (`[a, , b]`).
 */
import type { ArrayExpression, Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { keepText } from './text-alphabet.js';
import { HINT, syntaxError } from './errors.js';
import { asOneKroType, joinObjects } from './kro-branch-types.js';
import type { Scope } from './scope.js';
import { withArticle } from '../util/article.js';
import { describe, plain, type Compiler, type Typed } from './typed.js';

/** `items` compiles a run of plain elements as one list literal (compile-expression.ts's array literal). */
export function spreadList(node: ArrayExpression, scope: Scope, compiler: Compiler, items: (elements: readonly Node[]) => Typed, expect?: CelType): Typed {
  const parts: { readonly list: Typed; readonly node: Node }[] = [];
  let run: Node[] = [];
  const flush = (): void => {
    if (run.length > 0) parts.push({ list: items(run), node: run[0]! });
    run = [];
  };
  for (const element of node.elements) {
    if (!element) throw syntaxError(node, 'a hole in an array literal (`[a, , b]`) has no CEL form', 'write every item');
    if (element.type !== 'SpreadElement') {
      run.push(element);
      continue;
    }
    flush();
    const list = compiler.value(element.argument, scope, expect);
    if (list.nullish || list.absent) throw syntaxError(element, 'a spread of a value that may be undefined: JavaScript throws there', 'give it a default with `?? []`');
    if (list.type.kind !== 'list') {
      throw syntaxError(element, `a spread of ${withArticle(describe(list.type))}: only lists can be spread into a list in CEL (JavaScript also spreads strings, sets and other iterables)`, HINT.expr);
    }
    parts.push({ list, node: element.argument });
  }
  flush();
  return joinLists(parts);
}

/** Lists joined with CEL's list `+` in order (also `a.concat(b)`, list-order.ts), each with the node it comes from. */
export function joinLists(parts: readonly { readonly list: Typed; readonly node: Node }[]): Typed {
  const [first, ...rest] = parts;
  if (!first) return plain(E.list([]), T.list(T.dyn));
  refuseMixedNumbers(parts);
  refuseMixedScalars(parts);
  return rest.reduce((joined, part) => {
    // cel-go types `a + b` as one list type: sides it may type differently are wrapped in dyn (kro-branch-types.ts).
    const [left, right] = asOneKroType(joined, part.list);
    return plain(E.binary('+', left.expr, right.expr), T.list(sameItem(joined.type, part.list.type)));
  }, first.list);
}

/**
 * The item type of a joined list: the one both sides have, else any. Objects join field by field (a field one
 * side lacks may be absent): taking the first side's fields would type `[{ name }, ...spec.ports]`'s items
 * as never having `port`, and a nested child's default would then overwrite every item's own `port`.
 */
function sameItem(a: CelType, b: CelType): CelType {
  const [x, y] = [a.kind === 'list' ? a.item : T.dyn, b.kind === 'list' ? b.item : T.dyn];
  if (isEmptyItem(x)) return y;
  if (isEmptyItem(y)) return x;
  if (x.kind === 'object' && y.kind === 'object') return joinObjects(x, y) ?? T.dyn;
  // Text keeps the alphabet of both sides (an enumeration only when both are it): trim() and case mapping need it.
  return x.kind === y.kind && x.kind !== 'string' ? x : x.kind === 'string' && y.kind === 'string' ? keepText(x, y) : T.dyn;
}

const isEmptyItem = (type: CelType): boolean => type.kind === 'dyn';

/** JavaScript has one number type; a CEL list joining ints and doubles would print them by different rules. */
function refuseMixedNumbers(parts: readonly { readonly list: Typed; readonly node: Node }[]): void {
  const kinds = new Set(parts.map((part) => (part.list.type.kind === 'list' ? part.list.type.item.kind : 'dyn')).filter((kind) => kind !== 'dyn'));
  if (!kinds.has('double') || kinds.size === 1) return;
  const double = parts.find((part) => part.list.type.kind === 'list' && part.list.type.item.kind === 'double')!;
  throw syntaxError(double.node, 'a list of floating-point numbers joined with other values: CEL would print them differently from JavaScript (1e+06 for 1000000)', 'convert the numbers to integers with Math.trunc(...), or keep the lists apart');
}

const SCALARS: ReadonlySet<string> = new Set(['string', 'int', 'bool']);

/**
 * Lists of text, integers or booleans joined with another kind (`[...spec.tags, ...spec.nums]`): JavaScript
 * holds any mix, while KRO's cel-go fails on the joined list of two typed spec lists (an item of the second
 * read as the first's type: "invalid data, expected string, got int64", tools/cel-oracle).
 */
function refuseMixedScalars(parts: readonly { readonly list: Typed; readonly node: Node }[]): void {
  const kinds = parts.map((part) => (part.list.type.kind === 'list' ? part.list.type.item.kind : 'dyn'));
  const first = kinds.find((kind) => SCALARS.has(kind));
  const other = kinds.findIndex((kind) => SCALARS.has(kind) && kind !== first);
  if (other < 0) return;
  throw syntaxError(parts[other]!.node, `a list of ${kinds[other]} items joined to one of ${first} items: KRO fails on the joined list of two typed lists (it reads every item as the first list's type)`, 'keep the items of one type: convert them first (`nums.map((n) => String(n))`), or keep the lists apart');
}
