/**
 * Expression IR: a small, CEL-shaped tree. The analysis layer builds it from JavaScript (making every
 * JavaScript-vs-CEL semantic decision there); `compile/cel` only prints it. Nodes are frozen plain data.
 */

/**
 * CEL numbers keep their kind: JavaScript integers in an int context are `int`, everything else `double`.
 *
 * @example
 * import type { Literal } from 'typekro';
 * const literal: Literal = { kind: 'string', value: 'nginx' };
 * literal.kind; // => 'string'
 */
export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'double'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' };

/**
 * The binary operators of expressions.
 *
 * @example
 * import type { BinaryOp } from 'typekro';
 * const op: BinaryOp = '==';
 * op; // => '=='
 */
export type BinaryOp =
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '+' | '-' | '*' | '/' | '%'
  | '&&' | '||' | 'in';

/**
 * An expression of the IR (compiled to CEL): literals, paths, operators, calls, conditionals, lists and maps.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition, type Expr } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
 *     return { ready: web.status.readyReplicas >= spec.replicas };
 *   },
 * );
 * const ready: Expr[] = [...app.graph.resources[0]!.readyWhen];
 * ready.length; // => 0
 */
export type Expr =
  | { readonly kind: 'literal'; readonly literal: Literal }
  /** A root name: `schema`, a resource id, a forEach iterator, `each`, or a comprehension variable. */
  | { readonly kind: 'ident'; readonly name: string }
  /** `target.field`, or `target.?field` when optional. */
  | { readonly kind: 'select'; readonly target: Expr; readonly field: string; readonly optional: boolean }
  /** `target[index]`, or `target[?index]` when optional. */
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr; readonly optional: boolean }
  /** `fn(args)` when `target` is absent, else the receiver-style `target.fn(args)`. */
  | { readonly kind: 'call'; readonly fn: string; readonly target?: Expr; readonly args: readonly Expr[] }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'map'; readonly entries: readonly { readonly key: Expr; readonly value: Expr }[] }
  /**
   * Macros with a lambda variable: `target.all(v, body)`, `exists`, `exists_one`, `filter`, `map`; with `index`
   * also, cel-go's two-variable comprehensions (`ext.TwoVarComprehensions`, which KRO enables):
   * `target.exists(i, v, body)` (`i` a list item's index or a map's key), `target.transformMapEntry(i, v,
   * body)`, whose body gives a map of entries to add (a repeated key is an error), and `target.transformMap(k, v,
   * body)` over a map, each key kept with its value replaced by the body's.
   */
  | {
      readonly kind: 'macro';
      readonly macro: MacroName;
      readonly target: Expr;
      readonly variable: string;
      readonly body: Expr;
      /** The first variable of a two-variable macro; absent in one-variable macros. */
      readonly index?: string;
    }
  /** String interpolation: literal text and expressions, each expression already string-typed. */
  | { readonly kind: 'template'; readonly parts: readonly (string | Expr)[] }
  /** Raw CEL text from an escape hatch (`Cel.expr`); printed verbatim, parenthesised when nested. */
  /** CEL text written by hand (`Cel.expr`, a readyWhen string); `at` is where (file:line:col), for its syntax errors. */
  | { readonly kind: 'raw'; readonly cel: string; readonly refs: readonly string[]; readonly at?: string };

/**
 * The macros of the IR: CEL's one-variable macros, and `transformMapEntry` and `transformMap`, which only have
 * a two-variable form (`exists_one` has none here: its two-variable form is spelled `existsOne`). A Secret's
 * `stringData: spec.creds` is deployed as `data` with `transformMap` (each value as base64).
 *
 * @example
 * import type { MacroName } from 'typekro';
 * const names: MacroName[] = ['transformMapEntry', 'transformMap'];
 * names.join(' '); // => 'transformMapEntry transformMap'
 */
export type MacroName = 'all' | 'exists' | 'exists_one' | 'filter' | 'map' | 'transformMapEntry' | 'transformMap';

const freezeNode = <T extends Expr>(node: T): T => Object.freeze(node);

/** Constructors keep call sites short and every node frozen. */
export const E = {
  str: (value: string): Expr => freezeNode({ kind: 'literal', literal: { kind: 'string', value } }),
  int: (value: bigint | number): Expr =>
    freezeNode({ kind: 'literal', literal: { kind: 'int', value: BigInt(value) } }),
  double: (value: number): Expr => freezeNode({ kind: 'literal', literal: { kind: 'double', value } }),
  bool: (value: boolean): Expr => freezeNode({ kind: 'literal', literal: { kind: 'bool', value } }),
  null: (): Expr => freezeNode({ kind: 'literal', literal: { kind: 'null' } }),
  ident: (name: string): Expr => freezeNode({ kind: 'ident', name }),
  select: (target: Expr, field: string, optional = false): Expr =>
    freezeNode({ kind: 'select', target, field, optional }),
  index: (target: Expr, index: Expr, optional = false): Expr =>
    freezeNode({ kind: 'index', target, index, optional }),
  call: (fn: string, args: readonly Expr[], target?: Expr): Expr =>
    freezeNode(target ? { kind: 'call', fn, target, args } : { kind: 'call', fn, args }),
  unary: (op: '!' | '-', operand: Expr): Expr => freezeNode({ kind: 'unary', op, operand }),
  binary: (op: BinaryOp, left: Expr, right: Expr): Expr => freezeNode({ kind: 'binary', op, left, right }),
  cond: (test: Expr, then: Expr, otherwise: Expr): Expr =>
    freezeNode({ kind: 'conditional', test, then, otherwise }),
  list: (items: readonly Expr[]): Expr => freezeNode({ kind: 'list', items }),
  map: (entries: readonly { key: Expr; value: Expr }[]): Expr => freezeNode({ kind: 'map', entries }),
  /** `target.macro(variable, body)`, or with `index` the two-variable `target.macro(index, variable, body)`. */
  macro: (macro: MacroName, target: Expr, variable: string, body: Expr, index?: string): Expr =>
    freezeNode(index === undefined ? { kind: 'macro', macro, target, variable, body } : { kind: 'macro', macro, target, variable, body, index }),
  template: (parts: readonly (string | Expr)[]): Expr => freezeNode({ kind: 'template', parts }),
  raw: (cel: string, refs: readonly string[] = [], at?: string): Expr => freezeNode(at === undefined ? { kind: 'raw', cel, refs } : { kind: 'raw', cel, refs, at }),
  /** A path of field names under a root identifier: `path('schema', 'spec', 'replicas')`. */
  path: (root: string, ...fields: string[]): Expr =>
    fields.reduce<Expr>((target, field) => E.select(target, field), E.ident(root)),
};

/**
 * The direct sub-expressions of `expr` (a macro's list and body, a template's expression parts), for walks
 * that handle the kinds they care about and descend through the rest.
 *
 * @example
 * ```ts
 * exprChildren(E.binary('+', E.int(1), E.path('schema', 'spec', 'n'))).length; // => 2
 * ```
 */
export function exprChildren(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'select':
      return [expr.target];
    case 'index':
      return [expr.target, expr.index];
    case 'call':
      return expr.target ? [expr.target, ...expr.args] : expr.args;
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'conditional':
      return [expr.test, expr.then, expr.otherwise];
    case 'list':
      return expr.items;
    case 'map':
      return expr.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'macro':
      return [expr.target, expr.body];
    case 'template':
      return expr.parts.filter((part): part is Expr => typeof part !== 'string');
    default:
      return [];
  }
}

/** The root identifiers an expression reads (resource ids, `schema`, iterators), in first-seen order. */
export function referencedRoots(expr: Expr, bound?: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  collectRoots(expr, bound, seen);
  return [...seen];
}

/**
 * Adds the roots `expr` reads to `roots`, in first-seen order: the roots of many expressions gathered in one
 * set, without a set and an array per expression (dependency order reads every expression of a graph).
 *
 * @example
 * ```ts
 * const roots = new Set<string>();
 * for (const expr of exprs) addReferencedRoots(expr, roots); // roots: 'schema', 'web', ...
 * ```
 */
export function addReferencedRoots(expr: Expr, roots: Set<string>): Set<string> {
  collectRoots(expr, undefined, roots);
  return roots;
}

// A plain recursive function, not a closure per call: compiling an RGD reads the roots of every expression.
// `scope` (the names bound by enclosing macros) is undefined in the common case: no set made per question.
function collectRoots(node: Expr, scope: ReadonlySet<string> | undefined, seen: Set<string>): void {
  switch (node.kind) {
    case 'literal':
      return;
    case 'ident':
      if (!scope?.has(node.name)) seen.add(node.name);
      return;
    case 'select':
      return collectRoots(node.target, scope, seen);
    case 'index':
      collectRoots(node.target, scope, seen);
      return collectRoots(node.index, scope, seen);
    case 'call':
      if (node.target) collectRoots(node.target, scope, seen);
      for (const arg of node.args) collectRoots(arg, scope, seen);
      return;
    case 'unary':
      return collectRoots(node.operand, scope, seen);
    case 'binary':
      collectRoots(node.left, scope, seen);
      return collectRoots(node.right, scope, seen);
    case 'conditional':
      collectRoots(node.test, scope, seen);
      collectRoots(node.then, scope, seen);
      return collectRoots(node.otherwise, scope, seen);
    case 'list':
      for (const item of node.items) collectRoots(item, scope, seen);
      return;
    case 'map':
      for (const entry of node.entries) {
        collectRoots(entry.key, scope, seen);
        collectRoots(entry.value, scope, seen);
      }
      return;
    case 'macro':
      collectRoots(node.target, scope, seen);
      return collectRoots(node.body, new Set([...(scope ?? []), ...macroVariables(node)]), seen);
    case 'template':
      for (const part of node.parts) if (typeof part !== 'string') collectRoots(part, scope, seen);
      return;
    case 'raw':
      for (const ref of node.refs) seen.add(ref);
      return;
  }
}

/**
 * The names a macro binds in its body: its variable, and a two-variable macro's index.
 *
 * @example
 * ```ts
 * macroVariables(E.macro('exists', E.ident('l'), 'v', E.bool(true), 'i') as MacroExpr); // => ['i', 'v']
 * ```
 */
export function macroVariables(node: MacroExpr): readonly string[] {
  return node.index === undefined ? [node.variable] : [node.index, node.variable];
}

/** A macro node of the IR. */
export type MacroExpr = Extract<Expr, { kind: 'macro' }>;

/**
 * A bytes value (a Secret's `data` entry) as JavaScript sees it: the API's JSON holds it as base64 text, so
 * `${secret.data.x}` and a field set to `secret.data.x` are that text, which `base64.encode` gives in CEL
 * (`string(...)` would decode it instead).
 */
export function base64Text(expr: Expr): Expr {
  return E.call('base64.encode', [expr]);
}
