/**
 * Arguments TypeKro uses when the composition is defined rather than writing them into a manifest: a
 * resource's id, a YAML file's path, a custom resource's apiVersion and kind, the targets of dependsOn().
 * JavaScript computes them on placeholders, where a reference is always truthy (`spec.prod ? a : b` is
 * always `a`), so one that depends on a reference would be the same for every instance. It is refused.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { syntaxError } from '../analysis/errors.js';
import { literalOf } from '../analysis/literal-reads.js';
import { mentionsReferences } from '../analysis/mentions.js';
import type { Scope } from '../analysis/scope.js';
import { snippetOf } from '../analysis/source.js';
import type { FixedArgument } from '../model/resource.js';

/**
 * Fails when the part of `argument` at `path` (a property of an options object; the whole argument when it
 * is not an object literal, as in `yamlFile('./a.yaml')`) depends on a reference.
 */
export function refuseComputed(argument: Node, scope: Scope, fixed: FixedArgument): void {
  const { what, hint } = fixed;
  let node: Node = argument;
  let inScope = scope;
  for (const key of fixed.path ?? []) {
    const literal = literalOf(node, inScope);
    if (!literal || literal.node.type !== 'ObjectExpression') break;
    const found = propertyNode(literal.node, key, literal.scope, what, hint);
    if (!found) return;
    node = found;
    inScope = literal.scope;
  }
  if (fixed.handles && isNamedValue(unwrap(node), inScope)) return;
  if (mentionsReferences(node, inScope)) throw refusal(node, what, hint);
}

/** `x.method(...)`. */
export function isMethodCall(call: Node, method: string): boolean {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return false;
  const callee = unwrap(call.callee as Node);
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === method;
}

/** The value written for `key` (the last one wins); a spread after it that depends on a reference is refused with it. */
function propertyNode(object: Node & { type: 'ObjectExpression' }, key: string, scope: Scope, what: string, hint: string): Node | undefined {
  for (const property of [...object.properties].reverse()) {
    if (property.type === 'SpreadElement' && mentionsReferences(property, scope)) throw refusal(property, what, hint);
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
    if (name === key) return unwrap(property.value as Node);
  }
  return undefined;
}

function refusal(node: Node, what: string, hint: string): Error {
  return syntaxError(
    node,
    `${what} is decided when the composition is defined, so it cannot depend on the spec or the cluster: JavaScript computed \`${snippetOf(node)}\` on a placeholder, and the result would hold for every instance`,
    hint,
  );
}

/** A name or a member read (`db`, `app.db`) of a value as JavaScript holds it, not of an alias for a choice (`const t = c ? a : b`). */
function isNamedValue(node: Node, scope: Scope): boolean {
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name, node);
    return binding?.kind === 'alias' ? isNamedValue(unwrap(binding.node), binding.scope) : true;
  }
  return node.type === 'MemberExpression' && !node.computed && isNamedValue(unwrap(node.object), scope);
}
