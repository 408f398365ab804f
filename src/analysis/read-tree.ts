/**
 * The syntax tree with parent links that read-context.ts and template-use.ts judge a read by: member reads,
 * TypeScript wrappers seen through, the block a binding is scoped to, which identifiers read a binding.
 */
import type { Node } from '@babel/types';

export const WRAPPERS: ReadonlySet<string> = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);
export type Member = Extract<Node, { type: 'MemberExpression' | 'OptionalMemberExpression' }>;
/** The syntax tree with parent links, which a use is judged by. */
export interface Tree {
  readonly parents: ReadonlyMap<Node, Node>;
}

export function enclosingBlock(node: Node, tree: Tree): Node | undefined {
  for (let up = tree.parents.get(node); up; up = tree.parents.get(up)) {
    if (up.type === 'BlockStatement' || up.type === 'Program' || up.type === 'ArrowFunctionExpression') return up;
  }
  return undefined;
}

/** An identifier that reads a binding (not a property name, an object key, or a declaration). */
export function isReference(node: Node, parent: Node): boolean {
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node) return parent.computed;
  if (parent.type === 'ObjectProperty' && parent.key === node && !parent.computed) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  return !(parent.type === 'AssignmentPattern' && parent.left === node);
}

/** `node` with the wrappers around it (parentheses, `as`, `!`), and what holds them. */
export function unwrapped(node: Node, tree: Tree): { child: Node; parent: Node | undefined } {
  let child = node;
  let parent = tree.parents.get(node);
  while (parent && WRAPPERS.has(parent.type)) {
    child = parent;
    parent = tree.parents.get(parent);
  }
  return { child, parent };
}
