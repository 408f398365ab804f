/**
 * What an identifier in a composition function means. The model layer builds the scope from what the
 * composition function did at definition time; the analysis layer resolves names through it.
 */
import type { Expr } from '../ir/expr.js';
import type { CelType } from '../ir/types.js';

export type Binding =
  /** A value known to the compiler: the spec parameter (`schema.spec`), a resource (its id), an iterator, a local. */
  | {
      readonly kind: 'value';
      readonly expr: Expr;
      readonly type: CelType;
      /** Set on a KRO collection (a forEach resource): the name stands for the list of its objects. */
      readonly collection?: true;
      /**
       * The name's JavaScript value is not its meaning (a collection, `const parts = s.split('.')`): even a
       * plain read of it (`parts[0]`) must be compiled from source.
       */
      readonly fromSource?: true;
    }
  /** A plain JavaScript constant whose value was observed (e.g. a literal or a captured constant). */
  | { readonly kind: 'constant'; readonly value: string | number | boolean | null }
  /**
   * The `Cel` escape hatches (`Cel.expr`, `Cel.cond`, `Cel.template`, `Cel.has`), compiled from source like
   * any other call. `print` turns an expression into CEL text for `Cel.expr`'s pasted parts.
   */
  | { readonly kind: 'cel'; readonly print: (expr: Expr) => string }
  /** A name whose JavaScript value has no CEL meaning the compiler can keep: any use is an error. */
  | { readonly kind: 'unsupported'; readonly why: string; readonly hint: string };

export interface Scope {
  lookup(name: string): Binding | undefined;
}

export function scopeOf(bindings: Readonly<Record<string, Binding>>, parent?: Scope): Scope {
  return {
    lookup: (name) => (Object.hasOwn(bindings, name) ? bindings[name] : parent?.lookup(name)),
  };
}
