/**
 * Whether a value may depend on a reference (the spec, a resource, a loop item): the names it reads, followed
 * through the locals and functions they stand for and through whatever changes them.
 */
import type { Identifier, Node } from '@babel/types';
import { eachChild, unwrap } from './ast.js';
import { functionScope } from './local-scope.js';
import { madeBinding, namedBinding, propertyOf, withCallerMade, type Binding, type Scope } from './scope.js';

/**
 * True when the value of `node` may depend on a reference (the spec, a resource, a loop item): through the
 * names it reads, the locals and functions those stand for, and anything that changes them.
 */
export function mentionsReferences(node: Node, scope: Scope): boolean {
  return mentionsIn(node, scope, { nodes: undefined });
}

/** The nodes whose reads were already followed in one question (made on the first binding followed). */
interface Followed {
  nodes: Set<Node> | undefined;
}

interface MentionWalk {
  readonly scope: Scope;
  readonly followed: Followed;
  found: boolean;
}

// Asked for most values of every factory call: one state object per question, no closure or set per walk.
function mentionsIn(node: Node, scope: Scope, followed: Followed): boolean {
  const state: MentionWalk = { scope, followed, found: false };
  visitMention(node, undefined, state, undefined);
  return state.found;
}

function visitMention(node: Node, parent: Node | undefined, state: MentionWalk, _unused: undefined): void {
  if (state.found) return;
  // A factory call written inline stands for the resource it made: `Deployment({ name: 'web' }).status.x`.
  if (node.type === 'CallExpression' && madeBinding(node, state.scope)) {
    state.found = true;
    return;
  }
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
    const read = literalProperty(node, state.scope);
    if (read === null) return;
    const property = read?.property;
    if (property) {
      if (firstFollow(property.value, state.followed) && mentionsIn(property.value, property.scope, state.followed)) state.found = true;
      return;
    }
    // `name.key` (most reads): the name's binding was just looked up; its children are the name and a key, which reads nothing.
    if (read?.object) {
      if (bindingMentions(read.held?.kind === 'module' ? namedBinding(node, state.scope)?.binding : read.held, state.followed, state.scope)) state.found = true;
      return;
    }
  }
  if (node.type === 'Identifier') {
    const isPropertyName =
      (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed;
    const isObjectKey = parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed;
    if (!isPropertyName && !isObjectKey && bindingMentions(memberBinding(node, parent, state.scope), state.followed, state.scope)) {
      state.found = true;
      return;
    }
  }
  eachChild(node, state, undefined, visitMention);
}

/** The binding of a name; for a namespace import read as `H.x`, that of the export `x`. */
function memberBinding(name: Identifier, parent: Node | undefined, scope: Scope): Binding | undefined {
  const binding = scope.lookup(name.name, name);
  if (binding?.kind !== 'module' || !parent || (parent.type !== 'MemberExpression' && parent.type !== 'OptionalMemberExpression') || parent.object !== name) return binding;
  return namedBinding(parent, scope)?.binding;
}

/** `scope`: where the name is read; a function read there sees the resources its calls made through it. */
function bindingMentions(binding: Binding | undefined, followed: Followed, scope: Scope): boolean {
  if (!binding) return false;
  switch (binding.kind) {
    case 'value':
    case 'resources':
      return true;
    case 'unsupported':
      return binding.ofDefinition !== true;
    case 'constant':
    case 'cel':
    // A namespace alone (`f(H)`): its members are read where the callee reads them.
    case 'module':
      return false;
    case 'alias':
      return firstFollow(binding.node, followed) && mentionsIn(binding.node, binding.scope, followed);
    case 'function': {
      if (!firstFollow(binding.fn, followed)) return false;
      const inner = functionScope(binding.fn, withCallerMade(binding.scope, scope), () => false);
      // A parameter's default is part of what a call computes: `(n = \`${d.status.x}\`.length) => n`.
      return binding.fn.params.some((param) => mentionsIn(param, inner, followed)) || mentionsIn(binding.fn.body, inner, followed);
    }
    case 'opaque':
      if (binding.holdsReferences === true || binding.writes.some((write) => write.fromClosure === true)) return true;
      for (const write of binding.writes) {
        if (write.value !== undefined && firstFollow(write.value, followed) && mentionsIn(write.value, binding.scope, followed)) return true;
        for (const guard of write.guards) if (firstFollow(guard, followed) && mentionsIn(guard, binding.scope, followed)) return true;
        // `data[spec.name] = 'x'`: the key written depends on a reference, as a value would.
        for (const key of computedKeys(write.target)) if (firstFollow(key, followed) && mentionsIn(key, binding.scope, followed)) return true;
      }
      return false;
  }
}

/** The computed keys of a write's target (`spec.name` of `data[spec.name]`, both of `o[a][b]`). */
function computedKeys(target: Node): Node[] {
  const keys: Node[] = [];
  for (let node = unwrap(target); node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression'; node = unwrap(node.object)) {
    if (node.computed) keys.push(node.property as Node);
  }
  return keys;
}

/** True the first time `node` is followed in one question (a local read twice, or a recursive helper, once). */
function firstFollow(node: Node, followed: Followed): boolean {
  const nodes = (followed.nodes ??= new Set());
  if (nodes.has(node)) return false;
  nodes.add(node);
  return true;
}

/**
 * The property a member read takes from an object literal its object stands for (`o.id`, with `o` a helper's
 * parameter given `{ name: w.name, id: 'worker' }`): only that property's value decides whether the read depends
 * on a reference, not its siblings. `null` when the literal has no such property (the read is `undefined`);
 * no `property` (or undefined) when the object is not such a literal, or the property may be another (a computed key, a method or
 * getter, a name `Object.prototype` answers): the whole object is followed then. For a read of a literal key of
 * a name written as is (`o.id`, `o['id']`), `object` is that name and `held` its binding, so that the walk need
 * not look it up again.
 */
function literalProperty(
  member: Node & { type: 'MemberExpression' | 'OptionalMemberExpression' },
  scope: Scope,
): { property?: { value: Node; scope: Scope }; object?: Identifier; held?: Binding } | null | undefined {
  const key = !member.computed && member.property.type === 'Identifier' ? member.property.name : member.property.type === 'StringLiteral' ? member.property.value : undefined;
  const object = unwrap(member.object);
  if (key === undefined || key in Object.prototype || object.type !== 'Identifier') return undefined;
  // An alias (a `const`, a helper's parameter) is its initialiser or argument, as given: changed ones are opaque.
  const held = scope.lookup(object.name, object);
  const found = propertyOf(held, key);
  if (found === 'absent') return null;
  if (found !== 'unknown' && found.property.type === 'ObjectProperty') return { property: { value: found.property.value, scope: found.scope } };
  return member.object === object ? { object, held } : undefined;
}
