/**
 * The expression trees of the program generator (generated-expressions.ts builds them): plain data, so
 * fast-check can shrink and print them, and the scope an expression is drawn for.
 */
/** `list`: a list of strings; `ints`: a list of integers. */
export type ExprType = 'bool' | 'int' | 'num' | 'str' | 'list' | 'ints';

/** A leaf or an operator; `op` is a template whose `$0`, `$1`, ... are the rendered arguments. */
export type Expr =
  | { readonly k: 'spec'; readonly field: string }
  | { readonly k: 'lit'; readonly text: string }
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'op'; readonly op: string; readonly args: readonly Expr[] };

/** What an expression may read where it is placed. */
export interface GenScope {
  /** String variables in scope: a loop variable, callback parameters. */
  readonly vars: readonly string[];
  /** Integer variables in scope: a destructured callback parameter's `replicas` (with a default). */
  readonly ints?: readonly string[];
  /** Deployments declared before (`r0`): their observed status may be read. */
  readonly observed: readonly string[];
  /** ConfigMaps declared before with a `data.v` (`r1`). */
  readonly configMaps?: readonly string[];
  /** Collections declared before (`const r2 = spec.tags.map((t) => ConfigMap(...))`), maybe empty. */
  readonly collections?: readonly string[];
  /**
   * ConfigMaps made over a constant list (`const r1 = ['a', 'b-c', 'Zz'].map((t) => ConfigMap(...))`), also in
   * `collections`: three handles, each with a `data.v`, whose reads unroll item by item.
   */
  readonly fixedLists?: readonly string[];
  /** In a readyWhen callback: only `self` may be read, no spec. */
  readonly self?: boolean;
  /**
   * The receiver of a text method whose CEL is exact only on narrow text (case mapping, trim, positions): its
   * text leaves are the spec's ASCII fields and literals, not observed data or locals, which may hold any
   * character (such a receiver is refused, WIDE_TEXT, and too many refusals would leave little compiled).
   */
  readonly ascii?: boolean;
  /**
   * Inside text made from a boolean (`String(b)`, `` `b${b}` ``): the optional `flag` is drawn one time in eight
   * there, as text of its `undefined` is refused (OPTIONAL_WITHOUT_DEFAULT) and most programs must define.
   */
  readonly text?: boolean;
  /**
   * Where JavaScript's `undefined` of the optional `count` (no default) is exact, so its plain read is drawn as
   * often as any number: a comparison (`undefined > 0` is false), `!`, the left of `??`/`||`, a substring index,
   * a status field (pending). Elsewhere (arithmetic, text, `Number()`, a manifest field) it is refused, and drawn
   * one time in 24 among the numbers so most programs define.
   */
  readonly rawCount?: boolean;
  /** Under a test that `count` is set (`if (spec.count > 1)`): its plain read is exact anywhere. */
  readonly countSet?: boolean;
}
