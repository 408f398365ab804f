/**
 * Writes from a composition function to bindings declared outside it (issue 10, trial 6 G05/G06). The
 * function runs once, at definition time, on placeholders: `if (spec.premium) tier = 'gold'` took the branch
 * JavaScript chose on a placeholder, and the changed module `let`, object or array kept that value for every
 * instance, for the concrete re-runs, and for the compositions defined after it (a reference pushed into a
 * module array leaked into another kind's graph). Such a write is refused before the function runs, wherever
 * it is: in the function, in a closure it makes, or in a local or imported helper it calls (followed as far
 * as helpers are followed when compiled: a named function the scope resolves).
 */
import type { Node } from '@babel/types';
import { unwrap, walk } from './ast.js';
import { declarationsOf, visibleDeclaration, within, type Declarations } from './declarations.js';
import { syntaxError } from './errors.js';
import { functionScope } from './local-scope.js';
import { patternBindings } from './pattern-bindings.js';
import { namedBinding, type FunctionLike, type Scope, type Write } from './scope.js';
import { locationOf, snippetOf } from './source.js';

/**
 * Refuses the first write, by `fn` or a helper it calls, to a binding declared outside `fn`. `scope` is
 * `fn`'s scope (its helpers are looked up there).
 *
 * @example
 * ```ts
 * // let tier = 'standard'; kubernetesComposition(def, (spec) => { if (spec.premium) tier = 'gold'; ... })
 * refuseOuterWrites(fn, scope); // throws: `tier` is declared outside the composition function and reassigned inside it ...
 * ```
 */
export function refuseOuterWrites(fn: FunctionLike, scope: Scope): void {
  const own = outerWritesOf(fn).find((found) => found.param === undefined);
  if (own) throw outerWriteError(own, undefined);
  const seen = new Set<Node>([fn]);
  for (const call of callsIn(fn)) refuseHelperWrites(call, fn, scope, seen, call);
}

/** The helper `call` runs (when the scope resolves it to a function outside `fn`), and the helpers it calls. */
function refuseHelperWrites(call: CallLike, fn: FunctionLike, scope: Scope, seen: Set<Node>, from: CallLike): void {
  const named = namedBinding(unwrap(call.callee), scope);
  const helper = named?.binding;
  if (helper?.kind !== 'function' || seen.has(helper.fn) || contains(fn, helper.fn)) return;
  seen.add(helper.fn);
  for (const found of outerWritesOf(helper.fn)) {
    if (found.param === undefined) throw outerWriteError(found, { name: named!.name, call: from });
    // `addTo(registry, x)` with `function addTo(list, v) { list.push(v) }`: the argument is what changes.
    const arg = call === from ? call.arguments[found.param] : undefined;
    const root = arg && rootOf(arg);
    if (root && isOuterValue(fn, root, arg)) throw outerWriteError({ name: root, write: found.write }, { name: named!.name, call: from, through: found.name });
  }
  const inner = functionScope(helper.fn, helper.scope, () => false);
  for (const nested of callsIn(helper.fn)) refuseHelperWrites(nested, fn, inner, seen, from);
}

type CallLike = Extract<Node, { type: 'CallExpression' | 'OptionalCallExpression' }>;

function callsIn(fn: FunctionLike): CallLike[] {
  const calls: CallLike[] = [];
  walk(fn.body, (node) => {
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') calls.push(node);
    return true;
  });
  return calls;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.loc?.filename === inner.loc?.filename && (outer.start ?? 0) <= (inner.start ?? 0) && (inner.end ?? 0) <= (outer.end ?? 0);
}

/** `x` of `x`, `x.a`, `x[0]`: the binding an argument passes (its value, shared with the callee). */
function rootOf(node: Node): string | undefined {
  let current = unwrap(node);
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = unwrap(current.object);
  return current.type === 'Identifier' ? current.name : undefined;
}

function outerWriteError(found: OuterWrite, helper: { name: string; call: CallLike; through?: string } | undefined): Error {
  const { name, write } = found;
  const how = describeWrite(write.node, name);
  const place = helper && locationOf(helper.call);
  const where = helper ? ` by \`${helper.name}\`${helper.through ? ` (through its parameter \`${helper.through}\`)` : ''}, which the composition function calls${place ? ` at ${place.file}:${place.line}:${place.column}` : ''}` : ' inside it';
  return syntaxError(
    write.node,
    `\`${name}\` is declared outside the composition function and ${how}${where}: the function runs once, at definition time, on placeholders, so the change JavaScript made there would be kept for every instance (and seen by the compositions defined after it)`,
    `declare the value inside the composition function and compute it with one expression (a ternary for a choice: \`const ${name} = spec.flag ? 'a' : 'b'\`; \`.map(...)\`, \`.filter(...)\` or \`.join(...)\` over a list for what a loop collects); a value shared by compositions belongs in a module const that none of them changes`,
  );
}

/** What the write does, in words: `reassigned`, `mutated (\`.push(...)\`)`, `changed (a property is set)`. */
function describeWrite(node: Node, name: string): string {
  switch (node.type) {
    case 'AssignmentExpression':
      return unwrap(node.left).type === 'MemberExpression' ? `changed (a property of it is set: \`${snippetOf(node.left)} ${node.operator}\`)` : `reassigned (\`${name} ${node.operator}\`)`;
    case 'UpdateExpression':
      return unwrap(node.argument).type === 'Identifier' ? `reassigned (\`${node.operator}\`)` : `changed (a property of it is updated: \`${node.operator}\`)`;
    case 'UnaryExpression':
      return 'changed (a property of it is deleted)';
    case 'CallExpression': {
      const callee = unwrap(node.callee);
      const method = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : 'call';
      return method === 'assign' ? 'mutated (`Object.assign(...)`)' : `mutated (\`.${method}(...)\`)`;
    }
    default:
      return 'changed';
  }
}

/**
 * A write in a function to a name it does not declare: `name` is the binding outside the function that
 * changes; `param`, the index of the function's parameter written instead (a helper's argument changes).
 */
export interface OuterWrite {
  readonly name: string;
  readonly write: Write;
  readonly param?: number;
}

/**
 * The writes `fn` makes (itself or through the functions nested in it) to names declared outside it (a
 * module's or an enclosing function's binding, an import, a global) and through its parameters. A member
 * write or mutating call through a local that aliases such a value (`const r = registry; r.push(x)`)
 * changes that value: it counts.
 */
export function outerWritesOf(fn: FunctionLike): OuterWrite[] {
  const declarations = declarationsOf(fn.body);
  const catches = declarations.writes.size === 0 ? new Map<string, Node[]>() : catchClauses(fn.body);
  const found: OuterWrite[] = [];
  for (const [written, writes] of declarations.writes) {
    for (const write of writes) {
      if (catches.get(written)?.some((clause) => within(clause, write.node))) continue;
      // A local passed to a call is only a candidate (call-writes.ts); outer-writes.ts follows helpers itself.
      if (write.passedAs !== undefined) continue;
      const name = outerRoot(declarations, written, write.node, rebindsName(write.node));
      if (name === undefined) continue;
      const param = fn.params.findIndex((node) => patternBindings(node, undefined).some(([bound]) => bound === name));
      found.push({ name, write, ...(param >= 0 && { param }) });
    }
  }
  return found.sort((a, b) => (a.write.node.start ?? 0) - (b.write.node.start ?? 0));
}

/** Whether `name`, read at `at` in `fn` (followed through `const` aliases), is a value declared outside `fn`'s body. */
export function isOuterValue(fn: FunctionLike, name: string, at: Node): boolean {
  return outerRoot(declarationsOf(fn.body), name, at, false) !== undefined;
}

/** The name outside the walked body a write to `name` at `at` changes, following `const` aliases unless it `rebinds` the name. */
function outerRoot(declarations: Declarations, name: string, at: Node, rebinds: boolean): string | undefined {
  let current = name;
  let place = at;
  // Each step follows one alias to the name its initialiser reads; the bound only guards against the unexpected.
  for (let step = 0; step < 16; step++) {
    const scoped = visibleDeclaration(declarations, current, place);
    if (!scoped) return current;
    const init = scoped.declared.kind === 'const' && !rebinds ? scoped.declared.init : undefined;
    const next = init && aliasedName(init);
    if (!init || next === undefined) return undefined;
    current = next;
    place = init;
  }
  return undefined;
}

/** `x = v`, `x++`, `[x] = v`: the write rebinds the name itself, not the value it holds. */
function rebindsName(node: Node): boolean {
  if (node.type === 'AssignmentExpression') return unwrap(node.left).type !== 'MemberExpression';
  return node.type === 'UpdateExpression' && unwrap(node.argument).type === 'Identifier';
}

/** The name a `const` initialiser shares its value with (`registry`, `config.items`), if it is a plain read. */
function aliasedName(init: Node): string | undefined {
  let node = unwrap(init);
  while (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') node = unwrap(node.object);
  return node.type === 'Identifier' ? node.name : undefined;
}

/** The `catch (e)` clauses of `root` by the names their parameter binds: the walk does not declare them. */
function catchClauses(root: Node): Map<string, Node[]> {
  const clauses = new Map<string, Node[]>();
  walk(root, (node) => {
    if (node.type === 'CatchClause' && node.param) {
      for (const [name] of patternBindings(node.param, undefined)) clauses.set(name, [...(clauses.get(name) ?? []), node]);
    }
    return true;
  });
  return clauses;
}
