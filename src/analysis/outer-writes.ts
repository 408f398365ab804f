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
import { unwrap } from './ast.js';
import { declarationsOf, visibleDeclaration, within, type Declarations } from './declarations.js';
import { syntaxError } from './errors.js';
import { functionScope } from './local-scope.js';
import { patternBindings } from './pattern-bindings.js';
import { namedBinding, type FunctionLike, type Scope } from './scope.js';
import { locationOf, snippetOf } from './source.js';
import { rebindsName, rootName, type CallLike, type Write } from './writes.js';

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
  for (const call of declarationsOf(fn.body).calls) refuseHelperWrites(call, fn, scope, seen, call);
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
    const root = arg && rootName(arg);
    if (root && isOuterValue(fn, root, arg)) throw outerWriteError({ name: root, write: found.write }, { name: named!.name, call: from, through: found.name });
  }
  const inner = functionScope(helper.fn, helper.scope, () => false);
  for (const nested of declarationsOf(helper.fn.body).calls) refuseHelperWrites(nested, fn, inner, seen, from);
}

function contains(outer: Node, inner: Node): boolean {
  return outer.loc?.filename === inner.loc?.filename && within(outer, inner);
}

function outerWriteError(found: OuterWrite, helper: { name: string; call: CallLike; through?: string } | undefined): Error {
  const { name, write } = found;
  const how = describeWrite(write, name);
  const place = helper && locationOf(helper.call);
  const where = helper ? ` by \`${helper.name}\`${helper.through ? ` (through its parameter \`${helper.through}\`)` : ''}, which the composition function calls${place ? ` at ${place.file}:${place.line}:${place.column}` : ''}` : ' inside it';
  return syntaxError(
    write.node,
    `\`${name}\` is declared outside the composition function and ${how}${where}: the function runs once, at definition time, on placeholders, so the change JavaScript made there would be kept for every instance (and seen by the compositions defined after it)`,
    `declare the value inside the composition function and compute it with one expression (a ternary for a choice: \`const ${name} = spec.flag ? 'a' : 'b'\`; \`.map(...)\`, \`.filter(...)\` or \`.join(...)\` over a list for what a loop collects); a value shared by compositions belongs in a module const that none of them changes`,
  );
}

/** What the write does, in words: `reassigned`, `mutated (\`.push(...)\`)`, `changed (a property is set)`. */
function describeWrite(write: Write, name: string): string {
  const operator = write.node.type === 'AssignmentExpression' || write.node.type === 'UpdateExpression' ? write.node.operator : '=';
  switch (write.how) {
    case 'assign':
    case 'pattern':
      return rebindsName(write) ? `reassigned (\`${name} ${operator}\`)` : `changed (a property of it is set: \`${snippetOf(write.target)} ${operator}\`)`;
    case 'update':
      return rebindsName(write) ? `reassigned (\`${operator}\`)` : `changed (a property of it is updated: \`${operator}\`)`;
    case 'delete':
      return 'changed (a property of it is deleted)';
    case 'mutator':
      return write.method === 'assign' ? 'mutated (`Object.assign(...)`)' : `mutated (\`.${write.method}(...)\`)`;
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
function outerWritesOf(fn: FunctionLike): OuterWrite[] {
  const declarations = declarationsOf(fn.body);
  const found: OuterWrite[] = [];
  for (const [written, writes] of declarations.writes) {
    for (const write of writes) {
      if (declarations.catches.get(written)?.some((clause) => within(clause, write.node))) continue;
      // A local passed to a call is only a candidate (call-writes.ts); the helpers it reaches are followed above.
      if (write.how === 'passed') continue;
      const name = outerRoot(declarations, written, write.node, rebindsName(write));
      if (name === undefined) continue;
      const param = fn.params.findIndex((node) => patternBindings(node, undefined).some(([bound]) => bound === name));
      found.push({ name, write, ...(param >= 0 && { param }) });
    }
  }
  return found.sort((a, b) => (a.write.node.start ?? 0) - (b.write.node.start ?? 0));
}

/**
 * Whether `name`, read at `at` in `fn` (followed through `const` aliases), is a value declared outside `fn`'s
 * body. Not `fn`'s own parameters (the spec): a helper that changes the spec is a write to a reference,
 * composition/reference-writes.ts's (trial 7a H19b).
 */
function isOuterValue(fn: FunctionLike, name: string, at: Node): boolean {
  const root = outerRoot(declarationsOf(fn.body), name, at, false);
  return root !== undefined && !fn.params.some((param) => patternBindings(param, undefined).some(([bound]) => bound === root));
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
    // The name a `const` initialiser shares its value with (`registry`, `config.items`), if it is a plain read.
    const next = init && rootName(init);
    if (!init || next === undefined) return undefined;
    current = next;
    place = init;
  }
  return undefined;
}
