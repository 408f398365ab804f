/**
 * What a module's imports say about a local name (local-scope.ts): whether the module imports it (then it is
 * not the global of that name), whether it is a JSON module's default import, and the binding of an import
 * that cannot be followed.
 */
import type { Node } from '@babel/types';
import { UnreadableFunctionError } from './modules.js';
import type { Binding } from './scope.js';

/** Whether `program` imports a name `name` (which then is not the global of that name). */
export function imported(program: Node, name: string): boolean {
  return program.type === 'Program' && program.body.some((statement) => statement.type === 'ImportDeclaration' && statement.specifiers.some((s) => s.local.name === name));
}

/** Whether `name` is the default (or namespace) import of a JSON module: `import defaults from './defaults.json' with { type: 'json' }`. */
export function importsJson(program: Node, name: string): boolean {
  if (program.type !== 'Program') return false;
  return program.body.some((statement) => {
    if (statement.type !== 'ImportDeclaration' || !statement.specifiers.some((s) => s.local.name === name && s.type === 'ImportDefaultSpecifier')) return false;
    const typed = (statement.attributes ?? []).some((a) => (a.key.type === 'Identifier' ? a.key.name : a.key.value) === 'type' && a.value.value === 'json');
    return typed || /\.json$/i.test(statement.source.value);
  });
}

/** The binding of a local import that cannot be read: used in a compiled value, it fails with the reason. */
export function unreadableImport(error: unknown): Binding {
  const why = error instanceof UnreadableFunctionError ? error.message : `a local import cannot be read (${error instanceof Error ? error.message : String(error)})`;
  return { kind: 'unsupported', why, hint: 'import the helper from a local source file that exports it (by name, as default, through a namespace or a re-export), or compute the value in the composition' };
}
