/**
 * An observed forEach collection is a list with one object per item the spec makes (trial 8 T15). A list of
 * another length is the test's own input, not a cluster state both sides can agree on: JavaScript's
 * `cms.length` counts the resources the function created, the compiled `size(cms)` the objects observed, so
 * the cross-check would call it a TypeKro bug. `evaluateConcrete` and `simulate` refuse it with the counts
 * and what to pass instead.
 */
import { TypeKroError } from '../util/errors.js';

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
