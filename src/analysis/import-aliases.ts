/**
 * Where a bare import specifier of a user's source file leads when it is not a package: a tsconfig
 * `paths`/`baseUrl` alias (`@lib/naming.js`) or a package.json `imports` subpath (`#lib/naming.js`). Both name
 * the user's own files, and the compiler must read the very file JavaScript ran, so each is resolved the way the
 * running program resolves it: `paths` with get-tsconfig, the library tsx (the TypeScript loader TypeKro's CLI
 * uses) honours them with, from the tsconfig that governs the importing file; `imports` with Node's rules for
 * the nearest package.json (its conditions, `*` patterns) through resolve-pkg-maps, like the package's own name
 * (`my-app/lib/x.js` inside my-app, through its `exports`). Part of modules.ts's one
 * resolution of imports; the file system is read here, like the sources modules.ts parses.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import type { PathConditions, PathConditionsMap } from 'resolve-pkg-maps';

/** What a bare specifier names: one of the user's files (a path, possibly under node_modules), or a package. */
export type AliasTarget =
  | { readonly kind: 'file'; readonly path: string }
  /** A package: `installed` is false when no package of that name is installed where the file is (nor built in). */
  | { readonly kind: 'package'; readonly source: string; readonly installed: boolean }
  /** An `imports` subpath TypeKro cannot follow to a file, and why (a sentence naming the specifier and the way out). */
  | { readonly kind: 'unreadable'; readonly why: string };

// Loaded on the first bare specifier TypeKro follows, not when the package is imported (~8 ms of a cold import
// that only renders); both ship CommonJS builds, so this stays synchronous.
const require = createRequire(import.meta.url);
const tsconfigs = (): typeof import('get-tsconfig') => require('get-tsconfig') as typeof import('get-tsconfig');
const packageMaps = (): typeof import('resolve-pkg-maps') => require('resolve-pkg-maps') as typeof import('resolve-pkg-maps');

/**
 * What the bare specifier `specifier` of `from` names, in the order the loader tries: a `paths` alias of the
 * governing tsconfig whose target exists, then (for `#...`) the package.json `imports` entry, else a package.
 * `findSource` maps a path to the source file TypeScript's NodeNext resolution finds for it (`./a.js` -> `a.ts`),
 * or undefined.
 *
 * @example
 * ```ts
 * // tsconfig.json: "paths": { "@lib/*": ["src/lib/*"] }
 * resolveAlias('/app/src/app/app.ts', '@lib/naming.js', find); // { kind: 'file', path: '/app/src/lib/naming.ts' }
 * ```
 */
export function resolveAlias(from: string, specifier: string, findSource: (path: string) => string | undefined): AliasTarget {
  if (URL_LIKE.test(specifier)) return { kind: 'package', source: specifier, installed: true };
  for (const candidate of aliasCandidates(from, specifier)) {
    const found = findSource(candidate);
    if (found) return { kind: 'file', path: found };
  }
  if (specifier.startsWith('#')) return packageImport(from, specifier, findSource);
  return selfReference(from, specifier, findSource) ?? { kind: 'package', source: specifier, installed: isInstalled(from, specifier) };
}

/** The paths the governing tsconfig's `paths` (or `baseUrl`) maps `specifier` to, in the order tsx tries them. */
function aliasCandidates(from: string, specifier: string): string[] {
  let governing;
  try {
    governing = tsconfigs().getTsconfig(dirname(from));
  } catch {
    // A tsconfig that cannot be parsed: tsx runs the program without it (no aliases), and so does this.
    return [];
  }
  return governing ? (tsconfigs().createPathsMatcher(governing)?.(specifier) ?? []) : [];
}

/** `node:fs`, `file:///...`, `data:...`, `https://...`: never an alias (tsx applies `paths` to none of them). */
const URL_LIKE = /^(?:[a-z][\d+.a-z-]*:\/\/|data:|file:|node:)/i;

/** The file Node's PACKAGE_IMPORTS_RESOLVE gives `#...` from `from`, mapped to its source like a relative import. */
function packageImport(from: string, specifier: string, findSource: (path: string) => string | undefined): AliasTarget {
  const scope = packageScope(from);
  const refuse = (what: string): AliasTarget => ({ kind: 'unreadable', why: `"${specifier}" imported by ${from} ${what}, so TypeKro cannot tell which file JavaScript ran; import the helper with a relative path instead` });
  const noAlias = 'is neither a `paths` alias of the tsconfig.json nearest to that file nor';
  if (!scope) return refuse(`${noAlias} a package.json "imports" subpath (no package.json encloses the file)`);
  const imports = scope.json.imports;
  let targets: string[] = [];
  try {
    if (imports && typeof imports === 'object') targets = packageMaps().resolveImports(imports as PathConditionsMap, specifier, conditionsFor(from, scope.json));
  } catch {
    // No entry, or only entries for conditions the program does not run with: Node refuses the import too.
  }
  const target = targets[0];
  if (target === undefined) return refuse(`${noAlias} an entry of the "imports" of ${scope.path} for the conditions Node runs it with`);
  // A bare target (`"#yaml": "yaml"`) names a package, resolved like an import of it.
  if (!target.startsWith('./')) return { kind: 'package', source: target, installed: URL_LIKE.test(target) || isInstalled(scope.path, target) };
  const found = findSource(resolve(dirname(scope.path), target));
  return found ? { kind: 'file', path: found } : refuse(`maps to "${target}" in the "imports" of ${scope.path}, and no such source file exists`);
}

/**
 * Node's PACKAGE_SELF_RESOLVE: `my-app/lib/naming.js` imported inside the package named `my-app` that has
 * `exports` is its own file, found through those `exports` (often a built file under dist/, which is then what
 * JavaScript ran). Undefined when the specifier names another package.
 */
function selfReference(from: string, specifier: string, findSource: (path: string) => string | undefined): AliasTarget | undefined {
  const scope = packageScope(from);
  const name = packageName(specifier);
  const exports = scope?.json.exports;
  if (!scope || scope.json.name !== name || exports === undefined || exports === null) return undefined;
  let targets: string[] = [];
  try {
    targets = packageMaps().resolveExports(exports as PathConditions, specifier.slice(name.length + 1), conditionsFor(from, scope.json));
  } catch {
    // Not exported for the conditions the program runs with: Node refuses the import too.
  }
  const target = targets[0];
  const found = target?.startsWith('./') ? findSource(resolve(dirname(scope.path), target)) : undefined;
  if (found) return { kind: 'file', path: found };
  const what = target === undefined ? `has no entry for it in the "exports" of ${scope.path}` : `maps to "${target}" in the "exports" of ${scope.path}, and no such source file exists`;
  return { kind: 'unreadable', why: `"${specifier}" imported by ${from} names the package the file belongs to, which ${what}, so TypeKro cannot tell which file JavaScript ran; import the helper with a relative path instead` };
}

interface PackageScope {
  readonly path: string;
  readonly json: { readonly name?: unknown; readonly type?: unknown; readonly imports?: unknown; readonly exports?: unknown };
}

/** Node's LOOKUP_PACKAGE_SCOPE: the nearest package.json at or above the file, not looking past node_modules. */
function packageScope(file: string): PackageScope | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (dir.endsWith('/node_modules') || dir.endsWith('\\node_modules')) return undefined;
    const path = join(dir, 'package.json');
    if (statSync(path, { throwIfNoEntry: false })?.isFile()) return { path, json: JSON.parse(readFileSync(path, 'utf8')) as PackageScope['json'] };
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The conditions Node resolves the import with: `import` for an ES module (`.mts`, or a `.ts`/`.js` file of a
 * `"type": "module"` package), `require` for CommonJS, `node`, `module-sync` where Node has it, and the
 * program's own `--conditions`.
 */
function conditionsFor(file: string, json: PackageScope['json']): string[] {
  const extension = extname(file);
  const esm = ['.mts', '.mjs'].includes(extension) || (!['.cts', '.cjs'].includes(extension) && json.type === 'module');
  const features = process.features as { require_module?: boolean };
  return ['node', esm ? 'import' : 'require', ...(features.require_module ? ['module-sync'] : []), ...userConditions()];
}

/** `--conditions x` / `-C x` given to Node on its command line or in NODE_OPTIONS. */
function userConditions(): string[] {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)];
  const found: string[] = [];
  args.forEach((arg, i) => {
    const inline = /^(?:--conditions|-C)=(.+)$/.exec(arg);
    if (inline?.[1]) found.push(inline[1]);
    else if ((arg === '--conditions' || arg === '-C') && args[i + 1]) found.push(args[i + 1]!);
  });
  return found;
}

/** Whether Node finds a package named by `specifier` from `from`: built in, or a node_modules folder above it. */
function isInstalled(from: string, specifier: string): boolean {
  if (isBuiltin(specifier)) return true;
  const name = packageName(specifier);
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (statSync(join(dir, 'node_modules', name), { throwIfNoEntry: false })?.isDirectory()) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** The package a bare specifier names: `@scope/name` or `name`, without the subpath. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
