/**
 * Writes made to a local THROUGH a call: `configure(cfg, spec)` where `configure` sets `cfg.image`,
 * `Object.defineProperty(o, 'v', {...})`, `Array.prototype.push.call(l, v)`. JavaScript ran the call once,
 * on placeholders, so a value read from the local afterwards is what the placeholder run left there: such a
 * call is a write of the local, refused by the same rule as `o.v = ...` (local-scope.ts `bindingOf`) when the
 * value depends on a reference. The declarations walk is syntactic: it records the built-ins' writes as
 * mutators, every local passed to any other call as a candidate (`how: 'passed'`, writes.ts), and
 * {@link callWrites} keeps the candidates whose callee, resolved where it is called, writes that parameter,
 * or cannot be read (a package's function: it may, so fail closed).
 */
import type { ArrayExpression, ForOfStatement, Node } from '@babel/types';
import { patternNames, unwrap } from './ast.js';
import { resolveModuleName } from './modules.js';
import { nodesAt } from './source.js';
import { functionAlias, type Binding, type FunctionLike, type Scope } from './scope.js';
import { RECEIVER, type CallLike, type Write } from './writes.js';

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
  if (!writes.some((write) => write.how === 'passed')) return writes;
  const object = inits.some((init) => init !== undefined && OBJECT_INITS.has(unwrap(init).type));
  return writes.filter((write) => {
    if (write.how !== 'passed') return true;
    if (write.passedAs === RECEIVER) return receiverWrites(write.node as CallLike, inits, context);
    return writesArgument(write.node as CallLike, write.passedAs, scope, { ...context, object }, new Set());
  });
}

/**
 * Whether `o.method()` may change `o` through `this`: `o` is built as an object literal (`inits`) whose
 * `method` writes `this` (`{ a: 1, update() { this.a = 2 } }`). A method of any other value (a string's, a
 * list's: those that change it are mutators, writes.ts) is taken to read.
 */
function receiverWrites(call: CallLike, inits: readonly (Node | undefined)[], context: CallWritesContext): boolean {
  const callee = unwrap(call.callee);
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return false;
  const name = callee.property.name;
  return inits.some((init) => {
    const value = init && unwrap(init);
    if (value?.type !== 'ObjectExpression') return false;
    return value.properties.some((property) => {
      if (property.type === 'SpreadElement' || property.computed || property.key.type !== 'Identifier' || property.key.name !== name) return false;
      const fn = property.type === 'ObjectMethod' ? property : unwrap(property.value as Node);
      if (fn.type !== 'ObjectMethod' && fn.type !== 'FunctionExpression') return false;
      return (context.writesOf(fn.body).get('this')?.length ?? 0) > 0;
    });
  });
}

const OBJECT_INITS: ReadonlySet<string> = new Set(['ObjectExpression', 'ArrayExpression', 'NewExpression']);

/** Whether calling `call` may change its argument `index`: its callee writes that parameter or cannot be read. */
function writesArgument(call: CallLike, index: number, scope: Scope, context: CallWritesContext & { object: boolean }, seen: Set<Node>): boolean {
  // A helper's `p.method()` on its parameter: a method of a value, taken to read (see receiverWrites).
  if (index === RECEIVER || context.isFactoryCall(call)) return false;
  const callee = calleeBinding(call, scope);
  if (callee === 'reads') return false;
  if (callee === 'unreadable') return context.object;
  if (callee.kind !== 'function') {
    // `for (const f of [trim, lower]) f(spec.x)`: each function the loop gives `f`, as JavaScript calls each.
    const candidates = loopFunctions(call, scope);
    if (candidates) return candidates.some((fn) => writesParameter(fn.fn, index, fn.scope, context, seen));
    // A name the compiler cannot follow to one function (`const f = c ? g : h`, an unreadable import): it may.
    return true;
  }
  return writesParameter(callee.fn, index, callee.scope, context, seen);
}

/**
 * Whether the callee of `call` is a name TypeKro can follow to the functions it may be: a function, or a
 * loop variable over a literal list of functions. False for any other name (`const f = c ? g : h`, a
 * parameter), whose call may change what it is given.
 *
 * @example calleeFollowed(call, scope) // false for `pick(spec.zones)` where `const pick = c ? g : h`
 */
export function calleeFollowed(call: CallLike, scope: Scope): boolean {
  const callee = calleeBinding(call, scope);
  return typeof callee === 'string' || callee.kind === 'function' || loopFunctions(call, scope) !== undefined;
}

/**
 * The functions a loop variable called here takes: `f` of `for (const f of [trim, lower])` around `call`,
 * each item a function written there or a name of one. Undefined when the callee is no such variable.
 */
function loopFunctions(call: CallLike, scope: Scope): { fn: FunctionLike; scope: Scope }[] | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'Identifier' || !call.loc) return undefined;
  const around = nodesAt({ file: call.loc.filename, line: call.loc.start.line, column: call.loc.start.column + 1 }) ?? [];
  const loop = around.findLast((node): node is ForOfStatement => node.type === 'ForOfStatement' && declares(node, callee.name));
  // A closer declaration of the name (a parameter, a block's const) would be the one called.
  if (!loop || around.slice(around.indexOf(loop) + 1).some((node) => redeclares(node, callee.name))) return undefined;
  const literal = literalList(loop.right, scope);
  if (!literal) return undefined;
  const { list, scope: listScope } = literal;
  const functions: { fn: FunctionLike; scope: Scope }[] = [];
  for (const item of list.elements) {
    const value = item && item.type !== 'SpreadElement' ? unwrap(item) : undefined;
    if (value?.type === 'ArrowFunctionExpression' || value?.type === 'FunctionExpression') functions.push({ fn: value, scope: listScope });
    else if (value?.type === 'Identifier') {
      const binding = listScope.lookup(value.name, value);
      if (binding?.kind !== 'function') return undefined;
      functions.push({ fn: binding.fn, scope: binding.scope });
    } else return undefined;
  }
  return functions;
}

/** The list literal `node` is, or names (`const fns = [trim, lower]`, unchanged after it is declared). */
function literalList(node: Node, scope: Scope): { list: ArrayExpression; scope: Scope } | undefined {
  const value = unwrap(node);
  if (value.type === 'ArrayExpression') return { list: value, scope };
  if (value.type !== 'Identifier') return undefined;
  const binding = scope.lookup(value.name, value);
  const init = binding?.kind === 'alias' ? unwrap(binding.node) : undefined;
  return init?.type === 'ArrayExpression' && binding?.kind === 'alias' ? { list: init, scope: binding.scope } : undefined;
}

/** `for (const name of ...)` (or `let`). */
function declares(loop: ForOfStatement, name: string): boolean {
  return loop.left.type === 'VariableDeclaration' && loop.left.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name);
}

/** A function whose parameters, or a block whose declarations, name `name` again. */
function redeclares(node: Node, name: string): boolean {
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') {
    return node.params.some((param) => patternNames(param).includes(name));
  }
  if (node.type !== 'BlockStatement') return false;
  return node.body.some((statement) => statement.type === 'VariableDeclaration' && statement.declarations.some((d) => patternNames(d.id).includes(name)));
}

/**
 * What the callee of `call` is: a binding, `'unreadable'` for a package's function (not TypeKro's), or
 * `'reads'` for what is taken not to change its arguments: a built-in (`JSON.stringify`, `String`; those
 * that do are recorded by {@link callArgumentWrites}), TypeKro's own functions, a method of a local value.
 */
function calleeBinding(call: CallLike, scope: Scope): Binding | 'unreadable' | 'reads' {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    const binding = scope.lookup(callee.name, callee);
    if (binding?.kind === 'opaque' && binding.unreadableFunction) return 'unreadable';
    // `f(v)` in a helper given `(x) => ...` as `f`: that function.
    if (binding?.kind === 'alias') return functionAlias(binding) ?? binding;
    return binding ?? (isPackageFunction(call, callee.name) ? 'unreadable' : 'reads');
  }
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
  const names = patternNames(param);
  const writes = context.writesOf(fn.body);
  const own = context.scopeOf(fn, scope);
  for (const name of names) {
    for (const write of writes.get(name) ?? []) {
      if (write.how !== 'passed' || writesArgument(write.node as CallLike, write.passedAs, own, context, seen)) return true;
    }
  }
  return false;
}

/**
 * The refusal's words for a write through a call (`note`, inside the parentheses of "mutated"), and for a
 * package's function, which may only read, the way out that keeps the local unchanged (`hint`).
 */
export function throughCall(writes: readonly Write[], scope: Scope): { note: string; hint?: string } {
  const call = writes.find((write) => write.how === 'passed')?.node as CallLike | undefined;
  if (!call) return { note: '' };
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
