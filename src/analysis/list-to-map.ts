/**
 * A map built from a list the instance gives, one entry per item: `list.reduce((acc, it) => ({ ...acc,
 * [key]: value }), {})`, the same with `acc[key] = value; return acc`, and `Object.fromEntries(list.map((it) =>
 * [key, value]))`. CEL has no fold, but KRO loads cel-go's two-variable comprehensions, whose
 * `transformMapEntry(i, it, {key: value})` adds each item's entries to one map.
 *
 * What JavaScript does that `transformMapEntry` does not, and how the CEL says it:
 * - A repeated key: JavaScript keeps the last value (at the place of the first, an order no manifest can
 *   show: a map's order is not data to the API server, and ordered reads of a CEL map are refused by
 *   map-enumerations.ts), cel-go fails ("insert failed: key already exists"). So an item adds its entry only
 *   when no later item has its key: `list.exists(j, o, j > i && key(o) == key(it)) ? {} : {key: value}`
 *   (`reduceRight` goes the other way: no earlier item).
 * - `__proto__`: a computed key in an object literal (`{ ...acc, ['__proto__']: v }`) and `Object.fromEntries`
 *   define an own property, as for any key. An assignment `acc['__proto__'] = v` calls Object.prototype's
 *   setter instead, which sets the prototype (an object or null) or does nothing: no entry. So the assigning
 *   form leaves that key out. Every other key (`constructor`, `toString`) is a plain own property either way.
 * - A key that is not text is turned into text (`[port]` is the key "80"): ints and booleans as CEL's
 *   `string()` writes them, the same digits; any other kind is refused.
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { describe, plain, stringify, valueOf, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { lambda } from './list-callbacks.js';
import { identifierNames, renameIdent } from './rename.js';
import { celVariableName } from '../util/cel-names.js';
import { synthesize } from './synthesized.js';
import type { MethodContext } from './call-arguments.js';

/** Which item's value a repeated key keeps, and whether the key `__proto__` is left out (see the file comment). */
interface Rules {
  readonly lastWins: 'later' | 'earlier';
  readonly skipsProto: boolean;
}

/**
 * `list.reduce(...)` (or `reduceRight`) that builds a map one entry per item from `{}`: the map's CEL, or
 * undefined for any other fold (refused by the caller with its way out).
 */
export function reduceIntoMap(ctx: MethodContext, name: 'reduce' | 'reduceRight'): Typed | undefined {
  const [callback, initial] = ctx.args;
  if (ctx.args.length !== 2 || !callback || !initial) return undefined;
  const start = unwrap(initial);
  if (start.type !== 'ObjectExpression' || start.properties.length > 0) return undefined;
  const fn = unwrap(callback);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const [acc, item, ...rest] = fn.params;
  if (acc?.type !== 'Identifier' || !item || item.type === 'RestElement' || rest.length > 0) return undefined;
  const entry = entryOf(fn.body, acc.name);
  if (!entry || mentions(entry.key, acc.name) || mentions(entry.value, acc.name)) return undefined;
  // The callback as `(it) => [key, value]`, compiled like `map`'s.
  const pair = synthesize(fn, { type: 'ArrayExpression', elements: [entry.key, entry.value] });
  const perItem = synthesize(fn, { type: 'ArrowFunctionExpression', params: [item], body: pair, async: false, generator: false, expression: true });
  return mapOfEntries({ ...ctx, args: [perItem] }, { lastWins: name === 'reduce' ? 'later' : 'earlier', skipsProto: entry.assigns });
}

/** `Object.fromEntries(list.map((it) => [key, value]))` over a list the instance gives, or undefined. */
export function fromEntriesOfList(call: Node, map: (node: Node) => MethodContext | undefined): Typed | undefined {
  if (call.type !== 'CallExpression' || call.arguments.length !== 1) return undefined;
  const arg = unwrap(call.arguments[0] as Node);
  if (arg.type !== 'CallExpression' || arg.arguments.length !== 1) return undefined;
  const callee = unwrap(arg.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'map') return undefined;
  const fn = unwrap(arg.arguments[0] as Node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const body = fn.body.type === 'BlockStatement' ? undefined : unwrap(fn.body);
  if (body?.type !== 'ArrayExpression' || body.elements.length !== 2 || body.elements.some((e) => !e || e.type === 'SpreadElement')) return undefined;
  const ctx = map(arg);
  if (!ctx || ctx.receiver.type.kind !== 'list' || ctx.receiver.absent || ctx.receiver.nullish) return undefined;
  return mapOfEntries(ctx, { lastWins: 'later', skipsProto: false });
}

/** The map of `ctx`'s callback `(it) => [key, value]` over its receiver, one entry per item (see the file comment). */
function mapOfEntries(ctx: MethodContext, rules: Rules): Typed {
  const list = valueOf(ctx.receiver);
  const itemType = ctx.receiver.type.kind === 'list' ? ctx.receiver.type.item : T.dyn;
  let valueType: CelType = T.dyn;
  const [named, pair] = lambda(ctx, itemType, (node, scope) => {
    const [keyNode, valueNode] = (node as Extract<Node, { type: 'ArrayExpression' }>).elements as Node[];
    const key = keyText(ctx.c.value(keyNode!, scope), keyNode!);
    const value = ctx.c.value(valueNode!, scope);
    if (value.absent || value.nullish) throw syntaxError(valueNode!, 'a map value that may be undefined (JavaScript keeps the key with `undefined`, which no manifest can hold)', 'give it a default with `??`');
    valueType = value.type;
    return E.list([key, value.expr]);
  });
  // Names the comprehensions bind must not hide a name the list, key or value reads (the list is read again
  // inside, where the item's name is bound).
  const outer = identifierNames(list);
  const taken = identifierNames(pair, new Set(outer));
  const variable = outer.has(named) ? celVariableName(named, (name) => taken.has(name)) : named;
  taken.add(variable);
  const fresh = (base: string): string => {
    const name = celVariableName(base, (candidate) => taken.has(candidate));
    taken.add(name);
    return name;
  };
  const [index, otherIndex, other] = [fresh('i'), fresh('j'), fresh('other')];
  const [key, value] = (renameIdent(pair, named, variable) as Extract<Expr, { kind: 'list' }>).items as [Expr, Expr];
  const repeated = E.macro('exists', list, other, E.binary('&&', E.binary(rules.lastWins === 'later' ? '>' : '<', E.ident(otherIndex), E.ident(index)), E.binary('==', renameIdent(key, variable, other), key)), otherIndex);
  const skipped = rules.skipsProto ? E.binary('||', E.binary('==', key, E.str('__proto__')), repeated) : repeated;
  const body = E.cond(skipped, E.map([]), E.map([{ key, value }]));
  return plain(E.macro('transformMapEntry', list, variable, body, index), T.map(valueType));
}

/** The key as JavaScript's property key, its text: a string as it is, an int or a boolean in CEL's `string()`. */
function keyText(key: Typed, node: Node): Expr {
  if (key.absent || key.nullish) throw syntaxError(node, 'a map key that may be undefined (JavaScript makes it the key "undefined")', 'give it a default with `??`, or key the map by a field every item has');
  if (key.type.kind === 'string' || key.type.kind === 'int' || key.type.kind === 'bool') return stringify(key, node);
  throw syntaxError(node, `a map key of ${withArticle(describe(key.type))} value: JavaScript turns it into text in its own way`, 'key the map by a string field of the item (or an integer one)');
}

/** The key and value one call of the callback adds to `acc`, in the spreading or the assigning form. */
function entryOf(body: Node, acc: string): { key: Node; value: Node; assigns: boolean } | undefined {
  const statements = body.type === 'BlockStatement' ? body.body : undefined;
  const returned = statements ? (statements.length === 1 && statements[0]?.type === 'ReturnStatement' ? statements[0].argument : undefined) : body;
  if (returned) {
    const object = unwrap(returned);
    if (object.type !== 'ObjectExpression' || object.properties.length !== 2) return undefined;
    const [spread, property] = object.properties;
    if (spread?.type !== 'SpreadElement' || !isName(spread.argument, acc)) return undefined;
    // Only a computed key: a written `__proto__: v` would set the prototype.
    if (property?.type !== 'ObjectProperty' || !property.computed) return undefined;
    return { key: property.key, value: property.value, assigns: false };
  }
  if (statements?.length !== 2) return undefined;
  const [assign, ret] = statements;
  if (ret?.type !== 'ReturnStatement' || !ret.argument || !isName(ret.argument, acc)) return undefined;
  if (assign?.type !== 'ExpressionStatement' || assign.expression.type !== 'AssignmentExpression' || assign.expression.operator !== '=') return undefined;
  const { left, right } = assign.expression;
  if (left.type !== 'MemberExpression' || !left.computed || !isName(left.object, acc)) return undefined;
  return { key: left.property, value: right, assigns: true };
}

function isName(node: Node, name: string): boolean {
  const bare = unwrap(node);
  return bare.type === 'Identifier' && bare.name === name;
}

/** Whether `node` reads the name `acc` anywhere (a property name after a dot is not a read). */
function mentions(node: Node, acc: string): boolean {
  if (node.type === 'Identifier') return node.name === acc;
  for (const [field, child] of Object.entries(node)) {
    if (field === 'loc' || field === 'extra' || field === 'leadingComments' || field === 'trailingComments' || field === 'innerComments') continue;
    if (field === 'property' && (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed) continue;
    if (field === 'key' && node.type === 'ObjectProperty' && !node.computed) continue;
    const children = Array.isArray(child) ? child : [child];
    for (const c of children) if (c && typeof c === 'object' && typeof (c as Node).type === 'string' && mentions(c as Node, acc)) return true;
  }
  return false;
}
