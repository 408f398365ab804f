/**
 * Reads from what a factory returned, made on the value itself while they lead to a resource.
 */
import type { Node } from '@babel/types';
import type { Binding, Scope } from './scope.js';
import { unwrap } from './ast.js';
import { plain, type Typed } from './typed.js';
import { literalKey } from './compile-member.js';

/**
 * A read from what a factory returned (`base.resource('ConfigMap', 'settings')`, `manifests.resources[0]`):
 * property reads and calls with literal arguments are exact, so they are made on the value itself, as far
 * as they lead to a resource; the compiler takes over from there.
 */
export function resourceRead(node: Node, scope: Scope): Typed | undefined {
  const found = evaluateRead(node, scope);
  const resource = found && found.binding.resource(found.value);
  return resource && plain(resource.expr, resource.type);
}

type ResourcesBinding = Extract<Binding, { kind: 'resources' }>;

function evaluateRead(raw: Node, scope: Scope): { value: unknown; binding: ResourcesBinding } | undefined {
  const node = unwrap(raw);
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name, node);
    return binding?.kind === 'resources' ? { value: binding.value, binding } : undefined;
  }
  if (node.type === 'MemberExpression') {
    const key = literalKey(node);
    const object = key === undefined ? undefined : evaluateRead(node.object, scope);
    return object && readProperty(object, (value) => (value as Record<string | number, unknown>)[key as string | number]);
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const key = literalKey(node.callee);
    const args = node.arguments.map((arg) => unwrap(arg as Node));
    if (key === undefined || !args.every((arg) => arg.type === 'StringLiteral' || arg.type === 'NumericLiteral' || arg.type === 'BooleanLiteral')) return undefined;
    const object = evaluateRead(node.callee.object, scope);
    const values = args.map((arg) => (arg as { value: unknown }).value);
    return object && readProperty(object, (value) => {
      const method = (value as Record<string | number, unknown>)[key];
      return typeof method === 'function' ? (method as (...a: unknown[]) => unknown).apply(value, values) : undefined;
    });
  }
  return undefined;
}

function readProperty(from: { value: unknown; binding: ResourcesBinding }, read: (value: unknown) => unknown): { value: unknown; binding: ResourcesBinding } | undefined {
  if (typeof from.value !== 'object' && typeof from.value !== 'function') return undefined;
  if (from.value === null) return undefined;
  return { value: read(from.value), binding: from.binding };
}
