/**
 * Lists whose objects are known when the composition is defined: the resources (or nested compositions) a
 * loop over a constant list made (`const ds = ['dev', 'prod'].map((e) => Deployment(...))` binds `ds` to
 * `[ds, deployment]`, composition/collections.ts), or a literal of handles (`const all = [web, api]`). In
 * JavaScript such a list holds exactly those handles, so its methods are unrolled item by item, each item read
 * as the one resource it is, as if the reads were written out by hand: `ds.every((d) => p(d))` is
 * `p(ds) && p(deployment)`, `ds.some` an `||`, `ds.map((d) => f(d))` the list `[f(ds), f(deployment)]`,
 * `ds.length` the number of handles and `ds[0]` the first one. A macro over the list (`[ds, deployment].all(...)`)
 * would mean the same once every object is observed, but it waits for all of them (the whole list is unknown
 * until then) where JavaScript already counts `ds.length`, and where `&&` already knows `false`; and cel-go types
 * a list of differently typed objects as `dyn`. Other methods (`filter`, `find`, `join` of the mapped list) keep
 * their CEL form over the literal.
 */
import { assertedMappedValue } from './mapped-undefined.js';
import type { Node } from '@babel/types';
import { E, type Expr } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { syntaxError } from './errors.js';
import { snippetOf } from './source.js';
import type { Scope } from './scope.js';
import { plain, toDouble, type Compiler, type Typed } from './typed.js';

/** The methods unrolled here; the others go on to the list-method compiler's CEL macros. */
export const UNROLLED_METHODS: ReadonlySet<string> = new Set(['every', 'some', 'map']);

/**
 * The objects of a list known item by item: a list literal of whole objects (root names: resource ids,
 * nested compositions, a callback's item), never empty. Undefined for anything else.
 */
export function fixedItems(t: Typed): readonly Expr[] | undefined {
  if (t.absent || t.nullish || t.expr.kind !== 'list' || t.expr.items.length === 0) return undefined;
  return t.expr.items.every((item) => item.kind === 'ident') ? t.expr.items : undefined;
}

/** What an unrolled method needs: the items, and the callback's body with its parameter bound to one of them. */
export interface Unrolling {
  readonly items: readonly Expr[];
  readonly c: Compiler;
  readonly callback: (item: Expr) => { readonly node: Node; readonly scope: Scope };
}

/** `every`, `some` or `map` over fixed items (see {@link UNROLLED_METHODS}). */
export function unrolledListMethod(name: string, unrolling: Unrolling): Typed {
  const { items, c, callback } = unrolling;
  if (name === 'map') return mapped(unrolling);
  // JavaScript's `every` and `some` stop at the first answer; CEL's `&&` and `||` give the same answer in any order.
  const tests = items.map((item) => {
    const { node, scope } = callback(item);
    return c.condition(node, scope);
  });
  const op = name === 'every' ? '&&' : '||';
  return plain(tests.slice(1).reduce((all, test) => E.binary(op, all, test), tests[0]!), T.bool);
}

function mapped({ items, c, callback }: Unrolling): Typed {
  const values = items.map((item) => {
    const { node, scope } = callback(item);
    const t = c.value(node, scope);
    // The same refusal the `map` macro gives: a list item CEL holds is never `undefined`.
    if (t.absent || t.nullish) {
      // JavaScript's list holds `undefined` there, which no CEL list can: a default is a choice of another value.
      throw assertedMappedValue(node, "''") ?? syntaxError(node, 'a mapped value that may be undefined: JavaScript\'s list holds `undefined` there, which a CEL list cannot hold', `give it the value the list should hold instead with \`??\` (\`${snippetOf(node)} ?? ''\`), or map only the objects that have it`);
    }
    return t;
  });
  // Items of different kinds may map to numbers of both kinds: JavaScript has one number type, CEL's list one item type.
  const kinds = new Set(values.map((t) => t.type.kind));
  if (kinds.size > 1 && [...kinds].every((kind) => kind === 'int' || kind === 'double')) return plain(E.list(values.map((t) => toDouble(t).expr)), T.list(T.double));
  const [first] = values;
  const same = values.every((t) => JSON.stringify(t.type) === JSON.stringify(first!.type));
  return plain(E.list(values.map((t) => t.expr)), T.list(same ? first!.type : kinds.size === 1 && kinds.has('string') ? T.string : T.dyn));
}
