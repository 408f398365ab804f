/**
 * Expressions the analysis makes for what a destructuring pattern or a parameter reads (`spec.list[0]` for
 * `const [first] = spec.list`). They carry the pattern's position, so diagnostics point at the user's code,
 * but they have no source text of their own: messages that quote them as code print them here.
 */
import type { Node } from '@babel/types';
import { unwrap } from './ast.js';
import type { Scope } from './scope.js';
import { snippetOf } from './source.js';

/** A node made by the analysis, placed at `at` (its position, for diagnostics). */
export function synthesize(at: Node, fields: Record<string, unknown>): Node {
  const extra = { ...(fields['extra'] as Record<string, unknown> | undefined), synthesized: true };
  return { ...fields, extra, loc: at.loc, start: at.start, end: at.end } as unknown as Node;
}

/** Whether `node` was made by the analysis (see {@link synthesize}), not written in the source. */
export function isSynthesized(node: Node): boolean {
  return node.extra?.['synthesized'] === true;
}

/** The JavaScript text of `node`: its source, or for a synthesized read the code it stands for. */
export function expressionText(node: Node): string {
  if (!isSynthesized(node)) return snippetOf(node);
  switch (node.type) {
    case 'MemberExpression': {
      const property = node.property;
      if (!node.computed && property.type === 'Identifier') return `${expressionText(node.object)}.${property.name}`;
      return `${expressionText(node.object)}[${property.type === 'NumericLiteral' ? property.value : expressionText(property as Node)}]`;
    }
    case 'CallExpression':
      return `${expressionText(node.callee as Node)}(${node.arguments.map((arg) => expressionText(arg as Node)).join(', ')})`;
    case 'LogicalExpression':
      return `${expressionText(node.left)} ${node.operator} ${expressionText(node.right)}`;
    case 'NumericLiteral':
      return String(node.value);
    default:
      return snippetOf(node);
  }
}

/**
 * The list `node` indexes, as code (`spec.list` for `first` of `const [first] = spec.list`), through the
 * locals and patterns that name the read; undefined when `node` is no index.
 */
export function indexedList(node: Node, scope: Scope): string | undefined {
  let read = unwrap(node);
  let where = scope;
  for (let binding = aliasOf(read, where); binding; binding = aliasOf(read, where)) {
    read = unwrap(binding.node);
    where = binding.scope;
  }
  if ((read.type !== 'MemberExpression' && read.type !== 'OptionalMemberExpression') || !read.computed) return undefined;
  // A parameter's pattern reads the argument under a hidden name (`#arg0`): the argument is what the code says.
  const object = unwrap(read.object);
  const argument = isSynthesized(object) ? aliasOf(object, where) : undefined;
  return expressionText(argument ? argument.node : object);
}

function aliasOf(node: Node, scope: Scope): { node: Node; scope: Scope } | undefined {
  if (node.type !== 'Identifier') return undefined;
  const binding = scope.lookup(node.name);
  return binding?.kind === 'alias' ? binding : undefined;
}
