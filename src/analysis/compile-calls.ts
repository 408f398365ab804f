/**
 * Calls: string and list methods mapped to CEL's standard and extension libraries (string-methods.ts,
 * list-methods.ts), the few global and `Math` functions with a faithful CEL form (global-calls.ts,
 * math-calls.ts), `Cel.*` escape hatches and the user's helpers, inlined (inline-helpers.ts). Anything else
 * is rejected.
 */
import { joinedText } from './text-alphabet.js';
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import { madeBinding, namedBinding, type Scope } from './scope.js';
import { literalOf, ownProperties, staticProperty } from './literal-reads.js';
import { objectTableCall } from './object-tables.js';
import { unwrap } from './ast.js';
import { snippetOf } from './source.js';
import { HINT, syntaxError, unknownShape } from './errors.js';
import { compileCelCall } from './compile-cel.js';
import { unfollowedMethod } from './unfollowed-methods.js';
import { builtinCallRefusal } from './builtin-calls.js';
import { describe, plain, type Absence, stringify, valueOf, wrappedValue, type Compiler, type Typed } from './typed.js';
import { withArticle } from '../util/article.js';
import { callArguments, isRestElement, type Call, type MethodContext } from './call-arguments.js';
import { STRING_ONLY, stringMethod } from './string-methods.js';
import { LIST_ONLY, listMethod } from './list-methods.js';
import { globalCall } from './global-calls.js';
import { helperCall } from './inline-helpers.js';
import { mathCall } from './math-calls.js';
import { fromEntriesOfList } from './list-to-map.js';
import { truthyFilterReceiver } from './truthy-items.js';
import { bufferCall } from './base64-calls.js';
import { entriesTest, enumerationReason, isOrderFree, mapEnumeration, orderedEnumerationRefusal, unorderedList } from './map-enumerations.js';

export function compileCall(node: Call, scope: Scope, c: Compiler, expect?: CelType): Typed {
  if (node.optional) throw syntaxError(node, 'optional calls `f?.()` are not supported', HINT.expr);
  const made = madeBinding(node, scope);
  if (made?.kind === 'value') return plain(made.expr, made.type);
  if (made?.kind === 'unsupported') throw syntaxError(node, made.why, made.hint);
  const args = callArguments(node);
  // `Object.keys(TABLE)`, `Object.fromEntries(...)`, `KEYS.reduce(...)` over constant tables: the literal they build.
  const table = objectTableCall(node, scope, { literalOf, ownProperties, staticProperty });
  if (table) return c.value(table.node, table.scope, expect);
  // `Object.keys(spec.config)` anywhere but on an order-free method's receiver (below): CEL's map order is its own.
  const enumerated = mapEnumeration(node, scope, c);
  if (enumerated) throw orderedEnumerationRefusal(enumerated);
  const callee = unwrap(node.callee);
  if (callee.type === 'Identifier') return globalCall(node, callee.name, args, scope, c, expect);
  // `H.image(spec)` of `import * as H from './helpers.js'`: the exported helper, like a named import.
  const exported = namedBinding(callee, scope);
  if (exported) return helperCall(node, exported.name, exported.binding, args, scope, c, expect);
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
    const object = unwrap(callee.object);
    if (object.type === 'Identifier' && object.name === 'Math' && !scope.lookup('Math')) return mathCall(node, callee.property.name, args, scope, c);
    const encoded = bufferCall(node, scope, c);
    if (encoded) return encoded;
    const namespace = object.type === 'Identifier' ? scope.lookup(object.name, object) : undefined;
    if (namespace?.kind === 'cel') return compileCelCall(node, callee.property.name, args, scope, c, namespace.print, expect);
    // `Object.fromEntries(list.map((it) => [key, value]))` over a list the instance gives (list-to-map.ts).
    const built = object.type === 'Identifier' && object.name === 'Object' && !scope.lookup('Object') && callee.property.name === 'fromEntries' ? fromEntriesOfList(node, (map) => mapContext(map, scope, c)) : undefined;
    if (built) return built;
    const unfollowed = unfollowedMethod(node, callee.object, callee.property.name, scope);
    if (unfollowed) throw unfollowed;
    const builtin = builtinCallRefusal(node, object, callee.property.name, scope);
    if (builtin) throw builtin;
    // `[a, c ? b : null].filter(Boolean)`: items `filter(Boolean)` drops need no place in the list (truthy-items.ts).
    const entries = entriesCall(node, callee.object, callee.property.name, scope, c);
    if (entries) return entries;
    const truthyItems = truthyFilterReceiver(node, scope, c);
    const unordered = truthyItems ? undefined : orderFreeReceiver(callee.object, callee.property.name, scope, c);
    const receiver = truthyItems ?? unordered ?? c.value(callee.object, scope);
    if (receiver.nullish) throw syntaxError(node, 'calling a method of `undefined`/`null`', HINT.expr);
    const name = callee.property.name;
    // `x?.some(...)`, `a?.b.some(...)`: the call only runs when the receiver is there.
    if (receiver.absent && callee.type === 'OptionalMemberExpression') return guarded(receiver.absent, method({ node, receiver: plain(receiver.absent.value, receiver.type), args, scope, c }, name));
    if (receiver.absent?.wrapped) throw syntaxError(node, 'calling a method on a value that may be undefined', 'use `?.` (`x?.method(...)`) or give it a default first: `(x ?? "").method(...)`');
    // A refused method of a map's keys (`Object.keys(m).sort()`: JavaScript's text order) gives its own reason, not the run's "cannot be enumerated" (trial 17).
    if (unordered && receiver === unordered) return enumerationReason(() => method({ node, receiver, args, scope, c }, name));
    return method({ node, receiver, args, scope, c }, name);
  }
  throw functionValueCall(node, callee);
}

/**
 * A call of a function value (`makers[0]!()`, `pick(spec)(x)`, `(() => x)()`): TypeKro compiles a call by
 * inlining the body of the helper the callee names, and a list item, an object's entry or a call's result
 * names none (which function it holds is decided when JavaScript runs), so the way out is the helper's name.
 */
function functionValueCall(node: Call, callee: Node): Error {
  const text = snippetOf(callee);
  if (callee.type === 'ArrowFunctionExpression' || callee.type === 'FunctionExpression') {
    return syntaxError(node, 'this call cannot be compiled to CEL: it calls a function written where it is called, and TypeKro inlines the functions it can name', 'give the function a name (`const f = (x: string) => ...`) and call `f(...)`, or write its expression in place');
  }
  return syntaxError(
    node,
    `this call cannot be compiled to CEL: \`${text}\` is a function value (a list item, an object's entry or a call's result), and which function it holds is decided when JavaScript runs; TypeKro compiles a call by inlining the body of a helper the call names`,
    "call a helper by its name with the values it needs (`const make = (t: string) => t + '-' + spec.name;` then `make('a')`), instead of keeping functions in a list or an object and calling them later",
  );
}

/**
 * The method context of `list.map(callback)`, to compile its callback over the list's items; undefined when
 * the receiver does not compile (`Object.entries(spec.labels)`, whose order is CEL's): the call is then
 * refused as it was before maps were built from lists.
 */
function mapContext(call: Node, scope: Scope, c: Compiler): MethodContext | undefined {
  if (call.type !== 'CallExpression' || (call.callee.type !== 'MemberExpression' && call.callee.type !== 'OptionalMemberExpression')) return undefined;
  let receiver: Typed;
  try {
    receiver = c.value(call.callee.object, scope);
  } catch {
    return undefined;
  }
  return { node: call, receiver, args: call.arguments as Node[], scope, c };
}

/** `Object.keys(spec.config)` as the receiver of `includes`/`every`/`some`: the keys in CEL's order, which these cannot see. */
function orderFreeReceiver(object: Node, name: string, scope: Scope, c: Compiler): Typed | undefined {
  if (!isOrderFree(name)) return undefined;
  const enumerated = mapEnumeration(object, scope, c);
  return enumerated && unorderedList(enumerated, name);
}

/** `Object.entries(spec.config).some(([k, v]) => ...)` (and `every`): the macro over the map's keys, `v` its value. */
function entriesCall(node: Call, object: Node, name: string, scope: Scope, c: Compiler): Typed | undefined {
  if (name !== 'some' && name !== 'every') return undefined;
  const enumerated = mapEnumeration(object, scope, c);
  return enumerated && entriesTest(enumerated, name, node, scope, c);
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
    return plain(stringify(ctx.receiver, ctx.node), joinedText(ctx.receiver.type));
  }
  if (kind === 'dyn') throw unknownShape(ctx.node, isRestElement(ctx.node) ? 'a rest element (`...name`)' : `\`.${name}(...)\``, ctx.receiver.type);
  throw syntaxError(ctx.node, `\`${name}\` on ${withArticle(describe(ctx.receiver.type))} value cannot be compiled to CEL`, HINT.expr);
}
