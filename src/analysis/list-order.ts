/**
 * `concat` and `sort` of a list (trial 10 R12, R15), each only where CEL's form means what JavaScript does:
 * `a.concat(b, x)` is `a + b + [x]` (JavaScript flattens array arguments one level and appends anything
 * else as one item), and a sort by the numeric comparator `(a, b) => a - b` of integers is KRO's `sort()`
 * (cel-go ext.Lists), `(a, b) => b - a` its `reverse()`. JavaScript's default sort compares the items' text
 * (`[10, 9].sort()` is `[10, 9]`) by UTF-16 code units, CEL's by value and by code points: refused.
 */
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { joinLists } from './list-spread.js';
import { describe, plain, valueOf, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import type { MethodContext } from './call-arguments.js';

/** `list.concat(...args)`: each list argument's items, each other argument as one item, after the list's. */
export function concat(ctx: MethodContext): Typed {
  const parts = [{ list: ctx.receiver, node: ctx.node.callee as Node }];
  for (const arg of ctx.args) {
    const t = ctx.c.value(arg, ctx.scope);
    if (t.nullish || t.absent) throw syntaxError(arg, '`concat` of a value that may be undefined: JavaScript adds it as an `undefined` item, which a CEL list cannot hold', 'give it a default: `?? []` for a list (nothing added), or spread the lists into a literal: `[...a, ...(b ?? [])]`');
    if (t.type.kind === 'dyn') throw syntaxError(arg, '`concat` of a value whose type is not known: JavaScript adds the items of an array but an other value as one item', 'spread the lists into a literal: `[...a, ...b]`');
    parts.push({ list: t.type.kind === 'list' ? t : plain(E.list([valueOf(t)]), T.list(t.type)), node: arg });
  }
  return joinLists(parts);
}

const TEXT_ORDER = 'JavaScript\'s `sort()` without a comparator compares the items as text by UTF-16 code units (`[10, 9].sort()` is [10, 9]); KRO\'s `sort()` compares numbers by value and text by code points (they differ between a character outside the Basic Multilingual Plane, an emoji, and one from U+E000 to U+FFFF)';

/** `list.sort(compare)` / `list.toSorted(compare)`: only integers by `(a, b) => a - b` (ascending) or `b - a` (descending). */
export function sort(ctx: MethodContext, name: 'sort' | 'toSorted'): Typed {
  const item = ctx.receiver.type.kind === 'list' ? ctx.receiver.type.item : T.dyn;
  const list = valueOf(ctx.receiver);
  const [compare, ...more] = ctx.args;
  const numericHint = `for integers pass the numeric comparator, \`.${name}((a, b) => a - b)\` (KRO's \`sort()\`); for text write the CEL with Cel.expr(list, '.sort()') if code-point order is what you mean`;
  if (!compare || more.length > 0) throw syntaxError(ctx.node, TEXT_ORDER, numericHint);
  const order = numericOrder(compare);
  if (!order) throw syntaxError(compare, `\`${name}\` with this comparator has no CEL form: KRO sorts only by the items' own order (\`sort()\`)`, `sort integers with \`(a, b) => a - b\` (or \`b - a\`), or write the CEL with Cel.expr(...) (\`sortBy(x, key)\` of KRO's lists library)`);
  if (item.kind !== 'int') {
    throw syntaxError(ctx.node, `sorting ${withArticle(describe(item))} list with \`a - b\`: only a list of integers sorts the same in JavaScript and CEL (text subtracts to NaN in JavaScript, floating-point numbers need KRO's order of -0 and 0)`, 'declare the items as integers (\'number.integer[]\')');
  }
  const sorted = E.call('sort', [], list);
  return plain(order === 'ascending' ? sorted : E.call('reverse', [], sorted), ctx.receiver.type);
}

/** `(a, b) => a - b` is ascending, `(a, b) => b - a` descending (also with a block that returns it). */
function numericOrder(node: Node): 'ascending' | 'descending' | undefined {
  const fn = unwrap(node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const [a, b, ...rest] = fn.params;
  if (a?.type !== 'Identifier' || b?.type !== 'Identifier' || rest.length > 0 || a.name === b.name) return undefined;
  const only = fn.body.type === 'BlockStatement' ? (fn.body.body.length === 1 && fn.body.body[0]?.type === 'ReturnStatement' ? fn.body.body[0].argument : undefined) : fn.body;
  const body = only && unwrap(only);
  if (body?.type !== 'BinaryExpression' || body.operator !== '-') return undefined;
  const [left, right] = [unwrap(body.left as Node), unwrap(body.right)];
  if (left.type !== 'Identifier' || right.type !== 'Identifier') return undefined;
  if (left.name === a.name && right.name === b.name) return 'ascending';
  if (left.name === b.name && right.name === a.name) return 'descending';
  return undefined;
}
