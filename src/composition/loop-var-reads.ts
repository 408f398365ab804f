/**
 * A loop over a reference whose variable is declared with `var` and read outside the loop (trial 7a H04):
 * `for (var z of spec.zones) { ... } return { last: z }`. A `var` belongs to the whole function, so after the
 * loop JavaScript leaves the last item in it (undefined for an empty list); KRO's forEach has an item only
 * inside the loop, so the read had no meaning (an internal error, or a status naming an unknown `z`). Refused
 * at the read, before the function runs, with the last item read from the list itself as the way out.
 */
import type { Node } from '@babel/types';
import { guardsOf, type EnclosingLoop, type FunctionNode } from '../analysis/composition.js';
import { isFunctionNode, patternNames, walk } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import type { Scope } from '../analysis/scope.js';
import { snippetOf, textMayMatch } from '../analysis/source.js';
import { isReferenceLoop } from './collections.js';

/** Refuses the first read, outside its loop, of a `var` loop variable of a loop over a reference in `fn`. */
export function refuseLoopVarReads(fn: FunctionNode, scope: Scope): void {
  // A function whose text has no `var` declares none: its body is not walked (most compositions).
  if (!textMayMatch(fn, /\bvar\b/)) return;
  const owners: Node[] = [fn];
  walk(fn.body, (node) => {
    if (isFunctionNode(node)) owners.push(node);
    const declaration = varHead(node);
    if (!declaration || (node.type !== 'ForOfStatement' && node.type !== 'ForInStatement')) return;
    const loop = guardsOf(fn, node.body).loops.at(-1);
    if (!loop || !isReferenceLoop(loop, scope)) return;
    const names = declaration.declarations.flatMap((declarator) => patternNames(declarator.id));
    // The function the `var` belongs to: the innermost one around the loop (walk order keeps them nested).
    const owner = [...owners].reverse().find((candidate) => contains(candidate, node)) ?? fn;
    const read = readOutside(owner, node, names);
    if (read) throw varRead(read, loop);
  });
}

/** The `var` declaration in the head of a `for...of` or `for...in` loop. */
function varHead(node: Node): Extract<Node, { type: 'VariableDeclaration' }> | undefined {
  const head = node.type === 'ForOfStatement' || node.type === 'ForInStatement' ? node.left : undefined;
  return head?.type === 'VariableDeclaration' && head.kind === 'var' ? head : undefined;
}

/** The first read of one of `names` in `owner`'s body outside `loop` (not hidden by a nested function's parameter). */
function readOutside(owner: Node, loop: Node, names: readonly string[]): (Node & { name: string }) | undefined {
  let found: (Node & { name: string }) | undefined;
  walk((owner as { body: Node }).body, (node, parent) => {
    if (found || node === loop) return false;
    if (node !== owner && isFunctionNode(node) && node.params.some((param) => patternNames(param).some((name) => names.includes(name)))) return false;
    if (node.type === 'Identifier' && names.includes(node.name) && isRead(node, parent)) found = node;
    return undefined;
  });
  return found;
}

/** Whether the identifier `node` reads a variable (not a property name, an object key or a declared name). */
function isRead(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if (parent.type === 'ObjectProperty' && parent.key === node && !parent.computed && !parent.shorthand) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  return !parent.type.startsWith('TS');
}

function contains(outer: Node, inner: Node): boolean {
  return (outer.start ?? 0) <= (inner.start ?? 0) && (inner.end ?? 0) <= (outer.end ?? 0);
}

function varRead(read: Node & { name: string }, loop: EnclosingLoop): Error {
  const list = snippetOf(loop.source);
  return syntaxError(
    read,
    `\`${read.name}\` is the \`var\` of the loop over \`${list}\`, read outside the loop: a \`var\` belongs to the whole function, so JavaScript leaves the last item in it after the loop (undefined for an empty list), and KRO's forEach has an item only inside the loop`,
    `declare the loop variable with \`const\` and read the last item from the list itself: \`${list}[${list}.length - 1] ?? <default>\``,
  );
}
