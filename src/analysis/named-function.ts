/**
 * A composition function passed by name (`kubernetesComposition(def, build)`): finds the function the name
 * stands for, in the same file (a function declaration or a `const` initialised with a function) or in a
 * local source file it is imported from, so that it is analysed like a function written inline.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Node, Program } from '@babel/types';
import { unwrap } from './ast.js';
import type { FunctionNode } from './composition.js';
import { parseSourceFile } from './source.js';
import { TypeKroError } from '../util/errors.js';

/** A function found for a name, with the file that holds it. */
export interface NamedFunction {
  readonly file: string;
  readonly fn: FunctionNode;
}

/**
 * Why a name could not be followed to a function's source: the caller turns it into a definition error.
 * `undefined` from {@link resolveNamedFunction} means the name is not bound at module level at all.
 */
export class UnreadableFunctionError extends TypeKroError {
  constructor(message: string) {
    super('DEFINITION_INVALID', message);
  }
}

/** The function `name` refers to at the top level of `file`, following local imports. */
export function resolveNamedFunction(file: string, name: string, seen: ReadonlySet<string> = new Set()): NamedFunction | undefined {
  const key = `${file}#${name}`;
  if (seen.has(key)) throw new UnreadableFunctionError(`"${name}" is re-exported in a cycle through ${file}`);
  const next = new Set(seen).add(key);
  const program = parseSourceFile(file).program;
  const local = localDefinition(program, name);
  if (local) return followInit(file, local, next);
  const imported = importOf(program, name);
  if (!imported) return undefined;
  if (!imported.source.startsWith('.')) {
    throw new UnreadableFunctionError(
      `"${name}" is imported from the package "${imported.source}", whose source TypeKro does not analyse`,
    );
  }
  const target = resolveLocalModule(file, imported.source);
  return resolveExport(target, imported.exported, next);
}

function resolveExport(file: string, exported: string, seen: ReadonlySet<string>): NamedFunction | undefined {
  const program = parseSourceFile(file).program;
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && exported === 'default') {
      const declaration = statement.declaration as Node;
      if (declaration.type === 'Identifier') return resolveNamedFunction(file, declaration.name, seen);
      return followInit(file, declaration, seen);
    }
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration && declarationNames(declaration).includes(exported)) return resolveNamedFunction(file, exported, seen);
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ExportSpecifier') continue;
        const as = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (as !== exported) continue;
        if (statement.source) return resolveExport(resolveLocalModule(file, statement.source.value), specifier.local.name, seen);
        return resolveNamedFunction(file, specifier.local.name, seen);
      }
    }
  }
  throw new UnreadableFunctionError(`${file} has no export named "${exported}" that TypeKro can follow`);
}

function followInit(file: string, node: Node, seen: ReadonlySet<string>): NamedFunction | undefined {
  const value = unwrap(node);
  if (value.type === 'FunctionDeclaration' || value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression') {
    return { file, fn: value };
  }
  if (value.type === 'Identifier') return resolveNamedFunction(file, value.name, seen);
  throw new UnreadableFunctionError(`the composition function is computed (${value.type}) in ${file}; write it as a function`);
}

/** A top-level `function name` or the initialiser of a top-level `const name = ...` (exported or not). */
function localDefinition(program: Program, name: string): Node | undefined {
  for (const statement of program.body) {
    const declaration =
      (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration
        ? (statement.declaration as Node)
        : statement;
    if (declaration.type === 'FunctionDeclaration' && declaration.id?.name === name) return declaration;
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== 'Identifier' || declarator.id.name !== name) continue;
        if (declaration.kind !== 'const' || !declarator.init) {
          throw new UnreadableFunctionError(`"${name}" is a ${declaration.kind} without a fixed value; declare it with const or function`);
        }
        return declarator.init;
      }
    }
  }
  return undefined;
}

function declarationNames(declaration: Node): string[] {
  if (declaration.type === 'FunctionDeclaration') return declaration.id ? [declaration.id.name] : [];
  if (declaration.type === 'VariableDeclaration') {
    return declaration.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  }
  return [];
}

export function importOf(program: Program, name: string): { source: string; exported: string } | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.name !== name) continue;
      if (specifier.type === 'ImportDefaultSpecifier') return { source: statement.source.value, exported: 'default' };
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
        return { source: statement.source.value, exported: imported };
      }
      throw new UnreadableFunctionError(`"${name}" is a namespace import; import the function by name`);
    }
  }
  return undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx'];

/** The file a relative import names, the way TypeScript's NodeNext resolution finds sources (`./a.js` -> `./a.ts`). */
export function resolveLocalModule(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [base, ...EXTENSIONS.map((ext) => `${stem}${ext}`), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  const found = candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
  if (!found) throw new UnreadableFunctionError(`cannot find the source of "${specifier}" imported by ${from}`);
  return found;
}
