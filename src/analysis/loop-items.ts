/**
 * The item of a loop that destructures it (`for (const { name, port = 80 } of spec.services)`,
 * `spec.services.map(([name, port]) => ...)`) has no name in the source. It is given one, and the pattern
 * then means what `const { name, port = 80 } = <item>` means in the loop body: each name an alias of its
 * read from the item (local-scope.ts), so a destructured loop compiles by the mechanism a body's `const`
 * pattern does. The name is a real identifier (it is the forEach iterator KRO sees, and the scope is asked
 * about it by its CEL name), chosen so that no name written in the file, and no item of an enclosing loop, is
 * the same: binding it can shadow nothing the user wrote.
 */
import type { Node } from '@babel/types';
import { isFunctionNode, isLoopCallbackOf, patternNames, unwrap, walk } from './ast.js';
import { parseSourceFile } from './source.js';

/**
 * The loop heads of one file that destructure their item, with the name each item is given: weakly keyed by
 * the program node of the parsed-file cache (source.ts), so one entry per parsed file, dropped with its tree.
 */
const namesCache = new WeakMap<Node, ReadonlyMap<Node, string>>();

/** True when `node` is a destructuring pattern (object or array, with or without a default). */
export function isPattern(node: Node): boolean {
  return node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || (node.type === 'AssignmentPattern' && isPattern(node.left));
}

/**
 * The name the item of `loop` is bound under: a `for...of` statement or a loop callback whose item is a
 * pattern. Undefined when its item is a plain name (or `loop` is not in a parsed file).
 *
 * @example
 * ```ts
 * // for (const { name } of spec.services) ...
 * patternItemName(forOf); // 'service'
 * ```
 */
export function patternItemName(loop: Node): string | undefined {
  const file = loop.loc?.filename;
  if (file === undefined) return undefined;
  const program = parseSourceFile(file).program;
  let names = namesCache.get(program);
  if (!names) {
    names = nameItems(program);
    namesCache.set(program, names);
  }
  return names.get(loop);
}

/** The pattern a loop destructures its item with, if it does. */
export function itemPattern(loop: Node): Node | undefined {
  if (loop.type === 'ForOfStatement') {
    const left = loop.left;
    const id = left.type === 'VariableDeclaration' ? left.declarations[0]?.id : undefined;
    return id && isPattern(id) ? id : undefined;
  }
  const first = isFunctionNode(loop) ? loop.params[0] : undefined;
  return first && isPattern(first) ? first : undefined;
}

function nameItems(program: Node): Map<Node, string> {
  const written = new Set<string>();
  walk(program, (node, parent) => {
    // A property's name (`x.service`, `{ service: 1 }`) is no name of the scope; a shorthand's value node is.
    if (node.type === 'Identifier' && !isPropertyName(node, parent)) written.add(node.name);
    return true;
  });
  const names = new Map<Node, string>();
  const enclosing: { node: Node; name: string }[] = [];
  walk(program, (node, parent) => {
    // Leaving the loops that end before this node (a pre-order walk: the enclosing ones are still open).
    while (enclosing.length > 0 && (enclosing.at(-1)!.node.end ?? 0) <= (node.start ?? 0)) enclosing.pop();
    const list = listOf(node, parent);
    if (!list || !itemPattern(node)) return true;
    const base = baseName(list);
    const taken = (candidate: string): boolean => written.has(candidate) || enclosing.some((loop) => loop.name === candidate);
    let name = base;
    for (let n = 2; taken(name); n++) name = `${base}${n}`;
    names.set(node, name);
    enclosing.push({ node, name });
    return true;
  });
  return names;
}

function isPropertyName(node: Node, parent: Node | undefined): boolean {
  if ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === node) return !parent.computed;
  return (parent?.type === 'ObjectProperty' || parent?.type === 'ObjectMethod') && parent.key === node && !parent.computed;
}

/** A readable name for the item: the singular of the list's last name (`spec.services` -> `service`), else `item`. */
function baseName(list: Node): string {
  const read = unwrap(list);
  let last: string | undefined;
  if (read.type === 'Identifier') last = read.name;
  else if ((read.type === 'MemberExpression' || read.type === 'OptionalMemberExpression') && !read.computed && read.property.type === 'Identifier') last = read.property.name;
  else if (read.type === 'CallExpression' && read.callee.type === 'MemberExpression' && read.callee.property.type === 'Identifier') {
    const method = read.callee.property.name;
    last = method === 'entries' ? 'entry' : method === 'values' ? 'value' : method === 'keys' ? 'key' : undefined;
  }
  if (!last || !/^[a-z][a-zA-Z0-9]*$/.test(last)) return 'item';
  if (last.endsWith('ies') && last.length > 3) return `${last.slice(0, -3)}y`;
  if (last.endsWith('s') && !last.endsWith('ss') && last.length > 1) return last.slice(0, -1);
  return last === 'item' ? 'item' : `${last}Item`;
}

/** The list a loop walks: the `of` side of a `for...of`, the receiver of `list.map(...)` for its callback. */
function listOf(loop: Node, parent: Node | undefined): Node | undefined {
  if (loop.type === 'ForOfStatement') return loop.right;
  if (!isFunctionNode(loop) || !isLoopCallbackOf(loop, parent)) return undefined;
  const callee = (parent as Extract<Node, { type: 'CallExpression' }>).callee as Extract<Node, { type: 'MemberExpression' }>;
  return callee.object;
}
