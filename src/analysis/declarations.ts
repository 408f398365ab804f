/**
 * The declarations and writes of a function body or program, in one walk that does not enter nested
 * functions (their writes to outer names are folded in): what each name is declared as, in which block,
 * under which conditions, every write made to it afterwards (writes.ts says what a write is), and the calls
 * made. The scopes (local-scope.ts) and the write checks (outer-writes.ts, call-writes.ts,
 * composition/reference-writes.ts) read this one record instead of walking the function again.
 */
import type { ClassMethod, Node, ObjectMethod, VariableDeclaration } from '@babel/types';
import { eachChild, isFunctionNode, isLeaf, isLoopCallbackOf, patternNames, unwrap } from './ast.js';
import { itemPattern, patternItemName } from './loop-items.js';
import { patternBindings } from './pattern-bindings.js';
import type { FunctionLike } from './scope.js';
// Placed where the pattern is, so diagnostics point at the user's code.
import { isSynthesized, synthesize as synth } from './synthesized.js';
import { rebindsName, recordWrite, rootName, sharedRoots, writesRootObject, type CallLike, type Write, type WriteSink } from './writes.js';
import { controlGuardsOf, isLoopHead } from './control-flow-guards.js';

export interface Declarations {
  /** The function body or program walked: the block of its own (function-scoped) names. */
  readonly root: Node;
  /** name -> its declarations, each with the block it is seen in (two in one block are ambiguous). */
  readonly names: Map<string, Scoped[]>;
  /** The declarations of a name declared in several blocks, for a read whose place is not known: ambiguous. */
  readonly unplaced: ReadonlyMap<string, Scoped>;
  /** Writes to each name after its declaration (assignments, updates, member writes, mutating calls). */
  readonly writes: Map<string, Write[]>;
  /**
   * Every write in the body and in the functions nested in it, in the order met, whatever it writes: also
   * a nested function's writes to its own names (`(s) => s.zones.push(x)`), which `writes` leaves out.
   */
  readonly allWrites: readonly Write[];
  /** Every call in the body and in the functions nested in it, in the order met. */
  readonly calls: readonly CallLike[];
  /** The `catch (e)` clauses of the body and its nested functions by the names their parameter binds (not declared here). */
  readonly catches: ReadonlyMap<string, readonly Node[]>;
}

/** A declaration and the block that sees it: a `{...}`, a loop's head (`for (const t of ...)`), a switch, or the root. */
export interface Scoped {
  readonly block: Node;
  declared: Declared;
}

export type Declared =
  | {
      readonly kind: 'const' | 'let';
      readonly init: Node | undefined;
      readonly guards: readonly Node[];
      /** For the rest element of an object pattern (no CEL form): the value it takes the remaining properties of. */
      readonly restOf?: Node;
      /** A `var` under a condition seen from its own block after it (control-flow-guards.ts): its declarator. */
      readonly ownVar?: Node;
    }
  | { readonly kind: 'function'; readonly fn: FunctionLike }
  /** Declared more than once (in two blocks or loop bodies): the initialisers, `undefined` for one without. */
  | { readonly kind: 'ambiguous'; readonly inits: readonly (Node | undefined)[] };

/**
 * Declarations by function or program node: derived from the immutable AST alone, and weakly keyed by nodes
 * of the parsed-file cache (source.ts), so it holds one entry per function of the files parsed, never more
 * because more compositions are defined, and drops an entry when its file's tree is replaced.
 */
const declarationsCache = new WeakMap<Node, Declarations>();

/**
 * The declaration of `name` that the read `at` sees: the one of the innermost block around it, none (an
 * outer scope's) when no block around it declares the name. Without a place in this function (`at` absent,
 * or from elsewhere), a name declared once is that declaration, and one declared in several blocks ambiguous.
 */
export function visibleDeclaration(declarations: Declarations, name: string, at: Node | undefined): Scoped | undefined {
  const all = declarations.names.get(name);
  if (!all) return undefined;
  if (!at || !within(declarations.root, at) || at.loc?.filename !== declarations.root.loc?.filename) {
    return all.length === 1 ? all[0] : declarations.unplaced.get(name);
  }
  let seen: Scoped | undefined;
  for (const scoped of all) if (within(scoped.block, at) && !beforeOwnVar(scoped, at) && (!seen || (scoped.block.start ?? 0) >= (seen.block.start ?? 0))) seen = scoped;
  return seen;
}

export function within(outer: Node, inner: Node): boolean {
  return outer.start != null && inner.start != null && outer.start <= inner.start && (inner.end ?? 0) <= (outer.end ?? -1);
}

/** Declarations and writes of a function body or program, not entering nested functions. */
export function declarationsOf(root: Node): Declarations {
  const cached = declarationsCache.get(root);
  if (cached) return cached;
  const walk: DeclarationsWalk = { root, names: new Map(), writes: { byName: new Map(), all: [] }, calls: [], catches: new Map() };
  visitDeclarations(root, undefined, walk, { guards: [], block: root });
  const unplaced = new Map<string, Scoped>();
  for (const [name, all] of walk.names) if (all.length > 1) unplaced.set(name, { block: root, declared: ambiguous(all.map((scoped) => scoped.declared)) });
  const result = { root, names: walk.names, unplaced, writes: walk.writes.byName, allWrites: walk.writes.all, calls: walk.calls, catches: walk.catches };
  addAliasWrites(result);
  declarationsCache.set(root, result);
  return result;
}

interface DeclarationsWalk {
  readonly root: Node;
  readonly names: Map<string, Scoped[]>;
  readonly writes: WriteSink;
  readonly calls: CallLike[];
  readonly catches: Map<string, Node[]>;
}

/** Where the walk is: the conditions around a node, and the innermost block (`let`, `const`, functions in strict code). */
interface Place {
  readonly guards: readonly Node[];
  readonly block: Node;
}

const BLOCKS: ReadonlySet<string> = new Set(['BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'StaticBlock']);

// Module functions with the walk's state passed along: this visits every node of a composition (no closure per node).
function visitDeclarations(node: Node, parent: Node | undefined, walk: DeclarationsWalk, outer: Place): void {
  // A name or literal without children declares, writes and calls nothing, so the guards it runs under are
  // not needed (they are a pure function of the tree): half the nodes of a composition.
  if (isLeaf(node)) return;
  const guard = parent ? controlGuardsOf(parent, node) : [];
  // `guards` is never mutated: a guarded child gets a new array, so declarations and writes may keep it.
  const here: Place = guard.length > 0 ? { guards: [...outer.guards, ...guard], block: outer.block } : outer;
  const { guards } = here;
  if (node.type === 'FunctionDeclaration' && node !== walk.root) {
    if (node.id) declare(walk.names, node.id.name, here.block, { kind: 'function', fn: node });
    recordNestedWrites(node, parent, walk, guards);
    return;
  }
  if (isFunctionNode(node) && node !== walk.root) {
    if (isLoopCallbackOf(node, parent)) declareLoopBodyLocals(node, parent!, walk, guards);
    recordNestedWrites(node, parent, walk, guards);
    return;
  }
  // `var` belongs to the whole function; `let` and `const` to their block.
  if (node.type === 'VariableDeclaration') declareVariables(node, guards, node.kind === 'var' ? walk.root : here.block, walk.names, parent, here.block);
  recordWrite(node, guards, walk.writes);
  if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') walk.calls.push(node);
  else if (node.type === 'CatchClause' && node.param) for (const [name] of patternBindings(node.param, undefined)) addTo(walk.catches, name, [node]);
  eachChild(node, walk, node !== walk.root && BLOCKS.has(node.type) ? { guards, block: node } : here, visitDeclarations);
}

/**
 * The writes a nested function makes to names outside it: `spec.users.forEach((u) => names.push(u.name))`
 * changes `names` once per item, when the callback runs, and JavaScript ran it on placeholders. A call the
 * function is given to guards them (its list decides how often they run); a closure kept for later is
 * marked, for it may run anywhere.
 */
function recordNestedWrites(fn: FunctionLike | ClassMethod | ObjectMethod, parent: Node | undefined, walk: DeclarationsWalk, guards: readonly Node[]): void {
  const inner = declarationsOf(onlyBodyCounts(fn) ? fn.body : fn);
  walk.calls.push(...inner.calls);
  for (const [name, clauses] of inner.catches) addTo(walk.catches, name, clauses);
  if (inner.allWrites.length === 0) return;
  const own = new Set([...inner.names.keys(), ...fn.params.flatMap((param) => patternBindings(param, undefined).map(([name]) => name))]);
  // A function of its own (not an arrow) has its own `this`: its writes through it are its object's (call-writes.ts).
  if (fn.type !== 'ArrowFunctionExpression') own.add('this');
  const givenToCall = (parent?.type === 'CallExpression' || parent?.type === 'OptionalCallExpression') && parent.arguments.includes(fn as never);
  const around = givenToCall ? [...guards, parent] : [...guards, fn];
  // `objs.forEach((o) => { o.n = 1 })`, `objs.forEach(({ tags }) => tags.push(x))` change the items of `objs`
  // through the callback's parameter.
  const itemOf = givenToCall ? itemParameter(fn, parent.callee) : undefined;
  for (const write of inner.allWrites) {
    const name = rootName(write.target);
    walk.writes.all.push(write.nested || name === undefined || !own.has(name) || itemOf?.names.has(name) ? write : { ...write, nested: true });
  }
  for (const [written, writes] of inner.writes) {
    for (const name of itemOf?.names.has(written) ? itemOf.lists : [written]) {
      if (own.has(name)) continue;
      addTo(walk.writes.byName, name, writes.map((write) => ({ ...write, guards: [...around, ...write.guards], ...(givenToCall ? {} : { fromClosure: true as const }) })));
    }
  }
}

/**
 * True when the declarations of `fn` are those of its body alone: plain parameters (no defaults, patterns or
 * decorators) and no method key, so the rest of `fn` declares and writes nothing. Its body's declarations are
 * the ones `functionScope` reads, so a composition function's are walked once per definition, not twice. Not
 * for a body that is itself a function (`(a) => (b) => ...`): as the root of a walk it would be entered as the
 * function's own code, not as a nested closure.
 */
function onlyBodyCounts(fn: FunctionLike | ClassMethod | ObjectMethod): boolean {
  if (fn.type === 'ObjectMethod' || fn.type === 'ClassMethod' || isFunctionNode(fn.body)) return false;
  for (const param of fn.params) if (param.type !== 'Identifier' || (param.decorators?.length ?? 0) > 0) return false;
  return true;
}

/**
 * The locals of a loop callback (`spec.workers.forEach((w) => { const name = `${w.name}-pod`; Pod({ name }) })`)
 * are the function's, as those of a `for...of` body are: the run compiles a factory call in the callback in
 * the composition's scope, which must find `name` there. Their writes inside the callback come along, under
 * the call that loops (as a `for...of` body's are under its list). The callback's writes to names outside it
 * are {@link recordNestedWrites}'.
 */
function declareLoopBodyLocals(fn: FunctionLike | ClassMethod | ObjectMethod, owner: Node, walk: DeclarationsWalk, guards: readonly Node[]): void {
  const inner = declarationsOf(fn);
  const around = [...guards, owner];
  // `list.map(({ name }) => ...)`: the parameter's names are the body's, as `const { name } = <item>` (see loop-items.ts).
  const item = loopItem(fn);
  if (item) for (const [name, init] of patternBindings(itemPattern(fn)!, item)) declare(walk.names, name, fn, { kind: 'const', init, guards: around, ...(!init && { restOf: item }) });
  for (const [name, all] of inner.names) {
    for (const { block, declared } of all) {
      declare(walk.names, name, block, declared.kind === 'const' || declared.kind === 'let' ? { ...declared, guards: [...around, ...declared.guards] } : declared);
    }
    const writes = inner.writes.get(name);
    if (!writes) continue;
    addTo(walk.writes.byName, name, writes.map((write) => ({ ...write, guards: [...around, ...write.guards] })));
  }
}

/**
 * The names of the first parameter of a callback given to `list.method(...)`, standing for (parts of) an item
 * of `list`, and the names whose objects those items are (`list`; `meta` for `[meta.tags].forEach(...)`).
 */
function itemParameter(fn: FunctionLike | ClassMethod | ObjectMethod, callee: Node): { names: ReadonlySet<string>; lists: readonly string[] } | undefined {
  const first = fn.params[0];
  const target = unwrap(callee);
  if (!first || (target.type !== 'MemberExpression' && target.type !== 'OptionalMemberExpression')) return undefined;
  const lists = [...new Set(sharedRoots(target.object).map((root) => root.name.name))];
  return lists.length > 0 ? { names: new Set(patternBindings(first, undefined).map(([name]) => name)), lists } : undefined;
}

/**
 * Writes through an alias are writes of the object it shares (issue 10, trial 7a H20): `const flags =
 * cfg.flags; if (spec.debug) flags.push('--debug')`, `const { server } = cfg; server.port = 443`, `for (const
 * o of [meta]) o.tags.push(x)` change `cfg` and `meta`, whose later reads JavaScript answered once, on
 * placeholders. Each such write is recorded for the names the alias's value may share (writes.ts
 * `sharedRoots`, followed through aliases of aliases), so the one check of a changed local (local-scope.ts,
 * outer-writes.ts) sees it. A write to a new container alone (`const copy = [...list]; copy.push(x)`) leaves
 * the objects it holds as they were: not recorded for `list`.
 */
function addAliasWrites(declarations: Declarations): void {
  for (const [name, writes] of [...declarations.writes]) {
    for (const write of [...writes]) {
      if (write.how === 'init' || rebindsName(write)) continue;
      followAlias(declarations, name, write.node, writesRootObject(write), write, new Set([name]));
    }
  }
}

/** Records `write` (made through `name`, read at `at`) for the names `name`'s value may share. `whole`: it changes `name`'s own object. */
function followAlias(declarations: Declarations, name: string, at: Node, whole: boolean, write: Write, seen: Set<string>): void {
  const scoped = visibleDeclaration(declarations, name, at);
  if (!scoped || (scoped.declared.kind !== 'const' && scoped.declared.kind !== 'let')) return;
  for (const source of aliasSources(declarations, name, scoped)) {
    for (const root of sharedRoots(source)) {
      const next = root.name.name;
      // A copy changed at its top level; a loop item's synthesized name (its writes are the loop's, see recordNestedWrites).
      if ((root.fresh && whole) || isSynthesized(root.name) || seen.has(next)) continue;
      seen.add(next);
      addTo(declarations.writes, next, [write]);
      followAlias(declarations, next, source, whole && root.whole, write, seen);
    }
  }
}

/**
 * The values `name` may hold: its initialiser, what a `let` is reassigned, and for the item of a `for...of`
 * an item of the list (`list[0]` stands for any).
 */
function aliasSources(declarations: Declarations, name: string, scoped: Scoped): Node[] {
  const declared = scoped.declared as Extract<Declared, { kind: 'const' | 'let' }>;
  const block = scoped.block;
  if (block.type === 'ForOfStatement' && block.left.type === 'VariableDeclaration' && block.left.declarations.some((d) => patternNames(d.id).includes(name))) {
    return [synth(block.right, { type: 'MemberExpression', object: block.right, property: { type: 'NumericLiteral', value: 0 }, computed: true })];
  }
  const sources = declared.init ? [declared.init] : [];
  if (declared.kind === 'let') for (const write of declarations.writes.get(name) ?? []) if (rebindsName(write) && write.value) sources.push(write.value);
  return sources;
}

function addTo<T>(map: Map<string, T[]>, name: string, items: readonly T[]): void {
  const list = map.get(name) ?? [];
  list.push(...items);
  map.set(name, list);
}

/** Declarations in separate blocks are separate names; two in one block (`var x` twice) are ambiguous. */
function declare(names: Map<string, Scoped[]>, name: string, block: Node, declared: Declared): void {
  const all = names.get(name) ?? [];
  const same = all.find((scoped) => scoped.block === block);
  if (same) same.declared = ambiguous([same.declared, declared]);
  else all.push({ block, declared });
  names.set(name, all);
}

export function initsOf(declared: Declared): readonly (Node | undefined)[] {
  if (declared.kind === 'ambiguous') return declared.inits;
  return [declared.kind === 'function' ? declared.fn : declared.init];
}

/**
 * The writes that may change a declaration where it is read: all, except for a `var` read in its own block
 * after it, the initialisers of its other declarations outside that block (run before it, or after the read).
 */
export function ownWrites(writes: readonly Write[], scoped: Scoped): readonly Write[] {
  const own = scoped.declared.kind === 'const' || scoped.declared.kind === 'let' ? scoped.declared.ownVar : undefined;
  if (!own) return writes;
  return writes.filter((write) => write.node.type !== 'VariableDeclarator' || (write.node !== own && within(scoped.block, write.node)));
}

/** A read before a `var`'s declarator in its block sees what an earlier run or branch left: the function-wide name. */
function beforeOwnVar(scoped: Scoped, at: Node): boolean {
  const own = scoped.declared.kind === 'const' || scoped.declared.kind === 'let' ? scoped.declared.ownVar : undefined;
  return own !== undefined && (at.start ?? 0) < (own.end ?? 0);
}

function ambiguous(declared: readonly Declared[]): Declared {
  return { kind: 'ambiguous', inits: declared.flatMap(initsOf) };
}

function declareVariables(node: VariableDeclaration, guards: readonly Node[], block: Node, names: Map<string, Scoped[]>, parent: Node | undefined, own: Node): void {
  const kind = node.kind === 'const' ? 'const' : 'let';
  // `for (const { name } of list)` means `const { name } = <item>` in the body (see loop-items.ts).
  const item = parent?.type === 'ForOfStatement' && parent.left === node ? loopItem(parent) : undefined;
  for (const declarator of node.declarations) {
    const value = declarator.init ?? item;
    // A `var` under a condition belongs to the whole function, undefined until its initialiser runs (a write,
    // `recordWrite`); read in its own block after it, it is that initialiser (see `ownWrites`).
    const hoisted = node.kind === 'var' && guards.length > 0 && !isLoopHead(parent);
    for (const [name, init] of patternBindings(declarator.id, hoisted ? undefined : value)) declare(names, name, block, { kind, init, guards, ...(!init && !hoisted && value && { restOf: value }) });
    if (!hoisted || own === block || own.type === 'SwitchStatement') continue;
    for (const [name, init] of patternBindings(declarator.id, value)) declare(names, name, own, { kind, init, guards, ownVar: declarator, ...(!init && value && { restOf: value }) });
  }
}

/** The item of a loop that destructures it, as a name (the run binds it to each item): `undefined` for a plain loop variable. */
function loopItem(loop: Node): Node | undefined {
  const pattern = itemPattern(loop);
  const name = pattern && patternItemName(loop);
  return name === undefined ? undefined : synth(pattern!, { type: 'Identifier', name });
}
