/**
 * Writes made to a local THROUGH a call: `configure(cfg, spec)` where `configure` sets `cfg.image`,
 * `Object.defineProperty(o, 'v', {...})`, `Array.prototype.push.call(l, v)`. JavaScript ran the call once,
 * on placeholders, so a value read from the local afterwards is what the placeholder run left there: such a
 * call is a write of the local, refused by the same rule as `o.v = ...` (local-scope.ts `bindingOf`) when the
 * value depends on a reference. The declarations walk is syntactic: it records every local passed to a call
 * as a candidate (`passedAs`), and {@link callWrites} keeps those whose callee, resolved where it is called,
 * writes that parameter, or cannot be read (a package's function: it may, so fail closed).
 */
import type { CallExpression, Node } from '@babel/types';
import { unwrap } from './ast.js';
import { resolveModuleName } from './modules.js';
import type { Binding, FunctionLike, Scope, Write } from './scope.js';

/** Built-ins that change their first argument: `Object.defineProperty(o, ...)`, `Reflect.set(o, ...)`. */
const MUTATES_FIRST: Readonly<Record<string, ReadonlySet<string>>> = {
  Object: new Set(['defineProperty', 'defineProperties', 'setPrototypeOf']),
  Reflect: new Set(['set', 'defineProperty', 'deleteProperty', 'setPrototypeOf']),
};

/**
 * The writes a call makes through its arguments, as `[target, value]` pairs (value: what is written), with
 * `passedAs` set for a candidate that depends on the callee. `Object.assign` and `x.push(v)` are recorded by
 * local-scope.ts itself.
 */
export function callArgumentWrites(call: CallExpression): { target: Node; value: Node | undefined; passedAs?: number }[] {
  const args = call.arguments.filter((arg): arg is Extract<typeof arg, Node> => arg.type !== 'ArgumentPlaceholder' && arg.type !== 'SpreadElement');
  const callee = unwrap(call.callee);
  const first = args[0];
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const owner = unwrap(callee.object);
    // `Object.defineProperty(o, 'v', { value })`: every other argument is a value written into `o`.
    if (owner.type === 'Identifier' && Object.hasOwn(MUTATES_FIRST, owner.name) && MUTATES_FIRST[owner.name]!.has(callee.property.name)) return first ? valuesInto(first, args.slice(1)) : [];
    // `Array.prototype.push.call(l, v)`, `Object.prototype.x.apply(o, [v])`: the method runs on its first argument.
    if ((callee.property.name === 'call' || callee.property.name === 'apply') && isPrototypeMethod(owner)) return first ? valuesInto(first, args.slice(1)) : [];
  }
  return args.flatMap((arg, index) => (isLocalRead(arg) ? [{ target: arg, value: call as Node, passedAs: index }] : []));
}

function valuesInto(target: Node, values: readonly Node[]): { target: Node; value: Node | undefined }[] {
  return values.length === 0 ? [{ target, value: undefined }] : values.map((value) => ({ target, value }));
}

/** `Array.prototype.push`, `Object.prototype.x`: a method taken from a prototype. */
function isPrototypeMethod(node: Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const proto = unwrap(node.object);
  return proto.type === 'MemberExpression' && !proto.computed && proto.property.type === 'Identifier' && proto.property.name === 'prototype';
}

/** `x`, `x.a`, `x[0]`: an argument the callee receives a local's object (or a part of it) through. */
function isLocalRead(node: Node): boolean {
  let value = unwrap(node);
  while (value.type === 'MemberExpression' || value.type === 'OptionalMemberExpression') value = unwrap(value.object);
  return value.type === 'Identifier' && value.name !== 'undefined';
}

/** How callWrites reads functions: the writes of a body, and the scope of a helper's own names. */
export interface CallWritesContext {
  readonly writesOf: (body: Node) => ReadonlyMap<string, readonly Write[]>;
  readonly scopeOf: (fn: FunctionLike, parent: Scope) => Scope;
  readonly isFactoryCall: (call: Node) => boolean;
}

/**
 * `writes` without the candidates whose callee does not write the argument (see the module comment). A
 * package's function counts only for a local built as an object or list (`inits`): a string or number
 * passed to `path.join` cannot be changed by it.
 */
export function callWrites(writes: readonly Write[], inits: readonly (Node | undefined)[], scope: Scope, context: CallWritesContext): readonly Write[] {
  if (!writes.some((write) => write.passedAs !== undefined)) return writes;
  const object = inits.some((init) => init !== undefined && OBJECT_INITS.has(unwrap(init).type));
  return writes.filter((write) => write.passedAs === undefined || writesArgument(write.node as CallExpression, write.passedAs, scope, { ...context, object }, new Set()));
}

const OBJECT_INITS: ReadonlySet<string> = new Set(['ObjectExpression', 'ArrayExpression', 'NewExpression']);

/** Whether calling `call` may change its argument `index`: its callee writes that parameter or cannot be read. */
function writesArgument(call: CallExpression, index: number, scope: Scope, context: CallWritesContext & { object: boolean }, seen: Set<Node>): boolean {
  if (context.isFactoryCall(call)) return false;
  const callee = calleeBinding(call, scope);
  if (callee === 'reads') return false;
  if (callee === 'unreadable') return context.object;
  // A name the compiler cannot follow to one function (`const f = c ? g : h`, an unreadable import): it may.
  if (callee.kind !== 'function') return true;
  return writesParameter(callee.fn, index, callee.scope, context, seen);
}

/**
 * What the callee of `call` is: a binding, `'unreadable'` for a package's function (not TypeKro's), or
 * `'reads'` for what is taken not to change its arguments: a built-in (`JSON.stringify`, `String`; those
 * that do are recorded by {@link callArgumentWrites}), TypeKro's own functions, a method of a local value.
 */
function calleeBinding(call: CallExpression, scope: Scope): Binding | 'unreadable' | 'reads' {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return scope.lookup(callee.name, callee) ?? (isPackageFunction(call, callee.name) ? 'unreadable' : 'reads');
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return 'reads';
  const owner = unwrap(callee.object);
  if (owner.type !== 'Identifier') return 'reads';
  const binding = scope.lookup(owner.name, owner);
  // `H.setField(o, v)` through `import * as H from './helpers'`.
  if (binding?.kind === 'module') return binding.exports.lookup(callee.property.name) ?? 'reads';
  if (!binding) return isPackageFunction(call, owner.name) ? 'unreadable' : 'reads';
  return 'reads';
}

function isPackageFunction(call: Node, name: string): boolean {
  const file = call.loc?.filename;
  if (!file) return false;
  try {
    const target = resolveModuleName(file, name);
    return target?.kind === 'package' && !target.typekro;
  } catch {
    return true;
  }
}

/** Whether `fn` changes its parameter `index` (or a name it destructures from it), itself or through a call. */
function writesParameter(fn: FunctionLike, index: number, scope: Scope, context: CallWritesContext & { object: boolean }, seen: Set<Node>): boolean {
  const param = fn.params[index] ?? fn.params.find((p) => p.type === 'RestElement');
  if (!param || seen.has(fn)) return false;
  seen.add(fn);
  const names = new Set<string>();
  collectNames(param, names);
  const writes = context.writesOf(fn.body);
  const own = context.scopeOf(fn, scope);
  for (const name of names) {
    for (const write of writes.get(name) ?? []) {
      if (write.passedAs === undefined || writesArgument(write.node as CallExpression, write.passedAs, own, context, seen)) return true;
    }
  }
  return false;
}

function collectNames(pattern: Node, names: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      names.add(pattern.name);
      return;
    case 'AssignmentPattern':
      collectNames(pattern.left, names);
      return;
    case 'RestElement':
      collectNames(pattern.argument, names);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) collectNames(property.type === 'RestElement' ? property : property.value, names);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) collectNames(element, names);
      return;
  }
}

/**
 * The refusal's words for a write through a call (`note`, inside the parentheses of "mutated"), and for a
 * package's function, which may only read, the way out that keeps the local unchanged (`hint`).
 */
export function throughCall(writes: readonly Write[], scope: Scope): { note: string; hint?: string } {
  const call = writes.find((write) => write.passedAs !== undefined)?.node;
  if (!call || call.type !== 'CallExpression') return { note: '' };
  const callee = unwrap(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : 'a function';
  const where = ` by the call of \`${name}\` at line ${call.loc?.start.line ?? '?'}`;
  if (calleeBinding(call, scope) !== 'unreadable') {
    return { note: where, hint: `have \`${name}\` return the value it builds (a ternary for a choice, \`.map(...)\` or \`.filter(...)\` for a list) and bind that with const, instead of changing its argument` };
  }
  return {
    note: `${where}, a package function TypeKro cannot read, so it may change it`,
    hint: `if \`${name}\` only reads its argument, pass it a copy (\`{ ...value }\`, \`[...list]\`) so the local stays as declared; if it changes it, build the value in one expression and bind it with const`,
  };
}
