/**
 * Values that differ each time JavaScript computes them: `Math.random()`, `Date.now()`, `new Date()`,
 * `crypto.randomUUID()` (trial 10 R16, N01-N03). The composition function runs once, when it is defined, so
 * such a value is frozen into the ResourceGraphDefinition (every instance gets it) and differs from one render
 * or process to the next (a golden file over it never matches); compiled, it has no CEL form either. Both
 * ways it is not what the code says, so it is refused before the function runs, wherever the function uses it:
 * written inline, in a helper of the user's own files it calls (trial 17: `token()` returning `Math.random()...`
 * was frozen into the RGD, and in kro mode every deploy rewrote every instance's object), or through a package
 * function known to be one (`import { randomUUID } from 'node:crypto'`), or in a method of an object or a class
 * (run-value-methods.ts). Not followed: a module-level constant computed from one (`const TOKEN = Math.random()`
 * at the top of a file: JavaScript too computes it once per process) and functions of other packages.
 */
import type { Node } from '@babel/types';
import { patternNames, unwrap, walk } from './ast.js';
import { syntaxError } from './errors.js';
import { resolveModuleName, type ModuleTarget } from './modules.js';
import { functionAlias, namedBinding, scopeOf, type Binding, type FunctionLike, type Scope } from './scope.js';
import { callsWithin, locationOf, parseSourceFile, snippetOf, textMayMatch } from './source.js';
import { methodsCalledAt, type CalledCode } from './run-value-methods.js';

/** The ways out (`RANDOM_HINT` also where the compiler meets `Math.random` in a helper it inlines from another file). */
export const RANDOM_HINT =
  "pass the value through the spec; for a suffix that differs per instance and stays the same on every reconcile, use KRO's seeded random: Cel.expr<string>('random.seededString(5, ', spec.name, ')')";
export const TIME_HINT = 'pass the time through the spec (`spec.deployedAt`), or leave it to the cluster: every object has `metadata.creationTimestamp`';

/** The scope a helper's body sees (its own locals over `parent`, where it is written): given by the run, which knows factory calls. */
export type HelperScope = (code: Pick<FunctionLike, 'body'>, parent: Scope) => Scope;

/**
 * Refuses the first use in `fn` of a value that changes per run, then the first call of a local helper that
 * reaches one (trial 17: `const token = () => Math.random()...` called as `token()` was frozen into the graph).
 * `scope` tells a global (`Math`) from a local of the same name.
 *
 * @example
 * ```ts
 * // kubernetesComposition(def, (spec) => { ConfigMap({ name: `x-${Math.random()}` }) })
 * refuseRunDependentValues(fn, scope); // throws: `Math.random()` gives another value each time it runs ...
 * ```
 */
export function refuseRunDependentValues(fn: FunctionLike, scope: Scope, helperScope?: HelperScope): void {
  const direct = firstRunDependent(fn.body, scope);
  if (direct) throw runDependentRefusal(direct.node, direct.hint);
  if (!helperScope) return;
  const through = throughHelpers(fn.body, scope, helperScope, new Set([fn]));
  if (through) throw helperRefusal(through);
}

/** The first use in `root` of a value that changes per run (nested functions included), with its way out. */
function firstRunDependent(root: Node, scope: Scope): { node: Node; hint: string } | undefined {
  // Most functions mention none of these names: one look at the text skips the walk (unless a file imports one
  // of the packages below, whose functions may be imported under any name).
  if (!textMayMatch(root, RUN_WORDS) && !importsRunPackage(root.loc?.filename)) return undefined;
  let found: { node: Node; hint: string } | undefined;
  walk(root, (node) => {
    if (found) return false;
    const hint = runDependent(node, scope);
    if (hint) found = { node, hint };
    return undefined;
  });
  return found;
}

const RUN_WORDS = /\b(?:random\w*|Date|now|hrtime|uptime)\b/;

/** Whether `file` imports one of the {@link PACKAGE_RUN_VALUES} modules. */
function importsRunPackage(file: string | undefined): boolean {
  if (!file) return false;
  let program: Node;
  try {
    program = parseSourceFile(file).program;
  } catch {
    return false;
  }
  return program.type === 'Program' && program.body.some((statement) => statement.type === 'ImportDeclaration' && PACKAGE_RUN_VALUES.has(statement.source.value));
}

/** The refusal of `node`, a use of a value that changes per run, with `hint` as the way out. */
export function runDependentRefusal(node: Node, hint: string): Error {
  return syntaxError(
    node,
    `\`${snippetOf(node)}\` gives another value each time it runs: TypeKro runs the composition function once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either`,
    hint,
  );
}

/** The way out when `node` computes a value that changes per run, else undefined. */
function runDependent(node: Node, scope: Scope): string | undefined {
  if (node.type === 'NewExpression') {
    // `new Date(spec.since)` is another refusal (`new` builds an object at definition time); `new Date()` is now.
    return isGlobal(node.callee, 'Date', scope) && node.arguments.length === 0 ? TIME_HINT : undefined;
  }
  // A reference is refused as a call is: `const r = Math.random; r()`, `[1].map(Math.random)` and
  // `process.hrtime.bigint()` call it where the walk cannot see (review 38).
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed && node.property.type === 'Identifier') {
    return runDependentMember(unwrap(node.object), node.property.name, scope);
  }
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return undefined;
  const callee = unwrap(node.callee);
  if (isGlobal(callee, 'Date', scope)) return TIME_HINT; // `Date()` is the time as text
  if (callee.type === 'Identifier') return packageRunDependent(callee, undefined, scope);
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return runDependentMember(unwrap(callee.object), callee.property.name, scope);
}

/** The way out when `object.method` is a function that gives another value per call (a global's or a package's). */
function runDependentMember(object: Node, method: string, scope: Scope): string | undefined {
  if (method === 'random' && isGlobal(object, 'Math', scope)) return RANDOM_HINT;
  if (method === 'now' && (isGlobal(object, 'Date', scope) || isGlobal(object, 'performance', scope))) return TIME_HINT;
  if ((method === 'randomUUID' || method === 'getRandomValues') && isGlobal(object, 'crypto', scope)) return RANDOM_HINT;
  if (method === 'hrtime' || method === 'uptime') return isProcess(object, scope) ? TIME_HINT : packageRunDependent(object, method, scope);
  if (object.type === 'Identifier') return packageRunDependent(object, method, scope);
  // A method of one (`process.hrtime.bigint()`): the walk does not look into a callee.
  const inner = object.type === 'MemberExpression' || object.type === 'OptionalMemberExpression' ? object : undefined;
  return inner && !inner.computed && inner.property.type === 'Identifier' ? runDependentMember(unwrap(inner.object), inner.property.name, scope) : undefined;
}

/**
 * The functions of packages (Node's own among them) that give another value on each call, by the module and
 * the export. A package's other functions run in JavaScript only, and TypeKro cannot
 * tell what they compute: these are the well-known sources of random ids and of the time.
 */
const PACKAGE_RUN_VALUES: ReadonlyMap<string, { readonly names: ReadonlySet<string>; readonly hint: string }> = new Map([
  ...['crypto', 'node:crypto'].map((m) => [m, { names: new Set(['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'randomFillSync', 'pseudoRandomBytes']), hint: RANDOM_HINT }] as const),
  ...['perf_hooks', 'node:perf_hooks'].map((m) => [m, { names: new Set(['now']), hint: TIME_HINT }] as const),
  ...['process', 'node:process'].map((m) => [m, { names: new Set(['hrtime', 'uptime']), hint: TIME_HINT }] as const),
  ...['os', 'node:os'].map((m) => [m, { names: new Set(['uptime']), hint: TIME_HINT }] as const),
  ['uuid', { names: new Set(['v1', 'v4', 'v6', 'v7']), hint: RANDOM_HINT }],
  ['nanoid', { names: new Set(['nanoid']), hint: RANDOM_HINT }],
  ['ulid', { names: new Set(['ulid']), hint: RANDOM_HINT }],
]);

/**
 * The way out when `name` (a callee, or with `method` the object of a method call: `c.randomUUID()`,
 * `performance.now()`) is imported from a package and calls one of its {@link PACKAGE_RUN_VALUES}: `import {
 * randomUUID } from 'node:crypto'` is the global `crypto.randomUUID` under another name.
 */
function packageRunDependent(name: Node, method: string | undefined, scope: Scope): string | undefined {
  const file = name.loc?.filename;
  if (name.type !== 'Identifier' || !file || scope.lookup(name.name, name)) return undefined;
  let target: ModuleTarget | undefined;
  try {
    target = resolveModuleName(file, name.name);
  } catch {
    return undefined; // an import TypeKro cannot follow is refused where it is used
  }
  if (target?.kind !== 'package') return undefined;
  const known = PACKAGE_RUN_VALUES.get(target.source);
  if (!known) return undefined;
  // `import { randomUUID } from ...; randomUUID()`, `import * as c from ...; c.randomUUID()`, `import { performance } ...; performance.now()`.
  const called = method === undefined ? target.imported : target.imported === undefined || target.imported === 'default' ? method : `${target.imported}.${method}`;
  if (called === 'performance.now') return TIME_HINT;
  return called !== undefined && known.names.has(called) ? known.hint : undefined;
}

/** A call of a helper that reaches a value changing per run: the call, the helpers it goes through, and the use. */
interface ThroughHelper {
  readonly call: Node;
  readonly helpers: readonly string[];
  readonly use: Node;
  readonly hint: string;
}

/**
 * The first call in `root` of a local helper (same file or another of the user's files; a function, an arrow,
 * a method of a local object or a class; followed through the helpers it calls, the defaults of their
 * parameters and the helpers they pass on) that reaches a value changing per run. JavaScript computes such a
 * helper's result when the composition runs, once, so it would be frozen exactly as the value written inline.
 */
function throughHelpers(root: Node, scope: Scope, helperScope: HelperScope, seen: Set<Node>): ThroughHelper | undefined {
  // Only calls and `new`s reach a helper: the file's call index lists those of `root` without a walk of every node.
  const calls = callsWithin(root);
  if (calls) {
    for (const call of calls) {
      const found = throughHelperAt(call, scope, helperScope, seen);
      if (found) return found;
    }
    return undefined;
  }
  let found: ThroughHelper | undefined;
  walk(root, (node) => {
    if (found) return false;
    found = throughHelperAt(node, scope, helperScope, seen);
    return found ? false : undefined;
  });
  return found;
}

/** The helper `node` calls (or passes on, or constructs) that reaches a value changing per run, if any (see {@link throughHelpers}). */
function throughHelperAt(node: Node, scope: Scope, helperScope: HelperScope, seen: Set<Node>): ThroughHelper | undefined {
  for (const code of [...helpersAt(node, scope), ...methodsCalledAt(node, scope)]) {
    if (seen.has(code.key)) continue;
    seen.add(code.key);
    const inner = helperScope(code, shadowParams(code.params, code.scope));
    const use = code.params.map((param) => firstRunDependent(param, inner)).find(Boolean) ?? firstRunDependent(code.body, inner);
    if (use) return { call: node, helpers: [code.name], use: use.node, hint: use.hint };
    const deeper = [...code.params, code.body].map((part) => throughHelpers(part, inner, helperScope, seen)).find(Boolean);
    if (deeper) return { ...deeper, call: node, helpers: [code.name, ...deeper.helpers] };
  }
  return undefined;
}

/** The local functions a node calls or passes on (`token()`, `ids.next()`, `items.map(token)`). */
function helpersAt(node: Node, scope: Scope): CalledCode[] {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return [];
  const named = [node.callee, ...node.arguments].map((part) => (part.type === 'SpreadElement' || part.type === 'ArgumentPlaceholder' ? undefined : namedBinding(unwrap(part as Node), scope)));
  return named.flatMap((entry) => {
    const helper = entry && functionAlias(entry.binding);
    return helper && entry ? [{ name: entry.name, key: helper.fn, params: helper.fn.params, body: helper.fn.body, scope: helper.scope }] : [];
  });
}

/** `parent` with the function's parameters hiding outer names, as JavaScript's do (`function f(token) { token() }`). */
function shadowParams(params: readonly Node[], parent: Scope): Scope {
  const hidden: Record<string, Binding> = {};
  for (const name of params.flatMap((param) => patternNames(param))) hidden[name] = { kind: 'opaque', why: 'a parameter', writes: [], scope: parent };
  return scopeOf(hidden, parent);
}

/** The refusal of a helper call that reaches a value changing per run: the call's place and the use's. */
function helperRefusal(found: ThroughHelper): Error {
  const place = locationOf(found.use);
  const via = found.helpers.length > 1 ? ` through ${found.helpers.slice(1).map((name) => `\`${name}\``).join(', ')}` : '';
  return syntaxError(
    found.call,
    `\`${found.helpers[0]}\` uses \`${snippetOf(found.use)}\`${via} (${place ? `${place.file}:${place.line}:${place.column}` : 'in its source'}), which gives another value each time it runs: TypeKro runs the composition function, and the helpers it calls, once, when it is defined, so this value would be frozen into every instance's resources and change from one render (or process) to the next; CEL has no such value either`,
    found.hint,
  );
}

/** `node` names the global `name`, not a local or an import of the same name. */
/** `process`, global or imported: the scope binds it (process-env.ts, for `process.env` reads) as the module `process`. */
function isProcess(node: Node, scope: Scope): boolean {
  if (node.type !== 'Identifier') return false;
  const binding = scope.lookup(node.name, node);
  return binding === undefined ? node.name === 'process' : binding.kind === 'module' && binding.file === 'process';
}

function isGlobal(node: Node, name: string, scope: Scope): boolean {
  return node.type === 'Identifier' && node.name === name && !scope.lookup(name, node);
}
