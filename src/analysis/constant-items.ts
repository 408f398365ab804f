/**
 * The items of loops over lists known at definition time (`for (const e of ['dev', 'prod'])`, `Object.keys(table)`
 * of an object literal, a counted `for (let i = 0; i < 3; i++)`, the handles a loop over a constant list made):
 * JavaScript runs such a loop when the composition is defined, so each iteration is one binding of the loop's
 * variable to its item. The composition run binds them around the factory calls in the loop
 * (composition/constant-loops.ts), and a local object written in such a loop is folded with them
 * (folded-object.ts): one unrolling, for both.
 */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';
import type { CountedLoop, EnclosingLoop } from './composition.js';
import type { AfterIndex } from './enclosing-loops.js';
import type { LiteralReads } from './literal-core.js';
import { scopeOf, type Binding, type Scope } from './scope.js';
import { snippetOf } from './source.js';
import type { Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';

/** The bindings of each iteration, in JavaScript's order, or why the items are not known at definition time. */
export type LoopItems = { readonly items: readonly Readonly<Record<string, Binding>>[] } | { readonly why: string };

/** Counted loops stop here: a definition-time loop this long is a mistake, not a composition. */
const MAX_ITEMS = 1000;

/** Every iteration of `loops` (outermost first), each binding all their variables, in JavaScript's order. */
export function iterations(loops: readonly EnclosingLoop[], scope: Scope, reads: LiteralReads): LoopItems {
  const [first, ...rest] = loops;
  if (!first) return { items: [{}] };
  const own = withParameters(first, loopItems(first, scope, reads), scope);
  if ('why' in own) return own;
  const all: Record<string, Binding>[] = [];
  for (const item of own.items) {
    const inner = iterations(rest, scopeOf(item, scope), reads);
    if ('why' in inner) return inner;
    for (const more of inner.items) all.push({ ...item, ...more });
  }
  return { items: all };
}

/**
 * A callback's other parameters, per item, as JavaScript passes them: the index (the item's position), the list
 * (the loop's source), a later parameter its default (read where the callback is written, after the item) or
 * `undefined`. JavaScript computed a default on references once per item, on placeholders: it is compiled.
 */
function withParameters(loop: EnclosingLoop, found: LoopItems, scope: Scope): LoopItems {
  if ('why' in found || (loop.index === undefined && !loop.after)) return found;
  return {
    items: found.items.map((item, position): Record<string, Binding> => {
      const bound: Record<string, Binding> = { ...item, ...(loop.index !== undefined && { [loop.index]: { kind: 'constant', value: position } }) };
      const inner = scopeOf(bound, scope);
      for (const param of loop.after ?? []) bound[param.name] = afterIndexBinding(param, loop.source, inner);
      return bound;
    }),
  };
}

/** What a callback's parameter after the index stands for: the list, its default, or `undefined` (refused where read). */
export function afterIndexBinding(param: AfterIndex, source: Node, scope: Scope): Binding {
  const node = param.list ? source : param.default;
  if (node) return { kind: 'alias', node, scope };
  return {
    kind: 'unsupported',
    why: `\`${param.name}\` is always \`undefined\`: a list method passes its callback three arguments (the item, its index and the list)`,
    hint: `give \`${param.name}\` a default, or declare it as a \`const\` in the callback`,
  };
}

/** The items of one loop over a constant list, as bindings of its variable. */
function loopItems(loop: EnclosingLoop, scope: Scope, reads: LiteralReads): LoopItems {
  const { literalOf, ownProperties } = reads;
  const name = loop.variable;
  if (loop.counted) {
    const values = countedValues(loop.counted, scope, reads);
    return typeof values === 'string' ? { why: values } : { items: values.map((value) => ({ [name]: { kind: 'constant', value } })) };
  }
  const source = unwrap(loop.source);
  const method = objectMethod(source);
  if (method) {
    const table = literalOf(method.argument, scope);
    const properties = table && ownProperties(table.node, table.scope);
    if (!properties) return { why: `TypeKro cannot read the keys of \`${snippetOf(method.argument)}\` at definition time (an object literal with plain keys is needed)` };
    return {
      items: [...properties].map(([key, property]): Record<string, Binding> => {
        if (method.name === 'keys') return { [name]: { kind: 'constant', value: key } };
        if (method.name === 'values') return { [name]: { kind: 'alias', node: property.node, scope: property.scope } };
        const entry = { type: 'ArrayExpression', elements: [{ type: 'StringLiteral', value: key }, property.node], loc: source.loc, start: source.start, end: source.end } as unknown as Node;
        return { [name]: { kind: 'alias', node: entry, scope: property.scope } };
      }),
    };
  }
  const fixed = fixedListOf(source, scope);
  if (fixed) return { items: fixed.items.map((expr) => ({ [name]: { kind: 'value', expr, type: fixed.type } })) };
  const list = literalOf(source, scope);
  if (list?.node.type !== 'ArrayExpression' || list.node.elements.some((element) => !element || element.type === 'SpreadElement')) {
    return { why: `TypeKro cannot read the items of \`${snippetOf(loop.source)}\` at definition time (an array literal, a local or module constant holding one, or Object.keys/values/entries of an object literal is needed)` };
  }
  return { items: list.node.elements.map((element) => ({ [name]: { kind: 'alias', node: element as Node, scope: list.scope } })) };
}

/** The values of a counted loop's variable, or why they are not known at definition time. */
function countedValues(loop: CountedLoop, scope: Scope, reads: LiteralReads): number[] | string {
  const start = constantNumber(loop.start, scope, reads);
  const end = constantNumber(loop.end, scope, reads);
  if (start === undefined || end === undefined) {
    return `the bounds of its counted loop (\`${snippetOf(start === undefined ? loop.start : loop.end)}\`) are not numbers known at definition time`;
  }
  const holds = (i: number): boolean => (loop.operator === '<' ? i < end : loop.operator === '<=' ? i <= end : loop.operator === '>' ? i > end : i >= end);
  const values: number[] = [];
  for (let i = start; holds(i); i += loop.step) {
    if (values.length >= MAX_ITEMS) return `its counted loop runs more than ${MAX_ITEMS} times`;
    values.push(i);
  }
  return values;
}

/** A number the source states: a literal, a negated one, a constant naming one, the length of an array literal. */
function constantNumber(raw: Node, scope: Scope, reads: LiteralReads): number | undefined {
  const node = unwrap(raw);
  if (node.type === 'NumericLiteral') return node.value;
  if (node.type === 'UnaryExpression' && node.operator === '-') {
    const value = constantNumber(node.argument, scope, reads);
    return value === undefined ? undefined : -value;
  }
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name, node);
    if (binding?.kind === 'constant') return typeof binding.value === 'number' ? binding.value : undefined;
    return binding?.kind === 'alias' ? constantNumber(binding.node, binding.scope, reads) : undefined;
  }
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'length') {
    const list = reads.literalOf(node.object, scope);
    if (list?.node.type === 'ArrayExpression' && list.node.elements.every((element) => element && element.type !== 'SpreadElement')) return list.node.elements.length;
  }
  return undefined;
}

/** The handles a fixed list (collectionBinding) holds and their type, when `node` names one. */
export function fixedListOf(node: Node, scope: Scope): { readonly items: readonly Expr[]; readonly type: CelType } | undefined {
  if (node.type !== 'Identifier') return undefined;
  const binding = scope.lookup(node.name, node);
  if (binding?.kind !== 'value' || !binding.fixedList || binding.expr.kind !== 'list' || binding.type.kind !== 'list') return undefined;
  return { items: binding.expr.items, type: binding.type.item };
}

/** `Object.keys(x)`, `Object.values(x)`, `Object.entries(x)`: the method and its argument. */
export function objectMethod(node: Node): { name: 'keys' | 'values' | 'entries'; argument: Node } | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.object.name !== 'Object') return undefined;
  const name = callee.property.type === 'Identifier' ? callee.property.name : '';
  return name === 'keys' || name === 'values' || name === 'entries' ? { name, argument: node.arguments[0] as Node } : undefined;
}

