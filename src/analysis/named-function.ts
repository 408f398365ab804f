/**
 * A composition function passed by name (`kubernetesComposition(def, build)`): finds the function the name
 * stands for, in the same file (a function declaration or a `const` initialised with a function) or in a
 * local source file it is imported from (by name, as a default, through a namespace or a barrel's
 * re-exports: modules.ts), so that it is analysed like a function written inline.
 */
import type { Node, Program } from '@babel/types';
import { unwrap } from './ast.js';
import type { FunctionNode } from './composition.js';
import { resolveExport, resolveModuleName, UnreadableFunctionError, type ModuleTarget } from './modules.js';
import { parseSourceFile } from './source.js';

export { UnreadableFunctionError } from './modules.js';

/** A function found for a name, with the file that holds it. */
export interface NamedFunction {
  readonly file: string;
  readonly fn: FunctionNode;
}

/**
 * The function `name` (or `name.member` of a namespace import) refers to at the top level of `file`,
 * following local imports. Undefined when the name is not bound at module level at all.
 *
 * @example
 * ```ts
 * // app.ts: import { build } from './build.js'
 * resolveNamedFunction('/app/app.ts', 'build')?.file; // '/app/build.ts'
 * // app.ts: import * as B from './build.js'
 * resolveNamedFunction('/app/app.ts', 'B', 'build')?.file; // '/app/build.ts'
 * ```
 */
export function resolveNamedFunction(file: string, name: string, member?: string): NamedFunction | undefined {
  const target = resolveModuleName(file, name);
  if (!target || member === undefined) return target && functionOf(target, name);
  // `H.build` of `import * as H from './builds.js'`.
  if (target.kind !== 'namespace') throw new UnreadableFunctionError(`"${name}.${member}" is a property of a value, not a function TypeKro can follow`);
  return functionOf(resolveExport(target.file, member), `${name}.${member}`);
}

function functionOf(target: ModuleTarget, name: string): NamedFunction {
  switch (target.kind) {
    case 'package':
      if (target.unresolved) throw new UnreadableFunctionError(`"${name}" is imported from "${target.source}", ${UNRESOLVED}`);
      throw new UnreadableFunctionError(`"${name}" is imported from ${fromWhere(target.source)}, whose source TypeKro does not analyse`);
    case 'namespace':
      throw new UnreadableFunctionError(`"${name}" is the namespace of ${target.file}, not a function`);
    case 'default':
      return followInit(target.file, target.node, name);
    case 'declared': {
      const init = localDefinition(parseSourceFile(target.file).program, target.name);
      if (!init) throw new UnreadableFunctionError(`"${target.name}" in ${target.file} is not declared with const or function`);
      return followInit(target.file, init, target.name);
    }
  }
}

/** Why a bare specifier that is no alias TypeKro finds and no installed package cannot be read, and the way out. */
export const UNRESOLVED =
  'which is neither a `paths` alias of the tsconfig.json nearest to this file nor an installed package, so TypeKro cannot tell which file JavaScript ran; import it with a relative path, or declare the alias in that tsconfig.json';

/** A package by its name; a relative path (into TypeKro itself, or a non-source file) as written. */
export function fromWhere(source: string): string {
  return source.startsWith('.') || source.startsWith('/') ? `"${source}"` : `the package "${source}"`;
}

function followInit(file: string, node: Node, name: string): NamedFunction {
  const value = unwrap(node);
  if (value.type === 'FunctionDeclaration' || value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression') {
    return { file, fn: value };
  }
  if (value.type === 'Identifier') {
    const target = resolveModuleName(file, value.name);
    if (target) return functionOf(target, value.name);
  }
  throw new UnreadableFunctionError(`the composition function "${name}" is computed (${value.type}) in ${file}; write it as a function`);
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

/**
 * Whether `name` at the top level of `file` (followed through local imports) is a `const` initialised by a
 * call of one of `callees` (`const cache = kubernetesComposition(...)`): a nested composition, whose call
 * creates resources like a factory's.
 *
 * @example
 * ```ts
 * // app.ts: const cache = kubernetesComposition(def, build)
 * isInitialisedByCall('/app/app.ts', 'cache', new Set(['kubernetesComposition'])); // true
 * ```
 */
export function isInitialisedByCall(file: string, name: string, callees: ReadonlySet<string>): boolean {
  try {
    const target = resolveModuleName(file, name);
    const init = target?.kind === 'declared' ? localDefinition(parseSourceFile(target.file).program, target.name) : target?.kind === 'default' ? target.node : undefined;
    const value = init && unwrap(init);
    return value?.type === 'CallExpression' && value.callee.type === 'Identifier' && callees.has(value.callee.name);
  } catch {
    // A name TypeKro cannot follow is not known to create resources; its use is refused where it is compiled.
    return false;
  }
}
