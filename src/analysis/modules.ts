/**
 * What a module-level name stands for across local source files: the one resolution of imports and exports
 * the compiler uses, for helpers (module scopes) and for a composition function passed by name. It follows
 * named, default and namespace imports, and re-exports (`export { f } from`, `export { f as g }`,
 * `export *`, `export * as ns`, chains of them) to the file that declares the name, whether the import is
 * relative or an alias of the user's own files (tsconfig `paths`, package.json `imports`: import-aliases.ts).
 * Anything that lands outside the user's sources (a package, a file under node_modules, TypeKro itself, a non-source file) is
 * reported as such, so callers
 * treat it as code TypeKro does not read.
 */
import { statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { ImportDeclaration, Node, Program } from '@babel/types';
import { patternNames } from './ast.js';
import { resolveAlias } from './import-aliases.js';
import { parseSourceFile } from './source.js';
import { TypeKroError } from '../util/errors.js';
import { isOwnSource } from '../util/own-tree.js';

/** Where a module-level name leads. */
export type ModuleTarget =
  /** A top-level declaration (`function name`, `const name = ...`) of `file`. */
  | { readonly kind: 'declared'; readonly file: string; readonly name: string }
  /** `export default <expression>` (an anonymous function, an arrow, any other expression) of `file`. */
  | { readonly kind: 'default'; readonly file: string; readonly node: Node }
  /** The namespace object of `file` (`import * as H`, `export * as H`). */
  | { readonly kind: 'namespace'; readonly file: string }
  /**
   * Code outside the user's sources: a package (`source`), TypeKro itself (`typekro`), a non-source file.
   * `imported` is the export an import specifier names (`'default'` for a default import). `unresolved` is set
   * for a bare specifier that is neither an alias of the governing tsconfig nor an installed package: what it
   * names is known only to however the program was run.
   */
  | { readonly kind: 'package'; readonly source: string; readonly typekro: boolean; readonly imported?: string; readonly unresolved?: true };

/**
 * Why a name could not be followed to its source (a missing file or export, a cycle): callers turn it into
 * a definition error at the place the name is used.
 */
export class UnreadableFunctionError extends TypeKroError {
  constructor(message: string) {
    super('DEFINITION_INVALID', message);
  }
}

/**
 * What the top-level name `name` of `file` stands for: its own declaration, or what it is imported as.
 * Undefined when the file neither declares nor imports it (a global).
 *
 * @example
 * ```ts
 * // main.ts: import * as H from './helpers.js'
 * resolveModuleName('/app/main.ts', 'H'); // { kind: 'namespace', file: '/app/helpers.ts' }
 * ```
 */
export function resolveModuleName(file: string, name: string, seen: ReadonlySet<string> = new Set()): ModuleTarget | undefined {
  const program = parseSourceFile(file).program;
  if (declaresAtTop(program, name)) return { kind: 'declared', file, name };
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.name !== name) continue;
      const target = importedModule(file, statement);
      const imported = specifier.type === 'ImportDefaultSpecifier' ? 'default' : specifier.type === 'ImportNamespaceSpecifier' ? undefined : exportName(specifier.imported);
      if (typeof target !== 'string') return target.kind === 'package' && imported !== undefined ? { ...target, imported } : target;
      if (specifier.type === 'ImportNamespaceSpecifier' || imported === undefined) return { kind: 'namespace', file: target };
      return resolveExport(target, imported, seen);
    }
  }
  return undefined;
}

/**
 * The name TypeKro exports what `file` imports as `name`, when it imports it from TypeKro: a factory renamed
 * on import (`import { Deployment as Pod } from 'typekro/simple'`) is still the factory `Deployment`.
 *
 * @example
 * ```ts
 * typekroImportName('/app/app.ts', 'Pod'); // 'Deployment'
 * ```
 */
export function typekroImportName(file: string, name: string): string | undefined {
  try {
    const target = resolveModuleName(file, name);
    return target?.kind === 'package' && target.typekro && target.imported !== 'default' ? target.imported : undefined;
  } catch {
    // An import TypeKro cannot follow names no TypeKro export.
    return undefined;
  }
}

/**
 * What `file` exports as `exported` (`'default'` for the default export), followed to its declaration.
 * Throws {@link UnreadableFunctionError} when the file has no such export or the re-exports form a cycle.
 *
 * @example
 * ```ts
 * // barrel.ts: export { image as img } from './helpers.js'
 * resolveExport('/app/barrel.ts', 'img'); // { kind: 'declared', file: '/app/helpers.ts', name: 'image' }
 * ```
 */
export function resolveExport(file: string, exported: string, seen: ReadonlySet<string> = new Set()): ModuleTarget {
  const found = findExport(file, exported, seen);
  if (found) return found;
  throw new UnreadableFunctionError(`${file} has no export named "${exported}" that TypeKro can follow`);
}

function findExport(file: string, exported: string, seen: ReadonlySet<string>): ModuleTarget | undefined {
  const key = `${file}#${exported}`;
  if (seen.has(key)) throw new UnreadableFunctionError(`"${exported}" is re-exported in a cycle through ${file}`);
  const next = new Set(seen).add(key);
  const program = parseSourceFile(file).program;
  const stars: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && exported === 'default') {
      const declaration = statement.declaration as Node;
      if (declaration.type === 'Identifier') return resolveModuleName(file, declaration.name, next);
      if (declaration.type === 'FunctionDeclaration' && declaration.id) return { kind: 'declared', file, name: declaration.id.name };
      return { kind: 'default', file, node: declaration };
    }
    if (statement.type === 'ExportAllDeclaration') {
      stars.push(statement.source.value);
      continue;
    }
    if (statement.type !== 'ExportNamedDeclaration') continue;
    if (statement.declaration && declaredNames(statement.declaration).includes(exported)) return { kind: 'declared', file, name: exported };
    for (const specifier of statement.specifiers) {
      if (exportName(specifier.exported) !== exported) continue;
      if (!statement.source) return specifier.type === 'ExportSpecifier' ? resolveModuleName(file, specifier.local.name, next) : undefined;
      const target = importedModule(file, statement.source.value);
      if (typeof target !== 'string') return target;
      if (specifier.type === 'ExportNamespaceSpecifier') return { kind: 'namespace', file: target };
      if (specifier.type === 'ExportSpecifier') return resolveExport(target, specifier.local.name, next);
    }
  }
  // `export *` never re-exports a default, and a name two of them export differently is exported by neither.
  return exported === 'default' ? undefined : starExport(file, stars, exported, next);
}

function starExport(file: string, sources: readonly string[], exported: string, seen: ReadonlySet<string>): ModuleTarget | undefined {
  const local: ModuleTarget[] = [];
  let foreign: ModuleTarget | undefined;
  for (const source of sources) {
    const target = importedModule(file, source);
    if (typeof target !== 'string') foreign ??= target;
    else if (!seen.has(`${target}#${exported}`)) {
      const result = findExport(target, exported, seen);
      if (result && !local.some((known) => sameTarget(known, result))) local.push(result);
    }
  }
  if (local.length > 1) throw new UnreadableFunctionError(`"${exported}" is exported by more than one \`export *\` of ${file}, so JavaScript exports none of them`);
  // A package may export the name too, but then a named import of it would not link: the local one is it.
  return local[0] ?? foreign;
}

function sameTarget(a: ModuleTarget, b: ModuleTarget): boolean {
  return JSON.stringify([a.kind, 'file' in a && a.file, 'name' in a && a.name]) === JSON.stringify([b.kind, 'file' in b && b.file, 'name' in b && b.name]) && (!('node' in a) || ('node' in b && a.node === b.node));
}

/** The local source file an import or re-export names, or the `package` target when it is not one. */
function importedModule(file: string, statement: ImportDeclaration | string): string | ModuleTarget {
  const source = typeof statement === 'string' ? statement : statement.source.value;
  if (source === 'typekro' || source.startsWith('typekro/')) return { kind: 'package', source, typekro: true };
  const target = source.startsWith('.') || source.startsWith('/') ? resolveLocalModule(file, source) : aliasedModule(file, source);
  if (typeof target !== 'string') return target;
  if (isOwnSource(target)) return { kind: 'package', source, typekro: true };
  return !SOURCE_FILE.test(target) || INSTALLED.test(target) ? { kind: 'package', source, typekro: false } : target;
}

/** A bare specifier: the user's file it is an alias of, or the package it names. */
function aliasedModule(file: string, source: string): string | ModuleTarget {
  const target = resolveAlias(file, source, (path) => findLocalModule(path, file));
  if (target.kind === 'unreadable') throw new UnreadableFunctionError(target.why);
  if (target.kind === 'file') return target.path;
  return { kind: 'package', source: target.source, typekro: false, ...(target.installed ? {} : { unresolved: true as const }) };
}

function exportName(node: Node): string {
  return node.type === 'Identifier' ? node.name : node.type === 'StringLiteral' ? node.value : '';
}

/** Whether a top-level statement of `program` declares `name` (exported or not). */
function declaresAtTop(program: Program, name: string): boolean {
  return program.body.some((statement) => {
    const declaration = (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration ? (statement.declaration as Node) : statement;
    return declaredNames(declaration).includes(name);
  });
}

/** The names a declaration binds: a function's or class's name, every name of a variable declaration's patterns. */
function declaredNames(declaration: Node): string[] {
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') return declaration.id ? [declaration.id.name] : [];
  if (declaration.type === 'VariableDeclaration') return declaration.declarations.flatMap((d) => patternNames(d.id));
  // A TypeScript enum or namespace (not an ambient one: it has no object at run time), bound by ts-namespaces.ts.
  if ((declaration.type === 'TSEnumDeclaration' || declaration.type === 'TSModuleDeclaration') && !declaration.declare && declaration.id.type === 'Identifier') return [declaration.id.name];
  return [];
}

/** A file of an installed package, however it is imported (`../node_modules/x/index.js`). */
const INSTALLED = /[\\/]node_modules[\\/]/;
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx'];

/** The file a relative import names, the way TypeScript's NodeNext resolution finds sources (`./a.js` -> `./a.ts`). */
export function resolveLocalModule(from: string, specifier: string): string {
  const found = findLocalModule(resolve(dirname(from), specifier), from);
  if (!found) throw new UnreadableFunctionError(`cannot find the source of "${specifier}" imported by ${from}`);
  return found;
}

/**
 * The source file at `base` (an absolute path) imported by `from`: the file itself, its TypeScript source for a
 * `.js` name, or its directory's index. A TypeScript importer gets the TypeScript source first even where a
 * compiled `a.js` sits next to `a.ts`, because tsx loads that one (it tries `.ts`, `.tsx`, `.js`, `.jsx` for `.js`).
 */
function findLocalModule(base: string, from: string): string | undefined {
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const extension = extname(base);
  const tsFirst = TYPESCRIPT.test(from) ? (TSX_ORDER[extension] ?? []).map((ext) => `${base.slice(0, -extension.length)}${ext}`) : [];
  const candidates = [...tsFirst, base, ...EXTENSIONS.map((ext) => `${stem}${ext}`), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
/** The files tsx tries, in order, for an import written with a JavaScript extension by a TypeScript file. */
const TSX_ORDER: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx', '.js', '.jsx'], '.jsx': ['.tsx', '.ts', '.jsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] };
