/**
 * An observed forEach collection is a list with one object per item the spec makes (trial 8 T15). A list of
 * another length is the test's own input, not a cluster state both sides can agree on: JavaScript's
 * `cms.length` counts the resources the function created, the compiled `size(cms)` the objects observed, so
 * the cross-check would call it a TypeKro bug. `evaluateConcrete` and `simulate` refuse it with the counts
 * and what to pass instead, through {@link checkCollectionCounts}: one rule, each side giving its own count.
 */
import type { CompositionGraph, ResourceNode } from '../ir/graph.js';
import { referencedRoots } from '../ir/expr.js';
import { TypeKroError } from '../util/errors.js';

/**
 * Refuses an observed collection whose list length is not the number of objects this spec makes. `made(id)`
 * is the caller's count (JavaScript's items, the planner's rendered manifests), `undefined` when it has none
 * to hold the list to (not rendered yet, or its items are conditional). Only collections the spec alone
 * decides are counted (see {@link countedCollection}).
 *
 * @example checkCollectionCounts(graph, new Map([['cms', [{}]]]), () => 2); // throws 'observed["cms"] has 1 object, but ...'
 */
export function checkCollectionCounts(graph: CompositionGraph, observed: Iterable<readonly [string, unknown]>, made: (id: string) => number | undefined): void {
  for (const [id, list] of observed) {
    const resource = graph.resources.find((candidate) => candidate.id === id);
    if (!resource || !Array.isArray(list) || !countedCollection(resource)) continue;
    const count = made(id);
    if (count !== undefined && list.length !== count) throw collectionCountError(id, resource.kind, list.length, count);
  }
}

/**
 * A collection whose item count the spec alone decides. Not one a condition decides: its items may be made
 * and excluded, or not made at all where the condition is false while objects from before are still observed.
 * Not one whose list reads observed objects (`spec.tags.filter((t) => cm.data...)`): another observation
 * may make another count.
 */
function countedCollection(resource: ResourceNode): boolean {
  if (resource.forEach.length === 0 || resource.includeWhen.length > 0) return false;
  return resource.forEach.every((dimension) => referencedRoots(dimension.source).every((root) => root === 'schema'));
}

/**
 * The refusal of `observed[id]` holding `given` objects where the composition makes `made` for this spec.
 *
 * @example collectionCountError('cms', 'ConfigMap', 1, 2).message.startsWith('observed["cms"] has 1 object'); // => true
 */
export function collectionCountError(id: string, kind: string, given: number, made: number): TypeKroError {
  const has = `observed["${id}"] has ${given} object${given === 1 ? '' : 's'}`;
  if (made === 0) {
    return new TypeKroError('USAGE', `${has}, but for this spec the composition makes no ${kind} in the collection "${id}" (the list it iterates is empty); give [] or leave "${id}" out`);
  }
  const example = `[${Array.from({ length: Math.min(made, 3) }, () => '{}').join(', ')}${made > 3 ? ', ...' : ''}]`;
  return new TypeKroError(
    'USAGE',
    `${has}, but for this spec the composition makes ${made} ${kind} object${made === 1 ? '' : 's'} in the collection "${id}" (one per item of the list it iterates); give ${made}, one per item in the list's order (e.g. ${example}), or leave "${id}" out while the collection is not created`,
  );
}
