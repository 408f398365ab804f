/**
 * What the local names of a function (and of its module) stand for, so that every value computed from a
 * reference is compiled from the source that computed it, wherever that source is: a `const` initialiser,
 * a destructuring pattern, a helper's parameter, a function returning one expression, a module constant.
 * Names whose value depends on statement order (reassigned `let`s, mutated objects) become `opaque`: the
 * compiler refuses them when they depend on a reference, instead of keeping what JavaScript computed on
 * placeholders.
 */
import type { CallExpression, ClassMethod, Identifier, Node, ObjectMethod, VariableDeclaration } from '@babel/types';
import { eachChild, isFunctionNode, isLoopCallbackOf, unwrap, walk } from './ast.js';
import { codeRunner } from './code-runners.js';
import { resolveExport, resolveModuleName, UnreadableFunctionError, type ModuleTarget } from './modules.js';
import { patternBindings, REST_HINT, restWhy } from './pattern-bindings.js';
import type { Binding, FunctionLike, Scope, Write } from './scope.js';
import { parseSourceFile } from './source.js';
import { itemPattern, patternItemName } from './loop-items.js';
import { callArgumentWrites, callWrites, throughCall, type CallWritesContext } from './call-writes.js';
import { controlGuardsOf, isLoopHead } from './control-flow-guards.js';
// Placed where the pattern is, so diagnostics point at the user's code.
import { synthesize as synth } from './synthesized.js';

/** Calls that create resources: such initialisers are handles, bound by the composition run, not aliases. */
export type IsFactoryCall = (call: Node) => boolean;

interface Declarations {
  /** The function body or program walked: the block of its own (function-scoped) names. */
  readonly root: Node;
  /** name -> its declarations, each with the block it is seen in (two in one block are ambiguous). */
  readonly names: Map<string, Scoped[]>;
  /** The declarations of a name declared in several blocks, for a read whose place is not known: ambiguous. */
  readonly unplaced: ReadonlyMap<string, Scoped>;
  /** Writes to each name after its declaration (assignments, updates, member writes, mutating calls). */
  readonly writes: Map<string, Write[]>;
}

/** A declaration and the block that sees it: a `{...}`, a loop's head (`for (const t of ...)`), a switch, or the root. */
interface Scoped {
  readonly block: Node;
  declared: Declared;
}

type Declared =
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
 * The scope of a function's own locals (not of nested functions), over `parent`. `params` binds the
 * function's parameters (a helper's parameters to the arguments of the call being analysed).
 */
export function functionScope(fn: FunctionLike, parent: Scope, isFactoryCall: IsFactoryCall, params: Readonly<Record<string, Binding>> = {}): Scope {
  return lazyScope(declarationsOf(fn.body), parent, isFactoryCall, params);
}

/** The scope of a module's top level: its constants, functions and imports of local source files. */
export function moduleScope(file: string, isFactoryCall: IsFactoryCall): Scope {
  // Names the module does not declare are looked up here on every read (function scopes keep no misses): kept per name.
  const found = new Map<string, Binding | undefined>();
  const imports: Scope = {
    lookup(name) {
      if (!found.has(name)) found.set(name, importedBinding(file, name, isFactoryCall) ?? codeRunner(name));
      return found.get(name);
    },
  };
  return lazyScope(declarationsOf(parseSourceFile(file).program), imports, isFactoryCall);
}

/**
 * What an imported name of `file` stands for, followed to the file that declares it (modules.ts). Imports
 * of packages and of TypeKro itself are no binding: their functions run in JavaScript only, and compiling a
 * call of one fails where it is made. A local import that cannot be followed is `unsupported`: used in a
 * compiled value, it fails with the reason.
 */
function importedBinding(file: string, name: string, isFactoryCall: IsFactoryCall): Binding | undefined {
  try {
    const target = resolveModuleName(file, name);
    // Declared here but not a name the scope binds (a class, an enum): nothing the compiler can read.
    if (!target || (target.kind === 'declared' && target.file === file)) return undefined;
    return targetBinding(target, isFactoryCall);
  } catch (error) {
    return unreadableImport(error);
  }
}

function targetBinding(target: ModuleTarget, isFactoryCall: IsFactoryCall): Binding | undefined {
  switch (target.kind) {
    case 'package':
      return undefined;
    case 'declared':
      return moduleScope(target.file, isFactoryCall).lookup(target.name);
    case 'namespace':
      return { kind: 'module', file: target.file, exports: exportsScope(target.file, isFactoryCall) };
    case 'default': {
      const scope = moduleScope(target.file, isFactoryCall);
      const value = unwrap(target.node);
      if (value.type === 'FunctionDeclaration') return { kind: 'function', fn: value, scope };
      return bindingOf('default', { kind: 'const', init: target.node, guards: [] }, [], scope, isFactoryCall);
    }
  }
}

/** A namespace's members: what the module exports under each name. */
function exportsScope(file: string, isFactoryCall: IsFactoryCall): Scope {
  return {
    lookup(name) {
      try {
        return targetBinding(resolveExport(file, name), isFactoryCall);
      } catch (error) {
        return unreadableImport(error);
      }
    },
  };
}

function unreadableImport(error: unknown): Binding {
  const why = error instanceof UnreadableFunctionError ? error.message : `a local import cannot be read (${error instanceof Error ? error.message : String(error)})`;
  return { kind: 'unsupported', why, hint: 'import the helper from a local source file that exports it (by name, as default, through a namespace or a re-export), or compute the value in the composition' };
}

/**
 * The scope around `fn` in `file`: the module's names, then those of every function `fn` is nested in
 * (outermost first), so free names of a composition written inside another function resolve lexically.
 */
export function enclosingScope(file: string, fn: Node, isFactoryCall: IsFactoryCall): Scope {
  let scope = moduleScope(file, isFactoryCall);
  for (const outer of enclosingFunctions(parseSourceFile(file).program, fn)) scope = functionScope(outer, scope, isFactoryCall);
  return scope;
}

/** The functions of `program` that contain `node`, outermost first (`node` itself excluded). */
export function enclosingFunctions(program: Node, fn: Node): FunctionLike[] {
  const chain: FunctionLike[] = [];
  walk(program, (node) => {
    if (node === fn) return false;
    if ((node.start ?? 0) > (fn.start ?? 0) || (node.end ?? 0) < (fn.end ?? 0)) return false;
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') chain.push(node);
    return true;
  });
  return chain;
}

/** `first` (read live: the run binds resources as it goes) comes before the declarations. */
function lazyScope(declarations: Declarations, parent: Scope, isFactoryCall: IsFactoryCall, first: Readonly<Record<string, Binding>> = {}): Scope {
  const cache = new Map<Scoped, Binding | undefined>();
  const resolving = new Set<Scoped>();
  const scope: Scope = {
    lookup(name, at) {
      if (Object.hasOwn(first, name)) return first[name];
      const scoped = visibleDeclaration(declarations, name, at);
      if (!scoped) return parent.lookup(name, at);
      if (cache.has(scoped)) return cache.get(scoped);
      // Telling which calls write `name` looks up their callees (`t.endsWith(t)`, `a.has(b)` and `b.has(a)`):
      // a name met again meanwhile is a local value, whose methods call-writes.ts takes to read.
      if (resolving.has(scoped)) return undefined;
      resolving.add(scoped);
      try {
        const writes = callWrites(ownWrites(declarations.writes.get(name) ?? [], scoped), initsOf(scoped.declared), scope, callWritesContext(isFactoryCall));
        const binding = bindingOf(name, scoped.declared, writes, scope, isFactoryCall);
        cache.set(scoped, binding);
        return binding;
      } finally {
        resolving.delete(scoped);
      }
    },
  };
  return scope;
}

function callWritesContext(isFactoryCall: IsFactoryCall): CallWritesContext {
  return { writesOf: (body) => declarationsOf(body).writes, scopeOf: (fn, parent) => functionScope(fn, parent, isFactoryCall), isFactoryCall };
}

/**
 * The declaration of `name` that the read `at` sees: the one of the innermost block around it, none (an
 * outer scope's) when no block around it declares the name. Without a place in this function (`at` absent,
 * or from elsewhere), a name declared once is that declaration, and one declared in several blocks ambiguous.
 */
function visibleDeclaration(declarations: Declarations, name: string, at: Node | undefined): Scoped | undefined {
  const all = declarations.names.get(name);
  if (!all) return undefined;
  if (!at || !within(declarations.root, at) || at.loc?.filename !== declarations.root.loc?.filename) {
    return all.length === 1 ? all[0] : declarations.unplaced.get(name);
  }
  let seen: Scoped | undefined;
  for (const scoped of all) if (within(scoped.block, at) && !beforeOwnVar(scoped, at) && (!seen || (scoped.block.start ?? 0) >= (seen.block.start ?? 0))) seen = scoped;
  return seen;
}

function within(outer: Node, inner: Node): boolean {
  return outer.start != null && inner.start != null && outer.start <= inner.start && (inner.end ?? 0) <= (outer.end ?? -1);
}

function bindingOf(name: string, declared: Declared, writes: readonly Write[], scope: Scope, isFactoryCall: IsFactoryCall): Binding | undefined {
  if (declared.kind === 'function') return { kind: 'function', fn: declared.fn, scope };
  if (declared.kind === 'ambiguous') {
    // Declared twice in one scope (`var` in two loop bodies, a function declared twice), or read where its block is
    // not known: each initialiser may be the value (followed for references). Without other writes, the value
    // JavaScript computed is kept when each initialiser is an exact read (`declarations`, composition/source-values.ts).
    const inits = declared.inits.filter((init): init is Node => init !== undefined);
    const candidates: Write[] = [...inits.map((init) => ({ node: init, value: init, guards: [] })), ...writes];
    const exactCandidates = writes.length === 0 && inits.length === declared.inits.length ? { declarations: inits } : {};
    const hint = `give each declaration its own name (\`${name}\`, \`${name}2\`), or build the value where it is used`;
    return { kind: 'opaque', why: `\`${name}\` is declared more than once in this function`, writes: candidates, scope, hint, ...exactCandidates };
  }
  const init = declared.init;
  const initWrite: Write[] = init ? [{ node: init, value: init, guards: declared.guards }] : [];
  if (writes.length > 0) {
    const { note, hint: callHint } = throughCall(writes, scope);
    const why = `\`${name}\` is changed after it is declared (${declared.kind === 'let' ? 'reassigned' : 'mutated'}${note}); CEL cannot follow the order of statements`;
    const hint = callHint ?? 'build the value in one expression and bind it with const: a ternary for a choice, `.map(...)`, `.filter(...)` or `.join(...)` over the list for what a loop collects';
    return { kind: 'opaque', why, writes: [...initWrite, ...writes], scope, hint };
  }
  if (!init && declared.restOf) {
    // Its value depends on references exactly when the destructured value does: using it then is refused.
    return { kind: 'opaque', why: restWhy(name), writes: [{ node: declared.restOf, value: declared.restOf, guards: declared.guards }], scope, hint: REST_HINT };
  }
  if (!init) return { kind: 'opaque', why: `\`${name}\` has no initial value`, writes: [], scope };
  const value = unwrap(init);
  if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') return { kind: 'function', fn: value, scope };
  if (containsFactoryCall(value, isFactoryCall) && (value.type === 'ArrayExpression' || value.type === 'ObjectExpression')) {
    // `[Deployment(...), Deployment(...)].every(...)`: a JavaScript list of handles, not a collection (trial 4, F18).
    return {
      kind: 'opaque', why: `\`${name}\` is a JavaScript ${value.type === 'ArrayExpression' ? 'list' : 'object'} of resources created here, which CEL cannot hold`, writes: initWrite, scope, holdsReferences: true,
      hint: 'bind each resource to its own const and combine their fields: `api.status.readyReplicas > 0 && web.status.readyReplicas > 0`',
    };
  }
  // `const d = Deployment({...})` where the run does not bind `d` (in a loop body): `d` stands for the resource
  // its call made in this pass, as the call written inline does (`madeByCall`).
  if (isFactoryCallNode(value, isFactoryCall)) return { kind: 'alias', node: init, scope };
  if (containsFactoryCall(value, isFactoryCall) && !onlyReadsThroughCalls(value, isFactoryCall)) {
    return {
      kind: 'opaque', why: `\`${name}\` holds resources created here`, writes: initWrite, scope, holdsReferences: true,
      // The original TypeKro's `const ing = cond ? Ingress(...) : null` then `ing ? a : b`: a handle that may be null.
      hint: 'create a resource that exists only under a condition with `if (condition) { Factory(...) }` (includeWhen), and test the condition itself where the handle was tested (`condition ? a : b`)',
    };
  }
  return { kind: 'alias', node: init, scope };
}

/**
 * Whether every factory call in `node` is read through (`Deployment({...}).status.readyReplicas > 0`): the
 * value is a field of the resource the call made, not the handle, and compiles like any read of it (the
 * inline call stands for its resource, see `madeByCall`).
 */
function onlyReadsThroughCalls(node: Node, isFactoryCall: IsFactoryCall): boolean {
  let handle = false;
  walk(node, (child, parent) => {
    if (handle) return false;
    if ((child.type === 'CallExpression' || child.type === 'NewExpression') && isFactoryCall(child)) handle = !isFieldRead(child, parent);
    return !handle;
  });
  return !handle;
}

/** Whether `call` (a factory call inside `root`) is read through where it is written: see {@link onlyReadsThroughCalls}. */
export function isReadThrough(root: Node, call: Node): boolean {
  let through = false;
  walk(root, (child, parent) => {
    if (child === call) through = isFieldRead(call, parent);
    return child !== call;
  });
  return through;
}

function isFieldRead(call: Node, parent: Node | undefined): boolean {
  if (parent?.type !== 'MemberExpression' && parent?.type !== 'OptionalMemberExpression') return false;
  return parent.object === call && !parent.computed && parent.property.type === 'Identifier' && ['status', 'metadata', 'spec', 'data', 'stringData'].includes(parent.property.name);
}

function isFactoryCallNode(node: Node, isFactoryCall: IsFactoryCall): boolean {
  const value = node.type === 'AwaitExpression' ? unwrap(node.argument) : node;
  return (value.type === 'CallExpression' || value.type === 'NewExpression') && isFactoryCall(value);
}

function containsFactoryCall(node: Node, isFactoryCall: IsFactoryCall): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return false;
    if ((child.type === 'CallExpression' || child.type === 'NewExpression') && isFactoryCall(child)) found = true;
    return !found;
  });
  return found;
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

/** Declarations and writes of a function body or program, not entering nested functions. */
function declarationsOf(root: Node): Declarations {
  const cached = declarationsCache.get(root);
  if (cached) return cached;
  const walk: DeclarationsWalk = { root, names: new Map(), writes: new Map() };
  visitDeclarations(root, undefined, walk, { guards: [], block: root });
  const unplaced = new Map<string, Scoped>();
  for (const [name, all] of walk.names) if (all.length > 1) unplaced.set(name, { block: root, declared: ambiguous(all.map((scoped) => scoped.declared)) });
  const result = { root, names: walk.names, unplaced, writes: walk.writes };
  declarationsCache.set(root, result);
  return result;
}

interface DeclarationsWalk {
  readonly root: Node;
  readonly names: Map<string, Scoped[]>;
  readonly writes: Map<string, Write[]>;
}

/** Where the walk is: the conditions around a node, and the innermost block (`let`, `const`, functions in strict code). */
interface Place {
  readonly guards: readonly Node[];
  readonly block: Node;
}

const BLOCKS: ReadonlySet<string> = new Set(['BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'StaticBlock']);

// Module functions with the walk's state passed along: this visits every node of a composition (no closure per node).
function visitDeclarations(node: Node, parent: Node | undefined, walk: DeclarationsWalk, outer: Place): void {
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
  if (inner.writes.size === 0) return;
  const own = new Set([...inner.names.keys(), ...fn.params.flatMap((param) => patternBindings(param, undefined).map(([name]) => name))]);
  const givenToCall = (parent?.type === 'CallExpression' || parent?.type === 'OptionalCallExpression') && parent.arguments.includes(fn as never);
  const around = givenToCall ? [...guards, parent] : [...guards, fn];
  // `objs.forEach((o) => { o.n = 1 })` changes the items of `objs` through the callback's parameter.
  const itemOf = givenToCall ? itemParameter(fn, parent.callee) : undefined;
  for (const [written, writes] of inner.writes) {
    const name = written === itemOf?.param ? itemOf.list : written;
    if (own.has(name)) continue;
    const list = walk.writes.get(name) ?? [];
    for (const write of writes) list.push({ ...write, guards: [...around, ...write.guards], ...(givenToCall ? {} : { fromClosure: true as const }) });
    walk.writes.set(name, list);
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
    const list = walk.writes.get(name) ?? [];
    for (const write of writes) list.push({ ...write, guards: [...around, ...write.guards] });
    walk.writes.set(name, list);
  }
}

/** The first parameter of a callback given to `list.method(...)`, standing for an item of `list`. */
function itemParameter(fn: FunctionLike | ClassMethod | ObjectMethod, callee: Node): { param: string; list: string } | undefined {
  const first = fn.params[0];
  const target = unwrap(callee);
  if (first?.type !== 'Identifier' || (target.type !== 'MemberExpression' && target.type !== 'OptionalMemberExpression')) return undefined;
  const list = rootName(target.object);
  return list ? { param: first.name, list } : undefined;
}

/** Declarations in separate blocks are separate names; two in one block (`var x` twice) are ambiguous. */
function declare(names: Map<string, Scoped[]>, name: string, block: Node, declared: Declared): void {
  const all = names.get(name) ?? [];
  const same = all.find((scoped) => scoped.block === block);
  if (same) same.declared = ambiguous([same.declared, declared]);
  else all.push({ block, declared });
  names.set(name, all);
}

function initsOf(declared: Declared): readonly (Node | undefined)[] {
  if (declared.kind === 'ambiguous') return declared.inits;
  return [declared.kind === 'function' ? declared.fn : declared.init];
}

/**
 * The writes that may change a declaration where it is read: all, except for a `var` read in its own block
 * after it, the initialisers of its other declarations outside that block (run before it, or after the read).
 */
function ownWrites(writes: readonly Write[], scoped: Scoped): readonly Write[] {
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

const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add']);

/** Records `x = v`, `x++`, `x.f = v`, `delete x.f`, `x.push(v)`, `Object.assign(x, v)` against `x`. */
function recordWrite(node: Node, guards: readonly Node[], writes: Map<string, Write[]>): void {
  // Called for every node of a function: no closure per node (tsx names each one it creates).
  if (node.type === 'AssignmentExpression') addWrite(writes, node, guards, node.left, node.right);
  else if (node.type === 'VariableDeclaration' && node.kind === 'var' && guards.length > 0) node.declarations.forEach((d) => d.init && addWrite(writes, d, guards, d.id, d.init));
  // `for (x of list)` assigns the outer `x` once per item.
  else if ((node.type === 'ForOfStatement' || node.type === 'ForInStatement') && node.left.type !== 'VariableDeclaration') addWrite(writes, node, [...guards, node.right], node.left, undefined);
  else if (node.type === 'UpdateExpression') addWrite(writes, node, guards, node.argument, undefined);
  else if (node.type === 'UnaryExpression' && node.operator === 'delete') addWrite(writes, node, guards, node.argument, undefined);
  else if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return recordCallArgumentWrites(node, guards, writes);
    const method = callee.property.name;
    const object = unwrap(callee.object);
    if (object.type === 'Identifier' && object.name === 'Object' && method === 'assign' && node.arguments[0]) {
      node.arguments.slice(1).forEach((arg) => addWrite(writes, node, guards, node.arguments[0] as Node, arg as Node));
    } else if (MUTATING_METHODS.has(method) && !(object.type === 'Identifier' && object.name === 'Reflect')) {
      // (`Reflect.set(o, ...)` writes `o`, not `Reflect`: call-writes.ts.)
      if (node.arguments.length === 0) addWrite(writes, node, guards, callee.object, undefined);
      node.arguments.forEach((arg) => addWrite(writes, node, guards, callee.object, arg as Node));
    } else recordCallArgumentWrites(node, guards, writes);
  }
}

/** Writes through a call's arguments (call-writes.ts): a helper's, a built-in's (`Object.defineProperty`). */
function recordCallArgumentWrites(node: CallExpression, guards: readonly Node[], writes: Map<string, Write[]>): void {
  for (const { target, value, passedAs } of callArgumentWrites(node)) {
    const name = rootName(target);
    if (!name) continue;
    const list = writes.get(name) ?? [];
    list.push({ node, ...(value && { value }), guards, ...(passedAs !== undefined && { passedAs }) });
    writes.set(name, list);
  }
}

function addWrite(writes: Map<string, Write[]>, node: Node, guards: readonly Node[], target: Node, value: Node | undefined): void {
  if (isPattern(target)) {
    addPatternWrites(writes, node, guards, target, value);
    return;
  }
  const name = rootName(target);
  if (!name) return;
  const list = writes.get(name) ?? [];
  list.push({ node, ...(value && { value }), guards });
  writes.set(name, list);
}

function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || node.type === 'AssignmentPattern' || node.type === 'RestElement';
}

/** `[a, b = d] = value`, `({ s } = spec)`: every target of the pattern is written from `value` (or its default). */
function addPatternWrites(writes: Map<string, Write[]>, node: Node, guards: readonly Node[], pattern: Node, value: Node | undefined): void {
  switch (pattern.type) {
    case 'ObjectPattern':
      for (const property of pattern.properties) addWrite(writes, node, guards, property.type === 'RestElement' ? property : property.value as Node, value);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) addWrite(writes, node, guards, element, value);
      return;
    case 'AssignmentPattern':
      addWrite(writes, node, guards, pattern.left, value);
      addWrite(writes, node, guards, pattern.left, pattern.right);
      return;
    case 'RestElement':
      addWrite(writes, node, guards, pattern.argument, value);
      return;
  }
}

/** `x` of `x`, `x.a.b`, `x[i]`. */
function rootName(target: Node): string | undefined {
  let node = unwrap(target);
  while (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') node = unwrap(node.object);
  return node.type === 'Identifier' ? (node as Identifier).name : undefined;
}
