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
import { calleeFollowed } from '../analysis/call-writes.js';
import { callChangesArgument } from '../analysis/local-scope.js';
import type { Binding, Scope } from '../analysis/scope.js';
import { snippetOf } from '../analysis/source.js';
import { rebindsName, sharedRoots, writtenObject, type CallLike, type Write } from '../analysis/writes.js';
import { unwrap } from '../analysis/ast.js';
import { isFactoryCall } from './factory-call.js';
import { recordedWriteRefusal } from './reference-write-site.js';

/**
 * Refuses a mutating method call, `delete` or assignment whose target is a field of the spec, an item or a
 * resource: the writes the declarations walk recorded in `fn` and the functions nested in it (writes.ts),
 * also through a local that aliases one (`const zones = spec.zones; if (!spec.keepOrder) zones.sort()`) and
 * through a helper that changes its argument (`sorter(spec.zones)`): trial 7a H19.
 */
export function checkReferenceWrites(fn: FunctionNode, scope: Scope): void {
  for (const write of declarationsOf(fn.body).allWrites) {
    const refused = refusal(write, scope);
    if (refused) throw refused;
  }
}

function refusal(write: Write, scope: Scope): Error | undefined {
  if (write.nested || write.how === 'init' || rebindsName(write)) return undefined;
  if (write.how === 'passed') {
    // The callee may change anything inside what it is given.
    if (!writesReference(write.target, scope, false, write.how, new Set()) || !callChangesArgument(write, scope, isFactoryCall)) return undefined;
    return passedRefusal(write, scope);
  }
  if (!writesReference(writtenObject(write), scope, true, write.how, new Set())) return undefined;
  switch (write.how) {
    case 'mutator':
      return recordedWriteRefusal(write.node, write.target, 'method', write.method);
    case 'delete':
      return recordedWriteRefusal(write.node, write.target, 'delete');
    default:
      return recordedWriteRefusal(write.node, write.target, 'assign');
  }
}

/**
 * Whether the object `node` (changed by a write) is, or is inside, a reference: a field of the spec
 * parameter, of a loop item or of a resource handle (`spec.zones`, `svc.spec`), followed through the locals
 * that alias one (`const l = spec.zones`, `const { m } = spec`, `const sp: any = spec`). `top`: the write
 * changes `node`'s own object (`l.sort()`), so a new container (`[...spec.zones].sort()`) is not one.
 */
function writesReference(node: Node, scope: Scope, top: boolean, how: Write['how'], seen: Set<Node>): boolean {
  for (const root of sharedRoots(node)) {
    const whole = top && root.whole;
    if (top && root.fresh) continue;
    const binding = scope.lookup(root.name.name, root.name);
    if (binding && referenceBinding(binding, whole, how, scope, seen)) return true;
  }
  return false;
}

function referenceBinding(binding: Binding, whole: boolean, how: Write['how'], scope: Scope, seen: Set<Node>): boolean {
  switch (binding.kind) {
    // A forEach collection's name stands for its list, not a reference to change; its items are. The same for
    // the list a loop over a constant list fills (collections.ts refuses any other change to it).
    case 'value':
      return !(whole && (binding.collection || binding.fixedList));
    // `svc.x = 1` changes the handle; `svc.push()` is no write of a resource's field.
    case 'resources':
      return !(whole && how === 'mutator');
    case 'alias':
      return followed(binding.node, seen) && writesReference(binding.node, binding.scope, whole, how, seen);
    case 'opaque':
      // A `let` or a changed `const`: each value it is given (its initialiser, a reassignment).
      return binding.writes.some((write) => (write.how === 'init' || rebindsName(write)) && write.value !== undefined && followed(write.value, seen) && writesReference(write.value, binding.scope, whole, how, seen));
    default:
      return false;
  }
}

function followed(node: Node, seen: Set<Node>): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  return true;
}

/**
 * `sorter(spec.zones)` where `sorter` changes its parameter: worded as the method it amounts to; where the
 * callee cannot be followed to a function (`const f = c ? g : h`), worded as what TypeKro cannot tell.
 */
function passedRefusal(write: Write, scope: Scope): Error {
  const call = write.node as CallLike;
  const callee = unwrap(call.callee);
  return recordedWriteRefusal(write.node, write.target, calleeFollowed(call, scope) ? 'method' : 'unknown call', snippetOf(callee));
}
