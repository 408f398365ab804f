/**
 * Writes to references in any branch: `spec.zones.sort()`, `spec.zones.push('backup')`, `delete spec.m.k`,
 * `svc.spec.ports.push(...)`, `spec.replicas = 3`. A reference's value exists only in the cluster; JavaScript ran
 * such a statement on a placeholder (or skipped its branch), so the graph would read the unchanged value. A
 * reference proxy refuses a write when it runs; this refuses it from source, so a branch JavaScript skipped
 * cannot hide one.
 */
import type { Node } from '@babel/types';
import { factoryCallsIn, type FunctionNode } from '../analysis/composition.js';
import type { Scope } from '../analysis/scope.js';
import { walk } from '../analysis/ast.js';
import { referenceWriteRefusal } from './reference-write-site.js';

/** The methods that change the array (or map) they are called on. */
const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add']);

/** Refuses a mutating method call, `delete` or assignment whose target is a field of the spec, an item or a resource. */
export function checkReferenceWrites(fn: FunctionNode, scope: Scope): void {
  for (const call of factoryCallsIn(fn)) {
    if (call.type === 'NewExpression') continue;
    const callee = call.callee;
    if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') continue;
    if (!MUTATORS.has(callee.property.name) || !isReferencePath(callee.object, scope, true)) continue;
    throw referenceWriteRefusal(call);
  }
  walk(fn.body, (node) => {
    if (node.type === 'UnaryExpression' && node.operator === 'delete' && isReferencePath(node.argument, scope, false)) {
      throw referenceWriteRefusal(node);
    }
    if ((node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') && isReferencePath(node.type === 'AssignmentExpression' ? node.left : node.argument, scope, false)) {
      throw referenceWriteRefusal(node);
    }
    return true;
  });
}

/**
 * Whether `node` is a path into a reference: a field of the spec parameter, of a loop item or of a resource
 * handle (`spec.zones`, `svc.spec.ports`). `whole`: the root itself counts (`spec.push` is nonsense, but a
 * loop item list is a reference too).
 */
function isReferencePath(node: Node, scope: Scope, whole: boolean): boolean {
  let depth = 0;
  let root = node;
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression' || root.type === 'TSNonNullExpression') {
    root = root.type === 'TSNonNullExpression' ? root.expression : root.object;
    if (root.type !== 'TSNonNullExpression') depth++;
  }
  if (root.type !== 'Identifier' || (depth === 0 && !whole)) return false;
  const binding = scope.lookup(root.name, root);
  if (!binding) return false;
  if (binding.kind === 'value') return !binding.collection || depth > 0;
  return binding.kind === 'resources' && depth > 0;
}
