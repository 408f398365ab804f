/**
 * Loading a composition from a TypeScript (or JavaScript) file: `file.ts`, `file.ts#exportName`, or
 * `file.ts` with `--export name`. Files are imported through tsx, with the tsconfig nearest to the file
 * so that the project's own path aliases work.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import type { Composition } from '../index.js';
import { codeOf, UsageError } from './errors.js';

/** A composition of unknown spec and status types: the CLI only passes data through. */
export type AnyComposition = Composition<Record<string, unknown>, unknown>;

export interface LoadedComposition {
  readonly composition: AnyComposition;
  /** The file as the user named it (for messages). */
  readonly file: string;
  readonly exportName: string;
}

export interface CompositionRef {
  readonly file: string;
  readonly exportName?: string;
}

/** Splits `file.ts#name`; `--export` wins over nothing but must not contradict the `#` form. */
export function parseReference(reference: string, exportOption?: string): CompositionRef {
  const hash = reference.lastIndexOf('#');
  const file = hash > 0 ? reference.slice(0, hash) : reference;
  const fromHash = hash > 0 ? reference.slice(hash + 1) : undefined;
  if (fromHash !== undefined && fromHash === '') throw new UsageError(`"${reference}": nothing after "#"; write file.ts#exportName`);
  if (fromHash && exportOption && fromHash !== exportOption) {
    throw new UsageError(`"${reference}" names export "${fromHash}" but --export says "${exportOption}"; use one of them`);
  }
  const exportName = fromHash ?? exportOption;
  return exportName ? { file, exportName } : { file };
}

/** A composition is recognised by shape: it may come from another copy of TypeKro than the CLI's. */
export function isComposition(value: unknown): value is AnyComposition {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const candidate = value as { graph?: unknown; toYaml?: unknown; factory?: unknown; kind?: unknown };
  return typeof candidate.graph === 'object' && candidate.graph !== null && typeof candidate.toYaml === 'function' && typeof candidate.factory === 'function';
}

/** The nearest tsconfig.json at or above the file's directory. */
export function nearestTsconfig(file: string): string | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Imports a composition file (TypeScript or JavaScript) with the given tsconfig. */
export interface ModuleLoader {
  import(path: string, tsconfig: string | undefined): Promise<Record<string, unknown>>;
}

/** A tsx loader in its own namespace (modules loaded through it are its own), removed by `unregister`. */
function namespaced(tsconfig: string | undefined) {
  return register({ namespace: randomUUID(), ...(tsconfig ? { tsconfig } : {}) });
}

/**
 * The bin's loader: every import in a new namespace, so the file and everything it imports are read anew.
 * The namespace stays registered: the composition's TypeKro loads its cluster side with `import()` later
 * (the factories' drivers), and those imports need the namespace's TypeScript loader too.
 */
export function freshLoader(): ModuleLoader {
  return {
    async import(path, tsconfig) {
      return (await namespaced(tsconfig).import(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
    },
  };
}

/**
 * A loader for many runs in one process (tests, embedding): one namespace per tsconfig for the loader's
 * life, so what compositions import (TypeKro itself, libraries, shared helpers) is evaluated once; the named
 * file itself is evaluated anew on every import, so a file changed between runs is read again.
 *
 * @example
 * ```ts
 * const loader = sharedLoader();
 * await runCli(['render', 'app.ts'], { ...io, loader });
 * await loader.close();
 * ```
 */
export function sharedLoader(): ModuleLoader & { close(): Promise<void> } {
  const scopes = new Map<string, ReturnType<typeof namespaced>>();
  let imports = 0;
  return {
    async import(path, tsconfig) {
      const key = tsconfig ?? '';
      let scope = scopes.get(key);
      if (!scope) scopes.set(key, (scope = namespaced(tsconfig)));
      return (await scope.import(`${pathToFileURL(path).href}?run=${++imports}`, import.meta.url)) as Record<string, unknown>;
    },
    async close() {
      await Promise.all([...scopes.values()].map((scope) => scope.unregister()));
      scopes.clear();
    },
  };
}

/** Errors TypeKro raises about a composition (a code) already name the file and line: pass them on untouched. */
function isCompositionError(error: unknown): boolean {
  return codeOf(error) !== undefined;
}

export async function loadComposition(ref: CompositionRef, loader: ModuleLoader, options: { tsconfig?: string } = {}): Promise<LoadedComposition> {
  const path = resolve(ref.file);
  if (!existsSync(path)) throw new UsageError(`${ref.file}: no such file; name a TypeScript file that exports a composition`);
  if (statSync(path).isDirectory()) throw new UsageError(`${ref.file} is a directory; name a TypeScript file that exports a composition`);
  const tsconfig = options.tsconfig ?? nearestTsconfig(path);
  let module: Record<string, unknown>;
  // arktype's parse errors are thrown deep in arktype: the user's `type({...})` frame is past Node's 10 frames
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(limit, 64);
  try {
    module = await loader.import(path, tsconfig);
  } catch (error) {
    if (isCompositionError(error)) throw error;
    throw new UsageError(`cannot load ${ref.file}: ${userSite(error)}${loadMessage(error, path)}`, { cause: error });
  } finally {
    Error.stackTraceLimit = limit;
  }
  const [exportName, composition] = pickExport(module, ref);
  return { composition, file: ref.file, exportName };
}

/**
 * `file:line:col: ` of the user's call an arktype definition error (`ParseError`: an unresolvable keyword,
 * a default on an optional key) comes from: the first frame of the stack outside node_modules.
 */
function userSite(error: unknown): string {
  if (!(error instanceof Error) || error.name !== 'ParseError' || !error.stack) return '';
  for (const match of error.stack.matchAll(/\(?((?:file:\/\/)?\/[^\s()?]+?)(?:\?[^\s():]*)?:(\d+):(\d+)\)?$/gm)) {
    const file = match[1]!.replace(/^file:\/\//, '');
    if (!/[\\/]node_modules[\\/]/.test(file)) return `${file}:${match[2]}:${match[3]}: `;
  }
  return '';
}

/** The loader's message without its internals: tsx's `?namespace=` URL suffixes and CommonJS require stacks. */
function loadMessage(error: unknown, file: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\?(tsx-)?namespace=[\w-]+/g, '').replace(/\nRequire stack:[\s\S]*$/, '');
  const code = (error as { code?: unknown }).code;
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  if (missing) return `${message}\n  (is the package installed? run npm install in the project of the file)`;
  // tsx loads a .ts file of a CommonJS project as CommonJS; TypeKro's exports are for `import` only.
  if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' && isCommonJs(file)) {
    return `${message}\n  (TypeKro is an ES module package and ${basename(file)} is loaded as CommonJS: set "type": "module" in the project's package.json, e.g. npm pkg set type=module, or name the file .mts)`;
  }
  return message;
}

/** Whether Node loads `file` as CommonJS: by its extension, else by the nearest package.json's `type`. */
function isCommonJs(file: string): boolean {
  if (/\.[mc][tj]s$/.test(file)) return /\.c[tj]s$/.test(file);
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type !== 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return true;
  }
}

function pickExport(module: Record<string, unknown>, ref: CompositionRef): [string, AnyComposition] {
  const found = Object.entries(module).filter((entry): entry is [string, AnyComposition] => isComposition(entry[1]));
  const names = found.map(([name]) => name);
  if (ref.exportName) {
    const value = module[ref.exportName];
    if (isComposition(value)) return [ref.exportName, value];
    const what = value === undefined ? 'has no export' : 'exports something other than a composition as';
    throw new UsageError(`${ref.file} ${what} "${ref.exportName}"; ${names.length ? `compositions it exports: ${names.join(', ')}` : 'it exports no composition'}`);
  }
  const fallback = module.default;
  if (isComposition(fallback)) return ['default', fallback];
  // The same composition exported twice (`export const app = ...; export { app as web }`) is still one.
  const distinct = [...new Map(found.map(([name, value]) => [value, name])).entries()];
  if (distinct.length === 1) return [distinct[0]![1], distinct[0]![0]];
  if (distinct.length === 0) {
    throw new UsageError(`${ref.file} exports no composition; export the value returned by kubernetesComposition(...) or toResourceGraph(...), e.g. \`export default app\``);
  }
  throw new UsageError(`${ref.file} exports several compositions (${names.join(', ')}); choose one with --export <name> or ${ref.file}#<name>`);
}
