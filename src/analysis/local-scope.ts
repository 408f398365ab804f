/**
 * What the local names of a function (and of its module) stand for, so that every value computed from a
 * reference is compiled from the source that computed it, wherever that source is: a `const` initialiser,
 * a destructuring pattern, a helper's parameter, a function returning one expression, a module constant.
 * Names whose value depends on statement order (reassigned `let`s, mutated objects) become `opaque`: the
 * compiler refuses them when they depend on a reference, instead of keeping what JavaScript computed on
 * placeholders.
 */
import type { Node } from '@babel/types';
import { patternNames, soleBranch, unwrap } from './ast.js';
import { codeRunner } from './code-runners.js';
import { processBinding, processImport, type Once } from './process-env.js';
import { declarationsOf, initsOf, ownWrites, visibleDeclaration, within, type Declarations, type Declared, type Scoped } from './declarations.js';
import { resolveExport, resolveModuleName, type ModuleTarget } from './modules.js';
import { imported, importsJson, unreadableImport } from './import-facts.js';
import { REST_HINT, restWhy } from './pattern-bindings.js';
import type { Binding, FunctionLike, Scope } from './scope.js';
import { initialWrite, rebindsName, rootName, writtenObject, type Write } from './writes.js';
import { parseSourceFile, snippetOf } from './source.js';
import { callWrites, throughCall, type CallWritesContext } from './call-writes.js';
import { observedDeclaration, observedJsonModule, observedParameter, type ObservedLevel, type ObservedValues } from './observed-scope.js';
import { typescriptObject } from './ts-namespaces.js';
import { FOLD_HINT, foldedObject } from './folded-object.js';
import { branchAssigned } from './branch-assigned.js';
import { literalReaders } from './literal-core.js';
import { containsFactoryCall, isFactoryCallNode, onlyReadsThroughCalls, type IsFactoryCall } from './factory-call-reads.js';
import { enclosingBodies, repeatedNames, type Enclosing } from './enclosing-functions.js';

export { isReadThrough, type IsFactoryCall } from './factory-call-reads.js';
export { enclosingFunctions } from './enclosing-functions.js';

/** The literal reads the folding of a local object's writes makes, following calls through this module's scopes. */
const LITERAL_READS = literalReaders(functionScope);

/**
 * The scope of a function's own locals (not of nested functions), over `parent`. `params` binds the
 * function's parameters (a helper's parameters to the arguments of the call being analysed).
 */
export function functionScope(fn: Pick<FunctionLike, 'body'>, parent: Scope, isFactoryCall: IsFactoryCall, params: Readonly<Record<string, Binding>> = {}): Scope {
  return lazyScope(declarationsOf(fn.body), parent, isFactoryCall, params);
}

/**
 * The scope of a function the composition is written in (a "composition generator"): its parameters and
 * locals hold what they held when the composition was defined (observed-scope.ts). A parameter is always
 * bound, so that its name never reaches a module-level name it hides.
 */
function enclosingFunctionScope(fn: Enclosing, parent: Scope, isFactoryCall: IsFactoryCall, level: ObservedLevel | undefined): Scope {
  const owner = fn.type === 'FunctionDeclaration' && fn.id ? `\`${fn.id.name}\`` : fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && 'key' in fn && fn.key.type === 'Identifier' ? `\`${fn.key.name}\`` : 'the function the composition is written in';
  const params: Record<string, Binding> = {};
  // Read when used: a composition that uses none of them opens no inspector session.
  for (const name of fn.params.flatMap((param) => patternNames(param))) {
    Object.defineProperty(params, name, { enumerable: true, get: () => observedParameter(name, owner, level) });
  }
  return lazyScope(declarationsOf(fn.body), parent, isFactoryCall, params, level);
}

/** The scope of a module's top level: its constants, functions and imports of local source files. */
export function moduleScope(file: string, isFactoryCall: IsFactoryCall, level?: ObservedLevel): Scope {
  // Names the module does not declare are looked up here on every read (function scopes keep no misses): kept per name.
  const found = new Map<string, Binding | undefined>();
  const program = parseSourceFile(file).program;
  const imports: Scope = {
    lookup(name) {
      if (!found.has(name)) {
        const declared = typescriptObject(program, file, name, scope, (block) => lazyScope(declarationsOf(block), scope, isFactoryCall));
        const json = !declared && importsJson(program, name);
        // `process.env.NAME`, read when the composition is defined (process-env.ts).
        const fromProcess = !declared && !json ? (processImport(program, name) ?? (name === 'process' && !imported(program, name) ? 'process' : undefined)) : undefined;
        // An import is a module-level name of this file too: what it held when the composition ran (observed-scope.ts).
        const importedHere = !declared && !json && !fromProcess ? importedBinding(file, name, isFactoryCall) : undefined;
        const observed = importedHere && level ? observedDeclaration(name, importedHere, level) : importedHere;
        const special = fromProcess ? processBinding(fromProcess, level ? <T>(key: string, decide: () => T): T => level.observed.once(key, decide) : onceHere()) : codeRunner(name);
        found.set(name, declared ?? (json ? observedJsonModule(name, level) : observed ?? special));
      }
      return found.get(name);
    },
  };
  const scope = lazyScope(declarationsOf(program), imports, isFactoryCall, {}, level);
  return scope;
}

/** A memo for one module scope, where no definition's is at hand (a helper module's names). */
function onceHere(): Once {
  const memo = new Map<string, unknown>();
  return <T>(key: string, decide: () => T): T => {
    if (!memo.has(key)) memo.set(key, decide());
    return memo.get(key) as T;
  };
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

/**
 * The scope around `fn` in `file`: the module's names, then those of every function `fn` is nested in
 * (outermost first), so free names of a composition written inside another function resolve lexically.
 */
export function enclosingScope(file: string, fn: Node, isFactoryCall: IsFactoryCall, observed?: ObservedValues): Scope {
  const program = parseSourceFile(file).program;
  const outers = enclosingBodies(program, fn);
  const level = (where: 'module' | 'closure', root: Node, shadowed: ReadonlySet<string>): ObservedLevel | undefined => observed && { observed, where, root, fn, shadowed };
  let scope = moduleScope(file, isFactoryCall, level('module', program, repeatedNames([program])));
  const shadowed = repeatedNames(outers);
  for (const outer of outers) scope = enclosingFunctionScope(outer, scope, isFactoryCall, level('closure', outer, shadowed));
  return scope;
}

/** `first` (read live: the run binds resources as it goes) comes before the declarations. */
function lazyScope(declarations: Declarations, parent: Scope, isFactoryCall: IsFactoryCall, first: Readonly<Record<string, Binding>> = {}, level?: ObservedLevel): Scope {
  const cache = new Map<Scoped, Binding | undefined>();
  const resolving = new Set<Scoped>();
  const changedParams = new Map<Binding, Binding | undefined>();
  const scope: Scope = {
    lookup(name, at) {
      if (Object.hasOwn(first, name)) {
        const given = first[name];
        if (given?.kind !== 'alias') return given;
        if (!changedParams.has(given)) {
          changedParams.set(given, undefined);
          changedParams.set(given, changedParameter(name, given, declarations, scope, isFactoryCall) ?? given);
        }
        return changedParams.get(given);
      }
      const scoped = visibleDeclaration(declarations, name, at);
      if (!scoped) return parent.lookup(name, at);
      if (cache.has(scoped)) return cache.get(scoped);
      // Telling which calls write `name` looks up their callees (`t.endsWith(t)`, `a.has(b)` and `b.has(a)`):
      // a name met again meanwhile is a local value, whose methods call-writes.ts takes to read.
      if (resolving.has(scoped)) return undefined;
      resolving.add(scoped);
      try {
        const writes = callWrites(ownWrites(declarations.writes.get(name) ?? [], scoped), initsOf(scoped.declared), scope, callWritesContext(isFactoryCall));
        const declared = bindingOf(name, scoped.declared, writes, scope, isFactoryCall, { scoped, declarations });
        // Around the composition (its module, a generator function): the value the name held when it was defined.
        const binding = level ? observedDeclaration(name, declared, level) : declared;
        cache.set(scoped, binding);
        return binding;
      } finally {
        resolving.delete(scoped);
      }
    },
  };
  return scope;
}

/**
 * A helper's parameter the helper changes (`o.flag = 'x'`, `o = {...}`, `set(o)`): like a local changed after
 * its declaration, its value depends on statement order, so it is opaque (refused where it depends on a
 * reference) rather than an alias of the argument, which would read the argument as it was given.
 * The argument is read in the parameter's scope, the changes in the body's: the binding's scope resolves a
 * name by where it is read.
 */
function changedParameter(name: string, given: Extract<Binding, { kind: 'alias' }>, declarations: Declarations, body: Scope, isFactoryCall: IsFactoryCall): Binding | undefined {
  const own = (declarations.writes.get(name) ?? []).filter((write) => !visibleDeclaration(declarations, name, write.node));
  if (own.length === 0) return undefined;
  const writes = callWrites(own, [], body, callWritesContext(isFactoryCall));
  if (writes.length === 0) return undefined;
  const root = declarations.root;
  const byPlace: Scope = {
    lookup: (read, at) => (at ? within(root, at) && at.loc?.filename === root.loc?.filename : !read.startsWith('#')) ? body.lookup(read, at) : given.scope.lookup(read, at),
  };
  const kind = writes.some(rebindsName) ? 'let' : 'const';
  return bindingOf(name, { kind, init: given.node, guards: [] }, writes, byPlace, isFactoryCall);
}

/**
 * Whether the call of a `passed` write (writes.ts) may change what it is given: its callee, resolved in
 * `scope`, writes that parameter (a package's function counts only for an object built here, as for a local).
 */
export function callChangesArgument(write: Write, scope: Scope, isFactoryCall: IsFactoryCall): boolean {
  return callWrites([write], [], scope, callWritesContext(isFactoryCall)).length > 0;
}

function callWritesContext(isFactoryCall: IsFactoryCall): CallWritesContext {
  return { writesOf: (body) => declarationsOf(body).writes, scopeOf: (fn, parent) => functionScope(fn, parent, isFactoryCall), isFactoryCall };
}

/** Where a local is declared, for folding the key writes of an object it holds (folded-object.ts). */
interface DeclaredIn {
  readonly scoped: Scoped;
  readonly declarations: Declarations;
}

function bindingOf(name: string, declared: Declared, writes: readonly Write[], scope: Scope, isFactoryCall: IsFactoryCall, where?: DeclaredIn): Binding | undefined {
  if (declared.kind === 'function') return { kind: 'function', fn: declared.fn, scope };
  if (declared.kind === 'ambiguous') {
    // Declared twice in one scope (`var` in two loop bodies, a function declared twice), or read where its block is
    // not known: each initialiser may be the value (followed for references). Without other writes, the value
    // JavaScript computed is kept when each initialiser is an exact read (`declarations`, composition/source-values.ts).
    const inits = declared.inits.filter((init): init is Node => init !== undefined);
    const candidates: Write[] = [...inits.map((init) => initialWrite(init)), ...writes];
    const exactCandidates = writes.length === 0 && inits.length === declared.inits.length ? { declarations: inits } : {};
    const hint = `give each declaration its own name (\`${name}\`, \`${name}2\`), or build the value where it is used`;
    return { kind: 'opaque', why: `\`${name}\` is declared more than once in this function`, writes: candidates, scope, hint, ...exactCandidates };
  }
  const init = declared.init;
  const initWrite: Write[] = init ? [initialWrite(init, declared.guards)] : [];
  if (writes.length > 0) {
    // `const data = { ...BASE }; data.LOG_LEVEL = x`, `for (const k of KEYS) data[k] = ...`: one object literal.
    const folded = init && where ? foldedObject(name, where.scoped, init, writes, where.declarations, scope, LITERAL_READS) : undefined;
    if (folded && 'node' in folded) return { kind: 'alias', node: folded.node, scope: folded.scope };
    if (folded) return { kind: 'opaque', why: `\`${name}\` is built by statements TypeKro cannot fold into one object literal: ${folded.why}`, writes: [...initWrite, ...writes], scope, hint: FOLD_HINT };
    // `let image; switch (spec.tier) { case 'dev': image = 'a'; break; default: image = 'b'; }`: a choice.
    const chosen = declared.kind === 'let' && where ? branchAssigned(name, init, writes, where.scoped.block, where.declarations.root) : undefined;
    if (chosen) return { kind: 'alias', node: chosen, scope };
    const { note, hint: callHint } = throughCall(writes, scope);
    const why = `\`${name}\` is changed after it is declared (${declared.kind === 'let' ? 'reassigned' : 'mutated'}${note}${throughAlias(name, writes)}); CEL cannot follow the order of statements`;
    const hint = callHint ?? 'build the value in one expression and bind it with const: a ternary for a choice, `.map(...)`, `.filter(...)` or `.join(...)` over the list for what a loop collects';
    return { kind: 'opaque', why, writes: [...initWrite, ...writes], scope, hint };
  }
  if (!init && declared.restOf) {
    // Its value depends on references exactly when the destructured value does: using it then is refused.
    return { kind: 'opaque', why: restWhy(name), writes: [initialWrite(declared.restOf, declared.guards)], scope, hint: REST_HINT };
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
  // `const cache = spec.cache ? Deployment({...}) : undefined`: the call's resource takes the test as its
  // includeWhen (guardsOf), so the name stands for that resource; excluded-reads.ts holds every read of it
  // to a guard that implies the test, where JavaScript's `cache` is the handle and not `undefined`.
  const chosen = soleBranch(value);
  if (chosen && isFactoryCallNode(unwrap(chosen), isFactoryCall)) {
    // As a condition (`svc ? svc.x : d`, call-binding.ts) the local is its test: the handle is always truthy.
    const test = value.type === 'ConditionalExpression' ? value.test : value.type === 'LogicalExpression' ? value.left : undefined;
    const negated = value.type === 'ConditionalExpression' && chosen === value.alternate;
    return { kind: 'alias', node: chosen, scope, ...(test && { truthyWhen: { test, negated, scope } }) };
  }
  if (containsFactoryCall(value, isFactoryCall) && !onlyReadsThroughCalls(value, isFactoryCall)) {
    return {
      kind: 'opaque', why: `\`${name}\` holds resources created here`, writes: initWrite, scope, holdsReferences: true,
      // The original TypeKro's `const ing = cond ? Ingress(...) : null` then `ing ? a : b`: a handle that may be null.
      hint: 'create a resource that exists only under a condition with `if (condition) { Factory(...) }` (includeWhen), and test the condition itself where the handle was tested (`condition ? a : b`)',
    };
  }
  return { kind: 'alias', node: init, scope };
}

/** ` through \`flags\` at line 9`: the first write made through another name that shares the local's object (declarations.ts). */
function throughAlias(name: string, writes: readonly Write[]): string {
  const write = writes.find((found) => found.how !== 'passed' && found.how !== 'init' && rootName(found.target) !== name);
  return write ? ` through \`${snippetOf(writtenObject(write))}\` at line ${write.node.loc?.start.line ?? '?'}` : '';
}
