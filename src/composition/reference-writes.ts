/**
 * Writes to references in any branch: `spec.zones.sort()`, `spec.zones.push('backup')`, `delete spec.m.k`,
 * `svc.spec.ports.push(...)`, `spec.replicas = 3`. A reference's value exists only in the cluster; JavaScript ran
 * such a statement on a placeholder (or skipped its branch), so the graph would read the unchanged value. A
 * reference proxy refuses a write when it runs; this refuses it from source, so a branch JavaScript skipped
 * cannot hide one.
 */
import type { Node } from '@babel/types';
import type { FunctionNode } from '../analysis/composition.js';
import { declarationsOf } from '../analysis/declarations.js';
import type { Scope } from '../analysis/scope.js';
import type { Write } from '../analysis/writes.js';
import { unwrap } from '../analysis/ast.js';
import { recordedWriteRefusal } from './reference-write-site.js';

/**
 * Refuses a mutating method call, `delete` or assignment whose target is a field of the spec, an item or a
 * resource: the writes the declarations walk recorded in `fn` and the functions nested in it (writes.ts).
 */
export function checkReferenceWrites(fn: FunctionNode, scope: Scope): void {
  for (const write of declarationsOf(fn.body).allWrites) {
    const refused = refusal(write, scope);
    if (refused) throw refused;
  }
}

function refusal(write: Write, scope: Scope): Error | undefined {
  if (write.nested) return undefined;
  switch (write.how) {
    case 'mutator':
      return isReferencePath(write.target, scope, true) ? recordedWriteRefusal(write.node, write.target, 'method', write.method) : undefined;
    case 'delete':
      return isReferencePath(write.target, scope, false) ? recordedWriteRefusal(write.node, write.target, 'delete') : undefined;
    case 'assign':
    case 'pattern':
    case 'update':
      return isReferencePath(write.target, scope, false) ? recordedWriteRefusal(write.node, write.target, 'assign') : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether `node` is a path into a reference: a field of the spec parameter, of a loop item or of a resource
 * handle (`spec.zones`, `svc.spec.ports`). `whole`: the root itself counts (`spec.push` is nonsense, but a
 * loop item list is a reference too).
 */
function isReferencePath(node: Node, scope: Scope, whole: boolean): boolean {
  let depth = 0;
  let root = unwrap(node);
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression') {
    root = unwrap(root.object);
    depth++;
  }
  if (root.type !== 'Identifier' || (depth === 0 && !whole)) return false;
  const binding = scope.lookup(root.name, root);
  if (!binding) return false;
  if (binding.kind === 'value') return !binding.collection || depth > 0;
  return binding.kind === 'resources' && depth > 0;
}


