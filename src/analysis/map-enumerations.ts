/**
 * `Object.keys/values/entries(m)` of a map the instance holds (`spec.config`). CEL iterates a map in an order
 * of its own, not JavaScript's insertion order (the order the instance's YAML wrote the keys), so only the uses
 * whose value no order can change compile: the count (`.length`, `size(m)`, and of a `filter`), membership
 * (`.includes`) and `every`/`some`, and the numeric sort, over the keys or the values, made with CEL's macros
 * over the map (`m.map(k, k)`), and `filter(...).length`/`every`/`some` over the entries (`([k, v]) => ...`,
 * the macro over the keys with `v` read as `m[k]`). Every other use (`join`, an index, `map`, a loop) is
 * refused with that reason.
 */
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { declaredObject } from '../ir/untyped-target.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { objectMethod } from './constant-items.js';
import { mentionsReferences } from './mentions.js';
import { snippetOf } from './source.js';
import { plain, valueOf, type Compiler, type Typed } from './typed.js';
import { scopeOf, type Binding, type Scope } from './scope.js';
import { isSpecData, isSpecItem } from './absent-spec.js';
import { identifierNames, renameIdent } from './rename.js';
import { celVariableName } from '../util/cel-names.js';
import { listMethod } from './list-methods.js';
import type { Call } from './call-arguments.js';

/**
 * The methods whose value is the same in every order of the list they are called on. A sort is one too: the
 * only sort that compiles is of integers by `(a, b) => a - b` (list-order.ts), whose equal items are
 * indistinguishable.
 */
export function isOrderFree(method: string): boolean {
  return ['includes', 'every', 'some', 'sort', 'toSorted'].includes(method);
}

/** An enumeration of a map a reference holds: the method, the map (compiled), and the call. */
interface Enumeration {
  readonly name: 'keys' | 'values' | 'entries';
  readonly map: Typed;
  readonly node: Node;
}

/** `node` as `Object.keys/values/entries(m)` of a map from a reference; undefined for anything else (a local object literal is a constant table). */
export function mapEnumeration(raw: Node, scope: Scope, c: Compiler): Enumeration | undefined {
  const node = unwrap(raw);
  const call = objectMethod(node);
  if (!call || scope.lookup('Object') || !mentionsReferences(call.argument, scope)) return undefined;
  const compiled = c.value(call.argument, scope);
  // A value the schema declares an object (`'Record<string, unknown>'`) is a map of values of any type; KRO's
  // checker types it as an object, which no macro ranges over: `dyn(...)` it.
  const map = declaredObject(compiled.type) && !compiled.absent ? plain(E.call('dyn', [valueOf(compiled)]), T.map(T.dyn)) : compiled;
  if (map.type.kind !== 'map') return undefined;
  if (map.absent || map.nullish) {
    const text = snippetOf(call.argument);
    throw refused(syntaxError(node, `\`Object.${call.name}(${text})\` of a map that may be undefined: JavaScript throws a TypeError there`, `give it a default first: \`Object.${call.name}(${text} ?? {})\``));
  }
  return { name: call.name, map, node };
}

/** `Object.keys(m).length` (and of values, entries): the number of entries, `size(m)`. */
export function enumerationLength(e: Enumeration): Typed {
  return plain(E.call('size', [valueOf(e.map)]), T.int);
}

/**
 * The list an order-free method (`includes`, `every`, `some`, a sort) is called on: the keys, `m.map(k, k)`, or the
 * values, `m.map(k, m[k])`, in CEL's order, which the method cannot see. Entries (`[k, v]` pairs) are not built:
 * `some`/`every` over them are compiled by entriesTest before this, and any other method is refused with the form
 * over the keys that gives the same value.
 */
export function unorderedList(e: Enumeration, method: string): Typed {
  const map = valueOf(e.map);
  const value = e.map.type.kind === 'map' ? e.map.type.value : T.dyn;
  const key = '__typekro_key';
  if (e.name === 'keys') return plain(E.macro('map', map, key, E.ident(key)), T.list(T.string));
  if (e.name === 'values') return plain(E.macro('map', map, key, E.index(map, E.ident(key))), T.list(value));
  const text = snippetOf((e.node as Extract<Node, { type: 'CallExpression' }>).arguments[0] as Node);
  throw refused(syntaxError(e.node, `\`Object.entries(${text}).${method}(...)\`: TypeKro does not build a map's [key, value] pairs in CEL`, `go over the keys and read each value: \`Object.keys(${text}).${method}((k) => ... ${text}[k] ...)\``));
}

/**
 * `Object.keys/values/entries(m).filter(cb).length`: how many entries `cb` keeps, which no order changes
 * (`size(m.map(k, m[k]).filter(v, ...))`; over the entries, `size(m.filter(k, ...))` with `v` read as `m[k]`).
 */
export function filteredLength(raw: Node, scope: Scope, c: Compiler): Typed | undefined {
  const node = unwrap(raw);
  if (node.type !== 'CallExpression') return undefined;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'filter') return undefined;
  const e = mapEnumeration(callee.object, scope, c);
  if (!e) return undefined;
  const args = node.arguments as Node[];
  // A refusal of the callback (`k.toUpperCase()` of keys that may hold any letter) is the reason to show.
  const kept = enumerationReason(() => (e.name === 'entries' ? entriesMacro(e, 'filter', node, scope, c) : valueOf(listMethod({ node, receiver: unorderedList(e, 'filter'), args, scope, c }, 'filter'))));
  return plain(E.call('size', [kept]), T.int);
}

/** `Object.entries(m).some/every(([k, v]) => ...)`: CEL's `exists`/`all` over the keys, `v` read as `m[k]`. */
export function entriesTest(e: Enumeration, method: string, call: Call, scope: Scope, c: Compiler): Typed | undefined {
  if (e.name !== 'entries' || (method !== 'some' && method !== 'every')) return undefined;
  return plain(enumerationReason(() => entriesMacro(e, method === 'some' ? 'exists' : 'all', call, scope, c)), T.bool);
}

/**
 * The macro over the map's keys (a map macro's variable is the key) with the callback's `[k, v]` bound to the key and
 * its value. Only a plain pair of names (`[k, v]`, `[k]`, `[, v]`): anything else is refused as before.
 */
function entriesMacro(e: Enumeration, macro: 'filter' | 'exists' | 'all', call: Call, scope: Scope, c: Compiler): Expr {
  const method = macro === 'exists' ? 'some' : macro === 'all' ? 'every' : 'filter';
  const fn = call.arguments.length === 1 ? unwrap(call.arguments[0] as Node) : undefined;
  const pattern = fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && fn.params.length === 1 ? fn.params[0] : undefined;
  const body = fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') ? bodyOf(fn) : undefined;
  if (!pattern || pattern.type !== 'ArrayPattern' || pattern.elements.length > 2 || pattern.elements.some((el) => el !== null && el.type !== 'Identifier') || !body) {
    const text = snippetOf((e.node as Extract<Node, { type: 'CallExpression' }>).arguments[0] as Node);
    throw refused(syntaxError(call, `\`Object.entries(${text}).${method}(...)\` with a callback other than \`([k, v]) => expression\``, `take the pair as two names: \`Object.entries(${text}).${method}(([k, v]) => ...)\`, or go over the keys: \`Object.keys(${text}).${method}((k) => ... ${text}[k] ...)\``));
  }
  const map = valueOf(e.map);
  const placeholder = `__typekro_entry_${fn!.start ?? 0}`;
  const [key, value] = pattern.elements.map((el) => (el?.type === 'Identifier' ? el.name : undefined));
  const bindings: Record<string, Binding> = {};
  if (key) bindings[key] = { kind: 'value', expr: E.ident(placeholder), type: T.string };
  if (value) bindings[value] = { kind: 'value', expr: E.index(map, E.ident(placeholder)), type: e.map.type.kind === 'map' ? e.map.type.value : T.dyn };
  // An entry of spec data is spec data (its optional fields are there from the start or never), as a list item is.
  const spec = isSpecData(map, scope);
  const inner: Scope = { lookup: scopeOf(bindings, scope).lookup, guards: scope.guards ?? [], specItem: (name) => (name === placeholder ? spec : isSpecItem(scope, name)) };
  const compiled = c.condition(body, inner);
  const taken = identifierNames(compiled);
  const name = celVariableName(key ?? 'k', (candidate) => taken.has(candidate));
  return E.macro(macro, map, name, renameIdent(compiled, placeholder, name));
}

function bodyOf(fn: Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' }>): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only?.type === 'ReturnStatement' && only.argument ? only.argument : undefined;
}

/** Marks the refusals made here: their reason, not the run's "cannot be enumerated", is the one to show (source-values.ts). */
const ENUMERATION_REFUSAL = Symbol('typekro.enumerationRefusal');

/** True when `error` is a refusal of a map enumeration made by this module. */
export function isEnumerationRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Object.hasOwn(error, ENUMERATION_REFUSAL);
}

/** The refusal of every other use of an enumeration of a map: its order is CEL's, not JavaScript's. */
export function orderedEnumerationRefusal(e: Enumeration): Error {
  const text = snippetOf(e.node);
  const error = syntaxError(
    e.node,
    `\`${text}\` goes through a map the instance holds: KRO repeats resources only over a list, and CEL goes through a map in an order of its own, not JavaScript's (the order the instance wrote the keys), so only what no order can change compiles`,
    `to make resources per entry, make the spec field a list of objects (\`queues: [{ name: 'hi', queue: 'q-high' }]\`) and loop over it; otherwise use \`.length\`, \`.filter(...).length\`, \`.includes(x)\`, \`.every(...)\` or \`.some(...)\` of it`,
  );
  return refused(error);
}

/**
 * Runs `body`, a method called on a map's keys, values or entries; its refusal is the one to show, as this
 * module's are (`Object.keys(spec.m).sort()` is refused for JavaScript's text order, with the way out; a
 * callback of `filter(...).length` or `some` refused for what it does to a key, trial 18 F5).
 */
export function enumerationReason<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw error instanceof Error && !isEnumerationRefusal(error) ? refused(error) : error;
  }
}

function refused<E extends Error>(error: E): E {
  return Object.defineProperty(error, ENUMERATION_REFUSAL, { value: true });
}
