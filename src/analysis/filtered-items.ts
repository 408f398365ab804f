/**
 * What the items of a filtered list are known to satisfy. In `l.filter((x) => (x.v ?? 0) > 0).map((x) => `${x.v}`)`
 * every item `.map` is given made the filter's test true, in JavaScript and in CEL alike (CEL's `filter` keeps
 * exactly the items whose body is true; one whose body errors fails the whole expression). The test's `&&`
 * terms, written for the callback's own item, are then conditions known to hold in the callback, as those of
 * an `if` around it are: the presence tests they establish (`has(x.v)`, or `x.?v.orValue(0) > 0`, which the
 * default fails; absent-spec.ts `implies`) need no default there. Nothing else is concluded from them.
 */
import { type Expr } from '../ir/expr.js';
import { guardTerms } from './absent-spec.js';
import { identifierNames, renameIdent } from './rename.js';

/**
 * The conditions every item of `list` satisfies, written for the callback item named `item` (the callback's
 * placeholder): the terms of each `filter` the list is the result of (`l.filter(a).filter(b)`: both). None
 * where `list` is not a filter's result, or where a filter's body already has the name `item` (an outer
 * callback's item of the same name, which the renamed terms would confuse with this one).
 *
 * @example
 * ```ts
 * // list: schema.spec.l.filter(x, has(x.v) && x.v != 0)
 * filteredItemGuards(list, '__typekro_lambda_y'); // [has(__typekro_lambda_y.v), __typekro_lambda_y.v != 0]
 * ```
 */
export function filteredItemGuards(list: Expr, item: string): Expr[] {
  const guards: Expr[] = [];
  for (let node = list; node.kind === 'macro' && node.macro === 'filter' && node.index === undefined; node = node.target) {
    if (identifierNames(node.body).has(item)) return [];
    guards.push(...guardTerms(renameIdent(node.body, node.variable, item)));
  }
  return guards;
}
