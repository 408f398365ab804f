/**
 * Calls over a constant table that JavaScript answers from keys the source states (issue 10, trial 9 T03/T08):
 * `Object.keys/values/entries(TABLE)` of an object literal outside a loop, `Object.fromEntries(<keys or
 * entries>.map(([k, v]) => [k, ...]))`, `<keys or entries>.reduce((acc, k) => ({ ...acc, [k]: ... }), {})` and `Object.assign({}, BASE, {...})`. The keys (and the items) are known at definition time, so each call is the literal it
 * builds, written out: the list of keys, the object of one property per entry, the spread of each argument. The items come from the
 * unrolling of loops over constant lists (constant-items.ts), the properties from the fold of an object built by
 * statements (folded-object.ts). Anything else is left to the call compiler (undefined).
 */
import type { Node } from '@babel/types';
import { unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import type { EnclosingLoop } from './composition.js';
import { iterations, objectMethod } from './constant-items.js';
import { constantValue } from './constant-value.js';
import { fold, type FoldedProperty } from './folded-object.js';
import type { LiteralReads } from './literal-core.js';
import { bindPattern } from './pattern-bindings.js';
import { scopeOf, type Binding, type Scope } from './scope.js';
import { synthesize } from './synthesized.js';

type Call = Extract<Node, { type: 'CallExpression' | 'OptionalCallExpression' }>;
type Callback = Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>;

/** The literal `node` builds from a constant table, compiled in `scope`; undefined when it is not such a call. */
export function objectTableCall(node: Call, scope: Scope, reads: LiteralReads): { node: Node; scope: Scope } | undefined {
  const callee = unwrap(node.callee);
  if (node.optional || callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  if (node.arguments.some((arg) => arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder')) return undefined;
  const args = node.arguments as Node[];
  const object = unwrap(callee.object);
  const name = callee.property.name;
  if (name === 'reduce') return reduced(node, object, args, scope, reads);
  if (object.type !== 'Identifier' || object.name !== 'Object' || scope.lookup('Object', object)) return undefined;
  if (objectMethod(node)) return tableList(node, scope, reads);
  if (name === 'fromEntries' && args.length === 1) return fromEntries(args[0]!, scope, reads);
  if (name === 'assign' && args.length > 0) {
    if (unwrap(args[0]!).type !== 'ObjectExpression') {
      // JavaScript writes into the target (a table shared by every run, a local read elsewhere): the value
      // of the call is the spread, but the target's later reads are not.
      throw syntaxError(
        args[0]!,
        '`Object.assign` writes into its first argument, which is not a fresh object literal: the target changes for every later read (and for the next definition, if it is shared)',
        'build a new object instead: `{ ...target, ...other }` or `Object.assign({}, target, other)`',
      );
    }
    // A fresh literal as the target: what it ends up holding is the spread of every argument, in order.
    const spreads = args.map((arg) => synthesize(arg, { type: 'SpreadElement', argument: arg }));
    return { node: synthesize(node, { type: 'ObjectExpression', properties: spreads }), scope };
  }
  return undefined;
}

/**
 * `LIST.reduce((acc, k) => ({ ...acc, [k]: v }), INIT)` over a constant list (keys, entries, a literal): the
 * object `{ ...INIT, [k1]: v1, [k2]: v2, ... }`, each value compiled with its item bound, as JavaScript builds
 * it step by step. Only that form: a body that reads the accumulator otherwise (`acc[k] ?? 0`), or writes
 * into it, is refused with the way out.
 */
function reduced(node: Call, list: Node, args: readonly Node[], scope: Scope, reads: LiteralReads): { node: Node; scope: Scope } | undefined {
  const callback = args.length === 2 ? callbackOf(args[0]!) : undefined;
  const [acc, item] = callback?.params ?? [];
  if (!callback || callback.params.length !== 2 || acc?.type !== 'Identifier' || !item || item.type === 'RestElement') return undefined;
  const items = unrolled(list, callback, scope, reads, 1);
  if (!items) return undefined;
  const body = returned(callback);
  const built = body && unwrap(body);
  // A body that builds no object (`(a, b) => a + b`) is not a table: the general refusal of `reduce` applies.
  if (built?.type !== 'ObjectExpression') return undefined;
  const [first, ...rest] = built?.type === 'ObjectExpression' ? built.properties : [];
  const spreadsAcc = first?.type === 'SpreadElement' && unwrap(first.argument).type === 'Identifier' && (unwrap(first.argument) as { name: string }).name === acc.name;
  const keyed = rest.every((p) => p.type === 'ObjectProperty' && !mentions(p, acc.name));
  if (!spreadsAcc || !keyed) {
    throw syntaxError(
      node,
      '`reduce` over a constant list compiles only as `(acc, k) => ({ ...acc, [k]: value })`, each value not reading the accumulator',
      'write it in that form, or build the object with `Object.fromEntries(list.map((k) => [k, value]))`',
    );
  }
  const properties: FoldedProperty[] = [];
  for (const iteration of items) {
    for (const property of rest as (Node & { type: 'ObjectProperty' })[]) {
      const key = property.computed ? constantValue(property.key, iteration)?.value : keyName(property.key);
      if (typeof key !== 'string' && typeof key !== 'number') return undefined;
      properties.push({ key: String(key), value: property.value as Node, scope: iteration });
    }
  }
  const start = synthesize(node, { type: 'ObjectExpression', properties: [synthesize(args[1]!, { type: 'SpreadElement', argument: args[1]! })] }) as Node & { type: 'ObjectExpression' };
  const folded = fold(start, properties, scope);
  return 'node' in folded ? folded : undefined;
}

function keyName(key: Node): string | number | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return key.value;
  return undefined;
}

/** True when `node` reads the name (conservatively: any identifier of that name, shadowed or not). */
function mentions(node: Node, name: string): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === 'Identifier' && child.name === name) found = true;
    return !found;
  });
  return found;
}

/** `Object.keys/values/entries(TABLE)` of an object literal: the list literal of its keys, values or pairs. */
function tableList(node: Call, scope: Scope, reads: LiteralReads): { node: Node; scope: Scope } | undefined {
  const method = objectMethod(node)!;
  const table = reads.literalOf(method.argument, scope);
  const properties = table && reads.ownProperties(table.node, table.scope);
  if (!properties) return undefined;
  const hidden: Record<string, Binding> = {};
  const elements = [...properties].map(([key, property], index) => {
    const name = `#value${index}`;
    hidden[name] = { kind: 'alias', node: property.node, scope: property.scope };
    const keyNode = synthesize(node, { type: 'StringLiteral', value: key });
    const valueNode = synthesize(node, { type: 'Identifier', name });
    return method.name === 'keys' ? keyNode : method.name === 'values' ? valueNode : synthesize(node, { type: 'ArrayExpression', elements: [keyNode, valueNode] });
  });
  return { node: synthesize(node, { type: 'ArrayExpression', elements }), scope: scopeOf(hidden, scope) };
}

/** `Object.fromEntries(list.map((item) => [key, value]))` over a constant list: one property per item, its key a constant. */
function fromEntries(arg: Node, scope: Scope, reads: LiteralReads): { node: Node; scope: Scope } | undefined {
  const mapped = unwrap(arg);
  if (mapped.type !== 'CallExpression') return undefined;
  const callee = unwrap(mapped.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'map') return undefined;
  const callback = mapped.arguments.length === 1 ? callbackOf(mapped.arguments[0] as Node) : undefined;
  if (!callback || callback.params.length !== 1) return undefined;
  const items = unrolled(callee.object, callback, scope, reads);
  if (!items) return undefined;
  const properties: FoldedProperty[] = [];
  for (const iteration of items) {
    const body = returned(callback);
    const pair = body && unwrap(body);
    if (pair?.type !== 'ArrayExpression' || pair.elements.length !== 2 || pair.elements.some((e) => !e || e.type === 'SpreadElement')) return undefined;
    const key = constantValue(pair.elements[0] as Node, iteration)?.value;
    if (typeof key !== 'string' && typeof key !== 'number') return undefined;
    properties.push({ key: String(key), value: pair.elements[1] as Node, scope: iteration });
  }
  const folded = fold(synthesize(arg, { type: 'ObjectExpression', properties: [] }) as Node & { type: 'ObjectExpression' }, properties, scope);
  return 'node' in folded ? folded : undefined;
}

/** The scopes of the callback's iterations over a constant list (its item, parameter `at`, bound, also through a pattern), or undefined. */
function unrolled(list: Node, callback: Callback, scope: Scope, reads: LiteralReads, at = 0): Scope[] | undefined {
  const param = callback.params[at];
  if (!param || param.type === 'RestElement') return undefined;
  const loop: EnclosingLoop = { variable: '#item', names: ['#item'], source: list, kind: 'map', body: callback };
  const found = iterations([loop], scope, reads);
  if ('why' in found) return undefined;
  return found.items.map((item) => {
    const value = item['#item']!;
    const bindings = param.type === 'Identifier' ? { [param.name]: value } : bindPattern(param as Node, value, scope, 'read the entry by position (`([k, v]) => ...`)');
    return scopeOf(bindings, scope);
  });
}

function callbackOf(node: Node): Callback | undefined {
  const fn = unwrap(node);
  return fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression' ? fn : undefined;
}

/** The expression a callback returns: its expression body, or a lone `return`. */
function returned(fn: Callback): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument ? only.argument : undefined;
}
