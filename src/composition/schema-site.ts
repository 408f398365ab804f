/**
 * Where a spec field refused by the schema layer is declared: the schema layer sees arktype's JSON, which
 * has no positions, so the definition looks for the key in the file that defines the composition.
 */
import type { Node } from '@babel/types';
import { walk } from '../analysis/ast.js';
import { parseSourceFile } from '../analysis/source.js';
import { formatLocation, userFrame } from '../model/call-site.js';
import { AlwaysPresentFieldError } from '../model/schema/index.js';

/**
 * Runs `convert` (the arktype → schema mapping) and locates an {@link AlwaysPresentFieldError} it throws: at
 * the key (`'cache?'`) when the defining file writes it exactly once, else at the composition's own call.
 */
export function locatingSchemaErrors<T>(convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (!(error instanceof AlwaysPresentFieldError) || error.where !== undefined) throw error;
    const frame = userFrame();
    if (!frame) throw error;
    throw error.at(formatLocation(keySite(frame.file, error.key) ?? frame));
  }
}

function keySite(file: string, key: string): { file: string; line: number; column: number } | undefined {
  let ast: Node;
  try {
    ast = parseSourceFile(file);
  } catch {
    return undefined;
  }
  const found: Node[] = [];
  walk(ast, (node) => {
    if (node.type === 'ObjectProperty' && !node.computed && keyText(node.key) === key) found.push(node.key);
  });
  const [only] = found;
  return found.length === 1 && only?.loc ? { file, line: only.loc.start.line, column: only.loc.start.column + 1 } : undefined;
}

function keyText(node: Node): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  return node.type === 'Identifier' ? node.name : undefined;
}
