/**
 * Where a spec or status field refused by the schema layer is declared: the schema layer sees arktype's
 * JSON, which has no positions, so the definition looks for the key in the file that defines the composition.
 */
import type { Node } from '@babel/types';
import { walk } from '../analysis/ast.js';
import { parseSourceFile } from '../analysis/source.js';
import { formatLocation, userFrame } from '../model/call-site.js';
import { SchemaError } from '../model/schema/index.js';

/**
 * Runs `convert` (the arktype → schema mapping) and locates a {@link SchemaError} it throws: at the key that
 * holds the problem (`'cache?'`) when the defining file writes it once (or once under the keys of its path),
 * else at the composition's own call. A problem of the whole schema (no key) is placed at the call.
 */
export function locatingSchemaErrors<T>(convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (!(error instanceof SchemaError) || error.where !== undefined) throw error;
    throw locatedSchemaError(error);
  }
}

/**
 * A {@link SchemaError} of the schema being defined, placed as {@link locatingSchemaErrors} places it; one
 * without a key (KRO's SimpleSchema markers, found while rendering) is looked for under its path's last
 * field, written with or without `?`.
 */
export function locatedSchemaError(error: SchemaError): SchemaError {
  const frame = userFrame();
  if (!frame) return error;
  const key = error.key ?? `${error.path.replace(/\[\*?\]/g, '').split('.').pop()}?`;
  const site = keySite(frame.file, key, error.path);
  return error.at(formatLocation(site ?? frame));
}

interface Site {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `'port?'` may be written `port` (a key with a default is optional in arktype's JSON). */
function spellings(key: string): string[] {
  return key.endsWith('?') ? [key, key.slice(0, -1)] : [key];
}

function keySite(file: string, key: string, path: string): Site | undefined {
  let ast: Node;
  try {
    ast = parseSourceFile(file);
  } catch {
    return undefined;
  }
  const names = spellings(key);
  const parents = new Map<Node, Node>();
  const found: Node[] = [];
  walk(ast, (node, parent) => {
    if (parent) parents.set(node, parent);
    if (node.type === 'ObjectProperty' && !node.computed && names.includes(keyText(node.key) ?? '')) found.push(node);
  });
  // Only keys of an object literal given to a call (`type({...})`); several: those under the keys of the
  // field's path (`spec.db.port` → a `port` inside a `db` object).
  const declared = found.map((property) => ({ property, enclosing: enclosingKeys(property, parents) })).filter((d) => d.enclosing !== undefined);
  const above = fieldsAbove(path, key);
  const chosen = declared.length === 1 ? declared : declared.filter((d) => sameKeys(d.enclosing!, above));
  const only = chosen.length === 1 ? chosen[0]!.property : undefined;
  return only?.type === 'ObjectProperty' && only.key.loc ? { file, line: only.key.loc.start.line, column: only.key.loc.start.column + 1 } : undefined;
}

/** The field names above the key in `spec.db.port` (`['db']`); `[]`/`[*]` steps are not keys. */
function fieldsAbove(path: string, key: string): string[] {
  const fields = path.replace(/\[\*?\]/g, '').split('.').slice(1);
  const at = fields.lastIndexOf(key.replace(/\?$/, ''));
  return at < 0 ? fields : fields.slice(0, at);
}

/** Node types between a schema key and the call its object literal is given to. */
const LITERAL: ReadonlySet<string> = new Set(['ObjectExpression', 'ObjectProperty', 'ArrayExpression', 'TSAsExpression', 'TSSatisfiesExpression']);

/**
 * The object keys enclosing `property` up to the call its literal is an argument of (`type({...})`),
 * outermost first; undefined when anything else stands between (a function's returned object, a const).
 */
function enclosingKeys(property: Node, parents: ReadonlyMap<Node, Node>): string[] | undefined {
  const keys: string[] = [];
  for (let node = parents.get(property); node; node = parents.get(node)) {
    if (node.type === 'CallExpression') return keys;
    if (!LITERAL.has(node.type)) return undefined;
    if (node.type === 'ObjectProperty' && !node.computed) keys.unshift((keyText(node.key) ?? '').replace(/\?$/, ''));
  }
  return undefined;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

function keyText(node: Node): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  return node.type === 'Identifier' ? node.name : undefined;
}
