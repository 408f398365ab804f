/**
 * The config-file idiom `[line, c ? 'debug=1' : null, ...more].filter(Boolean).join('\n')` (trial 10 R14):
 * a list literal whose items may be `null` or `undefined`, filtered by their truthiness at once. Such an item
 * has no place in a CEL list of strings, but `filter(Boolean)` drops it (and `''`), so the list is built
 * without it: `["a"] + (c ? ["debug=1"] : [])`, which `filter(Boolean)` then filters as any list
 * (list-methods.ts). Only items of one type among text, integers and booleans, whose truthiness is exact in CEL.
 */
import type { ArrayExpression, Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { joinedText } from './text-alphabet.js';
import { unwrap } from './ast.js';
import { asOneKroType } from './kro-branch-types.js';
import { spreadList } from './list-spread.js';
import type { Call } from './call-arguments.js';
import type { Scope } from './scope.js';
import { plain, type Compiler, type Typed } from './typed.js';
import { syntaxError } from './errors.js';

/**
 * The receiver of `<array literal>.filter(Boolean)` with its `null`/`undefined` items left out (each that may
 * be one: in the list only when it is there), or undefined for any other call and for items that are all there.
 */
export function truthyFilterReceiver(node: Call, scope: Scope, c: Compiler): Typed | undefined {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'filter') return undefined;
  const [arg, ...more] = node.arguments;
  const predicate = arg && unwrap(arg as Node);
  if (more.length > 0 || predicate?.type !== 'Identifier' || predicate.name !== 'Boolean' || scope.lookup('Boolean', predicate)) return undefined;
  const literal = arrayLiteral(callee.object, scope);
  return literal && truthyItems(literal.list, literal.scope, c);
}

/** The array literal `node` is, also through a `const` holding it (`const lines = [...]; lines.filter(Boolean)`). */
function arrayLiteral(node: Node, scope: Scope, hops = 0): { list: ArrayExpression; scope: Scope } | undefined {
  const read = unwrap(node);
  if (read.type === 'ArrayExpression') return { list: read, scope };
  const binding = read.type === 'Identifier' && hops < 16 ? scope.lookup(read.name, read) : undefined;
  return binding?.kind === 'alias' ? arrayLiteral(binding.node, binding.scope, hops + 1) : undefined;
}

function truthyItems(list: ArrayExpression, scope: Scope, c: Compiler): Typed | undefined {
  const kinds = new Set<string>();
  /** Every plain item's text type: a run's list is typed by its first item (joined), so the alphabet is theirs. */
  const texts: CelType[] = [];
  let dropped = false;
  const items = (elements: readonly Node[]): Typed => {
    const parts = elements.flatMap((element) => {
      const t = c.value(element, scope);
      dropped ||= t.nullish !== undefined || t.absent !== undefined;
      if (t.nullish) return [];
      kinds.add(t.type.kind);
      if (t.type.kind === 'string') texts.push(t.type);
      return [t];
    });
    return joined(parts.map((t) => plain(asList(t), T.list(t.type))));
  };
  const result = spreadList(list, scope, c, items);
  if (result.type.kind === 'list' && result.type.item.kind !== 'dyn') kinds.add(result.type.item.kind);
  const [kind, ...others] = kinds;
  // Text keeps the items' alphabet (trim() and case mapping need it); other kinds are their plain type.
  const text = kind === 'string' && result.type.kind === 'list' && result.type.item.kind === 'string' ? joinedText(result.type.item, ...texts) : undefined;
  if (others.length === 0 && (kind === 'string' || kind === 'int' || kind === 'bool')) return plain(result.expr, T.list(text ?? ITEM[kind]));
  if (!dropped) return undefined;
  throw syntaxError(list, `\`filter(Boolean)\` over items that may be null or undefined, of ${[...kinds].sort().join(' and ') || 'unknown'} type${kinds.size > 1 ? 's' : ''}: only a list of one type (text, integers or booleans) drops them exactly in CEL`, "keep the items of one type (text: `String(n)`), or spread a conditional list instead of a null item: `[a, ...(c ? ['b'] : [])]`");
}

const ITEM = { string: T.string, int: T.int, bool: T.bool } as const;

/** One item as a list: `[x]`, or `present ? [x] : []` when it may be `undefined`/`null`. */
function asList(t: Typed): Expr {
  if (!t.absent) return E.list([t.expr]);
  return (t.absent.wrapped && optionalAsList(t.expr)) || E.cond(t.absent.present, E.list([t.absent.value]), E.list([]));
}

/** A choice of optionals as a choice of lists: `c ? optional.of(x) : optional.none()` is `c ? [x] : []`. */
function optionalAsList(e: Expr): Expr | undefined {
  if (e.kind === 'call' && !e.target && e.fn === 'optional.of' && e.args.length === 1) return E.list([e.args[0]!]);
  if (e.kind === 'call' && !e.target && e.fn === 'optional.none' && e.args.length === 0) return E.list([]);
  if (e.kind !== 'conditional') return undefined;
  const [then, otherwise] = [optionalAsList(e.then), optionalAsList(e.otherwise)];
  return then && otherwise ? E.cond(e.test, then, otherwise) : undefined;
}

/** The items' lists joined, runs of items that are always there as one list literal. */
function joined(lists: readonly Typed[]): Typed {
  const merged: Typed[] = [];
  for (const list of lists) {
    const last = merged.at(-1);
    if (last?.expr.kind === 'list' && list.expr.kind === 'list') merged[merged.length - 1] = plain(E.list([...last.expr.items, ...list.expr.items]), last.type);
    else merged.push(list);
  }
  const [first, ...rest] = merged;
  if (!first) return plain(E.list([]), T.list(T.dyn));
  return rest.reduce((left, right) => {
    // cel-go types `a + b` as one list type: sides it may type differently are wrapped in dyn (kro-branch-types.ts).
    const [a, b] = asOneKroType(left, right);
    return plain(E.binary('+', a.expr, b.expr), left.type);
  }, first);
}
