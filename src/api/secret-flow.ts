/**
 * Following an expression of a composition graph back to the spec paths it reads: through loop variables,
 * macro variables and other resources' templates. What `sensitivePaths` and the redactors of
 * sensitive.ts are built on.
 */
import { mapOrEmptyOperand } from '../ir/untyped-target.js';
import { exprChildren, type Expr } from '../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../ir/graph.js';
import { exprLeaves, isExprValue, type Value } from '../ir/value.js';

/** A spec field path; `*` is any list index or map key. */
export type SpecPath = readonly string[];

export const ANY = '*';

/** Whether showing `shown` shows all of `path` (`shown` is `path` or holds it; `*` in `shown` is every key). */
export function covers(shown: SpecPath, path: SpecPath): boolean {
  if (shown.length > path.length) return false;
  return shown.every((segment, i) => segment === path[i] || segment === ANY);
}

/** Whether `resource` is a core Secret, whose `data` and `stringData` are secret. */
export function isSecret(resource: ResourceNode): boolean {
  return resource.kind === 'Secret' && resource.apiVersion === 'v1';
}

/** Whether one path is a prefix of the other (`*` matches any segment): a read of either reads the other. */
export function overlaps(a: SpecPath, b: SpecPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && a[i] !== ANY && b[i] !== ANY) return false;
  return true;
}

/** The list a macro variable ranges over, as the root and path of its items. */
interface ItemOf {
  readonly root: string;
  readonly path: readonly string[];
}

/** Follows expressions back to the spec paths they read. */
export class SecretFlow {
  private readonly byId: ReadonlyMap<string, ResourceNode>;
  private readonly seen = new Set<string>();
  /** True while the reads being followed are only tested for presence (inside `has(...)`). */
  private presence = false;

  constructor(
    graph: CompositionGraph,
    /** Called with each spec path read; `presence` when the read only tests whether the path is there. */
    private readonly add: (path: SpecPath, presence: boolean) => void,
    /** Called when an expression reads a Secret's `data` or `stringData`. */
    private readonly readsSecretData: () => void = () => undefined,
    /** Whether a read of another resource follows that resource's template to the spec paths it reads. */
    private readonly followResources = true,
  ) {
    this.byId = new Map(graph.resources.map((r) => [r.id, r]));
  }

  value(value: Value, resource: ResourceNode | undefined): void {
    for (const leaf of exprLeaves(value)) this.expr(leaf.expr, resource);
  }

  /**
   * `bound` holds the variables of the macros around `expr` (`map(c, c.metadata.name)`): a read of one is a
   * read of an item of the macro's list (`null` when the list is not a plain read, which is then followed whole),
   * never of the loop variable or resource of the same name.
   */
  expr(expr: Expr, resource: ResourceNode | undefined, bound: ReadonlyMap<string, ItemOf | null> = new Map()): void {
    const chain = chainOf(expr);
    if (chain) {
      const alias = bound.get(chain.root);
      if (alias) this.reference(alias.root, [...alias.path, ...chain.path], resource);
      else if (alias === undefined) this.reference(chain.root, chain.path, resource);
      for (const index of chain.dynamic) this.expr(index, resource, bound);
      return;
    }
    if (isPresenceTest(expr)) {
      const outer = this.presence;
      this.presence = true;
      try {
        this.expr(expr.target ?? expr.args[0]!, resource, bound);
      } finally {
        this.presence = outer;
      }
      return;
    }
    if (expr.kind === 'raw') {
      for (const match of expr.cel.matchAll(/\bschema\.spec((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) this.add(match[1]!.slice(1).split('.'), false);
      return;
    }
    if (expr.kind === 'macro') {
      const list = chainOf(expr.target);
      const items = list && !bound.has(list.root) ? this.itemsOf(list) : undefined;
      if (items) for (const index of list!.dynamic) this.expr(index, resource, bound);
      else this.expr(expr.target, resource, bound);
      // A two-variable macro's index is an item's position (or a map's key): no secret data.
      const index: [string, null][] = expr.index === undefined ? [] : [[expr.index, null]];
      this.expr(expr.body, resource, new Map([...bound, ...index, [expr.variable, items ?? null]]));
      return;
    }
    for (const child of exprChildren(expr)) this.expr(child, resource, bound);
  }

  /** Where the items of a list read are: a collection's items are its template; any other list's are `path.*`. */
  private itemsOf(list: Chain): ItemOf {
    const collection = list.path.length === 0 && (this.byId.get(list.root)?.forEach.length ?? 0) > 0;
    return { root: list.root, path: collection ? [] : [...list.path, ANY] };
  }

  /** A read of `root.path…`: the spec, a loop variable of `resource`, or another resource's template. */
  private reference(root: string, path: readonly string[], resource: ResourceNode | undefined): void {
    if (root === 'schema') {
      if (path[0] === 'spec') this.add(path.slice(1), this.presence);
      return;
    }
    const loop = resource?.forEach.find((dimension) => dimension.name === root);
    if (loop) {
      // A filter keeps items as they are: the item is an item of the filtered list (the condition is not copied).
      let list = loop.source;
      while (list.kind === 'macro' && list.macro === 'filter') list = list.target;
      const source = chainOf(list);
      if (source?.root === 'schema' && source.path[0] === 'spec') this.add([...source.path.slice(1), ANY, ...path], this.presence);
      else if (this.followResources) this.expr(list, resource);
      return;
    }
    if (!this.followResources) return;
    const other = this.byId.get(root);
    if (other && isSecret(other) && (path[0] === 'data' || path[0] === 'stringData' || path.length === 0) && !this.presence) this.readsSecretData();
    const key = `${root}\u0000${path.join('\u0000')}`;
    if (!other?.template || this.seen.has(key)) return;
    this.seen.add(key);
    let node: Value | undefined = other.template;
    // Down the template as far as the path goes: an expression, or a list any item of which is read, is read whole.
    for (const segment of path) {
      if (node === undefined || node === null || typeof node !== 'object' || isExprValue(node) || segment === ANY) break;
      node = (node as Readonly<Record<string, Value>>)[segment];
    }
    if (node !== undefined) this.value(node, other);
  }
}

/** `has(x)` or `x.hasValue()`: whether `x` is there, not its value. */
function isPresenceTest(expr: Expr): expr is Extract<Expr, { kind: 'call' }> {
  if (expr.kind !== 'call') return false;
  return (expr.fn === 'has' && !expr.target && expr.args.length === 1) || (expr.fn === 'hasValue' && expr.target !== undefined && expr.args.length === 0);
}

interface Chain {
  readonly root: string;
  readonly path: string[];
  /** Index expressions that are not literals: read too, and the path continues with `*`. */
  readonly dynamic: Expr[];
}

/** `root.a[0].b` as a root and a path, when `expr` is a chain of selects and indexes on an identifier. */
export function chainOf(expr: Expr): Chain | undefined {
  const path: string[] = [];
  const dynamic: Expr[] = [];
  let node = expr;
  for (;;) {
    // A read of a value typed only when read (`(type(a) == type({}) ? dyn(a) : {}).b`) is a read of `a.b`.
    const guarded = mapOrEmptyOperand(node);
    if (guarded) node = guarded;
    else if (node.kind === 'select') {
      path.unshift(node.field);
      node = node.target;
    } else if (node.kind === 'index') {
      const literal = node.index.kind === 'literal' && node.index.literal.kind !== 'null' ? String(node.index.literal.value) : undefined;
      if (literal === undefined) dynamic.push(node.index);
      path.unshift(literal ?? ANY);
      node = node.target;
    } else break;
  }
  return node.kind === 'ident' && (path.length > 0 || expr.kind === 'ident') ? { root: node.name, path, dynamic } : undefined;
}
