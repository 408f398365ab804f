/**
 * A resource made in the callback of a count (`Array.from({ length: spec.shards }, (_, i) => ConfigMap(...))`,
 * `[...Array(spec.n)].map(...)`): JavaScript ran the count on a placeholder, found no items and never called the
 * callback. It is the counted `for` loop in another form, so it gets that loop's reason and way out (trial 10 R01)
 * rather than the one for a factory call in a helper.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { parentIn, type FunctionNode } from '../analysis/composition.js';
import { syntaxError } from '../analysis/errors.js';
import { snippetOf } from '../analysis/source.js';

/** The refusal when `helper` (a function inside `fn` that made no resource) is the callback of a count; else undefined. */
export function countedCallbackRefusal(fn: FunctionNode, helper: Node): Error | undefined {
  const call = parentIn(fn, helper);
  if (call?.type !== 'CallExpression' || !call.arguments.includes(helper as never)) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const method = callee.property.name;
  const counted = (method === 'from' && isArray(callee.object) && call.arguments[1] === helper) || (['map', 'forEach', 'flatMap'].includes(method) && isCount(callee.object));
  if (!counted) return undefined;
  return syntaxError(
    call,
    `a resource is created in the callback of \`${snippetOf(callee)}(...)\`, a count that depends on a reference: JavaScript ran it once, at definition time, on a placeholder (no item, so the callback never ran), and KRO can only repeat a resource over a list`,
    "loop over a spec list (`spec.shards.map((shard) => ...)` with `shards: ['a', 'b']` in the spec), or count to a number known at definition time (`Array.from({ length: 3 }, ...)`)",
  );
}

/** `Array` itself. */
function isArray(node: Node): boolean {
  const value = unwrap(node);
  return value.type === 'Identifier' && value.name === 'Array';
}

/** A list made from a count: `Array(n)`, `new Array(n)`, `Array.from(...)`, `[...Array(n)]`, `Array(n).fill(x)`, `Array(n).keys()` spread. */
function isCount(node: Node): boolean {
  const value = unwrap(node);
  if ((value.type === 'CallExpression' || value.type === 'NewExpression') && isArray(value.callee)) return true;
  if (value.type === 'ArrayExpression') return value.elements.length === 1 && value.elements[0]?.type === 'SpreadElement' && isCount(value.elements[0].argument);
  if (value.type !== 'CallExpression') return false;
  const callee = unwrap(value.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (callee.property.name === 'from' && isArray(callee.object)) return true;
  return ['fill', 'keys'].includes(callee.property.name) && isCount(callee.object);
}
