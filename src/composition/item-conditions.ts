/**
 * A condition on a loop's item (`if (w.enabled)` inside `for (const w of spec.workers)`) cannot be an
 * includeWhen: KRO evaluates includeWhen once per resource, where no iterator exists. It filters the loop's
 * list instead, which creates exactly the items JavaScript creates.
 *
 * A condition of the control flow around a loop's resource (`if (spec.on)` around or inside the loop) filters
 * the list too, even when it reads no item: JavaScript's list of the loop's resources is then empty, and an
 * empty KRO collection is a list of no objects (`size(deps)` is 0), where an excluded one leaves every status
 * field that reads it unset.
 */
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import type { ForEachDimension, SourceLocation } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';

/** The resource's includeWhen and forEach with every condition on an item moved into its loop's `filter`. */
export function foldItemConditions(
  id: string,
  includeWhen: readonly Expr[],
  forEach: readonly ForEachDimension[],
  source: SourceLocation | undefined,
  /** Fold the conditions that read no item too, into the outermost loop (control flow, see above). */
  everyCondition = false,
): { includeWhen: Expr[]; forEach: ForEachDimension[] } {
  if (forEach.length === 0) return { includeWhen: [...includeWhen], forEach: [] };
  const dimensions = [...forEach];
  const kept: Expr[] = [];
  for (const condition of includeWhen) {
    const items = referencedRoots(condition).filter((root) => dimensions.some((d) => d.name === root));
    if (items.length === 0 && !everyCondition) {
      kept.push(condition);
      continue;
    }
    if (items.length > 1) throw twoItems(id, items, source);
    const index = items.length === 0 ? 0 : dimensions.findIndex((d) => d.name === items[0]);
    const dimension = dimensions[index]!;
    dimensions[index] = { ...dimension, source: E.macro('filter', dimension.source, dimension.name, condition) };
  }
  return { includeWhen: kept, forEach: dimensions };
}

function twoItems(id: string, items: readonly string[], source: SourceLocation | undefined): TypeKroError {
  const at = source ? `${source.file}:${source.line}:${source.column}: ` : '';
  return new TypeKroError(
    'DEFINITION_INVALID',
    `${at}resource "${id}" is created under a condition that reads the items of two loops (${items.join(', ')}); ` +
      "KRO's forEach can filter each list by its own item only. Split the condition into one `if` per loop item " +
      '(each reading one loop variable), or compute the combined list in the spec',
  );
}
