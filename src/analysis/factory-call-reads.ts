/**
 * Factory calls inside an expression, for the scopes of local-scope.ts: whether there is one, whether each is
 * read through (`Deployment({...}).status.readyReplicas`: a field of the resource, not the handle).
 */
import type { Node } from '@babel/types';
import { unwrap, walk } from './ast.js';

/** Calls that create resources: such initialisers are handles, bound by the composition run, not aliases. */
export type IsFactoryCall = (call: Node) => boolean;

/**
 * Whether every factory call in `node` is read through (`Deployment({...}).status.readyReplicas > 0`): the
 * value is a field of the resource the call made, not the handle, and compiles like any read of it (the
 * inline call stands for its resource, see `madeByCall`).
 */
export function onlyReadsThroughCalls(node: Node, isFactoryCall: IsFactoryCall): boolean {
  let handle = false;
  walk(node, (child, parent) => {
    if (handle) return false;
    if ((child.type === 'CallExpression' || child.type === 'NewExpression') && isFactoryCall(child)) handle = !isFieldRead(child, parent);
    return !handle;
  });
  return !handle;
}

/** Whether `call` (a factory call inside `root`) is read through where it is written: see {@link onlyReadsThroughCalls}. */
export function isReadThrough(root: Node, call: Node): boolean {
  let through = false;
  walk(root, (child, parent) => {
    if (child === call) through = isFieldRead(call, parent);
    return child !== call;
  });
  return through;
}

function isFieldRead(call: Node, parent: Node | undefined): boolean {
  if (parent?.type !== 'MemberExpression' && parent?.type !== 'OptionalMemberExpression') return false;
  return parent.object === call && !parent.computed && parent.property.type === 'Identifier' && ['status', 'metadata', 'spec', 'data', 'stringData'].includes(parent.property.name);
}

export function isFactoryCallNode(node: Node, isFactoryCall: IsFactoryCall): boolean {
  const value = node.type === 'AwaitExpression' ? unwrap(node.argument) : node;
  return (value.type === 'CallExpression' || value.type === 'NewExpression') && isFactoryCall(value);
}

export function containsFactoryCall(node: Node, isFactoryCall: IsFactoryCall): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return false;
    if ((child.type === 'CallExpression' || child.type === 'NewExpression') && isFactoryCall(child)) found = true;
    return !found;
  });
  return found;
}
