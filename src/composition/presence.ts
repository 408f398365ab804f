/**
 * Which fields of a nested composition's spec may be absent. (Whether a condition guarantees that spec
 * data is there is the analysis layer's `implies`, in `analysis/absent-spec.ts`.)
 */
import { fieldOf, type CelType } from '../ir/types.js';

/**
 * True when the field at `path` of an object type may be absent (an optional spec field of a nested
 * composition, where the parent may pass `undefined`).
 *
 * @example
 * ```ts
 * optionalAt(schemaToCelType(child.spec), ['replicas']); // true for `'replicas?': 'number'`
 * ```
 */
export function optionalAt(type: CelType, path: readonly string[]): boolean {
  let current: CelType | undefined = type;
  let optional = false;
  for (const segment of path) {
    const field: ReturnType<typeof fieldOf> = current && fieldOf(current, segment);
    if (!field) return false;
    optional = field.optional;
    current = field.type;
  }
  return optional;
}
