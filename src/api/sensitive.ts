/**
 * Which spec values are secret, for one composition: fields marked `sensitive(...)` and every spec field
 * whose value flows into a Secret's `data` or `stringData` (directly, through a loop variable, or through
 * another resource's field), unless it also names an object (names are never secret). Both modes and the CLI build their {@link Redactor} here, from the graph alone,
 * so that kro mode (which renders nothing itself) redacts what direct mode redacts.
 */
import { exprChildren, type Expr } from '../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../ir/graph.js';
import type { SchemaNode } from '../ir/schema.js';
import { exprLeaves, isExprValue, type Value } from '../ir/value.js';
import { REDACTED, Redactor } from '../util/redact.js';

/** A spec field path; `*` is any list index or map key. */
export type SpecPath = readonly string[];

const ANY = '*';

/**
 * The spec paths whose values are secret.
 *
 * @example
 * ```ts
 * import { sensitivePaths } from './sensitive.js';
 * sensitivePaths(app.graph); // => [['apiToken'], ['database', 'password']]
 * ```
 */
export function sensitivePaths(graph: CompositionGraph): SpecPath[] {
  const paths = new Map<string, SpecPath>();
  const add = (path: SpecPath): void => void paths.set(path.join('\u0000'), path);
  markedPaths(graph.spec, [], add);
  const named = namingPaths(graph);
  // A field that also names an object (`spec.name` in a Secret's `stringData` and in the Secret's name) is
  // an ordinary field: every list of the objects shows it, and redacting it would only hide every status
  // field built from it.
  const flow = new SecretFlow(graph, (path) => void (named.some((shown) => covers(shown, path)) || add(path)));
  for (const resource of graph.resources) {
    if (!isSecret(resource) || !resource.template) continue;
    const template = resource.template as Readonly<Record<string, Value>>;
    for (const field of SECRET_FIELDS) if (template[field] !== undefined) flow.value(template[field]!, resource);
  }
  return [...paths.values()];
}

const SECRET_FIELDS = ['data', 'stringData'];

/**
 * What names an object, in a `metadata`: its name and namespace, which every list of the objects, event and
 * error shows. Labels and annotations are not: a value put there by mistake may still be a secret.
 */
const NAMING: ReadonlySet<string> = new Set(['name', 'generateName', 'namespace']);

/**
 * The spec paths some object's name or namespace shows as they are: a read of the spec
 * (or of a loop item), or a string built from such reads (`${spec.name}-creds`). A read that is only tested
 * or transformed there shows nothing.
 */
function namingPaths(graph: CompositionGraph): SpecPath[] {
  const paths: SpecPath[] = [];
  const flow = new SecretFlow(graph, (path) => void paths.push(path), undefined, false);
  for (const resource of graph.resources) {
    if (!resource.template) continue;
    for (const leaf of exprLeaves(resource.template)) {
      if (!leaf.path.some((segment, i) => segment === 'metadata' && NAMING.has(String(leaf.path[i + 1])))) continue;
      for (const part of writtenReads(leaf.expr)) flow.expr(part, resource);
    }
  }
  return paths;
}

/** The reads `expr` writes out whole: itself when it is one, the parts of a string template or of a `+`. */
function writtenReads(expr: Expr): Expr[] {
  if (expr.kind === 'template') return expr.parts.flatMap((part) => (typeof part === 'string' ? [] : writtenReads(part)));
  if (expr.kind === 'binary' && expr.op === '+') return [...writtenReads(expr.left), ...writtenReads(expr.right)];
  return chainOf(expr) ? [expr] : [];
}

/** Whether showing `shown` shows all of `path` (`shown` is `path` or holds it; `*` in `shown` is every key). */
function covers(shown: SpecPath, path: SpecPath): boolean {
  if (shown.length > path.length) return false;
  return shown.every((segment, i) => segment === path[i] || segment === ANY);
}

/**
 * The redactor of one instance: its secret values (see {@link sensitivePaths}) are redacted, its long string
 * values cut, wherever a message quotes them. `spec` may be anything (an invalid spec is redacted too).
 *
 * @example
 * ```ts
 * import { redactorFor } from './sensitive.js';
 * redactorFor(app.graph, { apiToken: 'hunter2-token' }).text('bad token hunter2-token'); // => 'bad token [redacted]'
 * ```
 */
export function redactorFor(graph: CompositionGraph, spec: unknown): Redactor {
  const redactor = new Redactor();
  for (const value of stringLeaves(spec)) redactor.addValue(value);
  for (const path of sensitivePaths(graph)) for (const value of valuesAt(spec, path)) redactor.addSecret(value);
  return redactor;
}

/**
 * The status with every string field computed from a secret (a secret spec value, or a Secret's data)
 * replaced by `[redacted]`: what the CLI prints, in both modes, whether or not it knows the spec's values.
 * Other fields (a boolean computed from a secret) are kept.
 *
 * @example
 * ```ts
 * import { redactStatus } from './sensitive.js';
 * redactStatus(app.graph, { endpoint: 'https://app:hunter2@db', ready: true }); // => { endpoint: '[redacted]', ready: true }
 * ```
 */
export function redactStatus<T>(graph: CompositionGraph, status: T): T {
  const secret = sensitivePaths(graph);
  let result: unknown = status;
  for (const leaf of exprLeaves(graph.status)) {
    if (readsSecret(graph, secret, leaf.expr, undefined)) result = replaceString(result, leaf.path.map(String));
  }
  return result as T;
}

/**
 * The redactor of an instance found in the cluster, whose spec may be unknown (direct mode keeps none): the
 * values of its Secrets, and of every field of its objects whose template reads a secret (see
 * {@link sensitivePaths}), plus the spec's secrets when the spec is known. What `events` and `logs` pass
 * their messages and lines through, in both modes.
 *
 * @example
 * ```ts
 * import { redactorForObjects } from './sensitive.js';
 * const byId = new Map([['creds', [{ apiVersion: 'v1', kind: 'Secret', stringData: { password: 'hunter2-pw' } }]]]);
 * redactorForObjects(app.graph, undefined, byId).text('login hunter2-pw'); // => 'login [redacted]'
 * ```
 */
export function redactorForObjects(graph: CompositionGraph, spec: unknown, byId: ReadonlyMap<string, readonly Readonly<Record<string, unknown>>[]>): Redactor {
  const redactor = redactorFor(graph, spec);
  const secret = sensitivePaths(graph);
  for (const resource of graph.resources) {
    const objects = byId.get(resource.id) ?? [];
    for (const object of objects) redactor.addManifest(object);
    if (!resource.template || objects.length === 0 || isSecret(resource)) continue;
    for (const leaf of exprLeaves(resource.template)) {
      if (!readsSecret(graph, secret, leaf.expr, resource)) continue;
      for (const object of objects) for (const value of valuesAt(object, leaf.path.map(String))) redactor.addSecret(value);
    }
  }
  return redactor;
}

/**
 * Which fields of the graph's objects hold a value computed from a secret (see {@link sensitivePaths}, and a
 * Secret's data read elsewhere): a field is one when a template leaf that reads a secret is at, inside or
 * around its path. What a plan shows no value of, before or after (an old value there may be an old secret).
 *
 * @example
 * ```ts
 * import { secretFieldsOf } from './sensitive.js';
 * secretFieldsOf(app.graph)('deployment', ['spec', 'template', 'spec', 'containers', '0', 'env']); // => true
 * ```
 */
export function secretFieldsOf(graph: CompositionGraph): (resourceId: string, path: readonly string[]) => boolean {
  const secret = sensitivePaths(graph);
  const byId = new Map<string, string[][]>();
  for (const resource of graph.resources) {
    if (!resource.template) continue;
    const leaves = exprLeaves(resource.template).filter((leaf) => readsSecret(graph, secret, leaf.expr, resource));
    if (leaves.length > 0) byId.set(resource.id, leaves.map((leaf) => leaf.path.map(String)));
  }
  return (resourceId, path) => (byId.get(resourceId) ?? []).some((leaf) => leaf.every((segment, i) => i >= path.length || segment === path[i]));
}

/**
 * The secret spec fields (dotted, see {@link sensitivePaths}) that the template of resource `resourceId`
 * reads and `spec` lacks: direct mode keeps no spec in the cluster, so `status` without a spec cannot render
 * that template, and says so instead of blaming a missing key.
 *
 * @example
 * ```ts
 * import { unstoredSecretsOf } from './sensitive.js';
 * unstoredSecretsOf(app.graph, { replicas: 1 }, 'deployment'); // => ['apiToken']
 * ```
 */
export function unstoredSecretsOf(graph: CompositionGraph, spec: unknown, resourceId: string): string[] {
  const resource = graph.resources.find((r) => r.id === resourceId);
  if (!resource?.template) return [];
  const secret = sensitivePaths(graph);
  const missing = new Set<string>();
  const flow = new SecretFlow(graph, (path) => {
    for (const s of secret) if (overlaps(s, path) && !present(spec, s)) missing.add(s.join('.'));
  });
  flow.value(resource.template as Value, resource);
  return [...missing];
}

/** Whether `value` has anything at `path` (`*` matches any present child). */
function present(value: unknown, path: SpecPath): boolean {
  if (path.length === 0) return value !== undefined && value !== null;
  if (typeof value !== 'object' || value === null) return false;
  const [head, ...rest] = path;
  const children = head === ANY ? Object.values(value) : [(value as Record<string, unknown>)[head!]];
  return children.some((child) => present(child, rest));
}

/** Whether `expr` (of `resource`, or of the status) reads a secret spec path or a Secret's data. */
function readsSecret(graph: CompositionGraph, secret: readonly SpecPath[], expr: Expr, resource: ResourceNode | undefined): boolean {
  let reads = false;
  // A presence test (`has(spec.db)`, from `spec.db ? ... : 'none'`) of an object holding a secret reveals
  // only that the object is there: it reads the secret when it tests the secret itself or a part of it.
  const flow = new SecretFlow(
    graph,
    (path, presence) => void (reads ||= secret.some((s) => (presence ? covers(s, path) : overlaps(s, path)))),
    () => void (reads = true),
  );
  flow.expr(expr, resource);
  return reads;
}

function isSecret(resource: ResourceNode): boolean {
  return resource.kind === 'Secret' && resource.apiVersion === 'v1';
}

/** Whether one path is a prefix of the other (`*` matches any segment): a read of either reads the other. */
function overlaps(a: SpecPath, b: SpecPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && a[i] !== ANY && b[i] !== ANY) return false;
  return true;
}

/** A copy of `value` with the string at `path` (if it is one) replaced by `[redacted]`. */
function replaceString(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return typeof value === 'string' ? REDACTED : value;
  if (typeof value !== 'object' || value === null || !(path[0]! in value)) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
  copy[path[0]!] = replaceString(copy[path[0]!], path.slice(1));
  return copy;
}

function markedPaths(node: SchemaNode, path: SpecPath, add: (path: SpecPath) => void): void {
  if (node.markers.sensitive) return add(path);
  if (node.kind === 'struct') for (const [key, field] of Object.entries(node.fields)) markedPaths(field, [...path, key], add);
  if (node.kind === 'array') markedPaths(node.items, [...path, ANY], add);
  if (node.kind === 'map') markedPaths(node.values, [...path, ANY], add);
}

/** The list a macro variable ranges over, as the root and path of its items. */
interface ItemOf {
  readonly root: string;
  readonly path: readonly string[];
}

/** Follows expressions back to the spec paths they read. */
class SecretFlow {
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
function chainOf(expr: Expr): Chain | undefined {
  const path: string[] = [];
  const dynamic: Expr[] = [];
  let node = expr;
  for (;;) {
    if (node.kind === 'select') {
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


/** Every string inside `value` (numbers and booleans are not secrets a message could reveal on their own). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringLeaves);
  return [];
}

function valuesAt(value: unknown, path: SpecPath): string[] {
  if (path.length === 0) return stringLeaves(value);
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  const children = head === ANY ? Object.values(value) : [(value as Record<string, unknown>)[head!]];
  return children.flatMap((child) => valuesAt(child, rest));
}

/**
 * The spec as direct mode's instance record (a ConfigMap) keeps it for `status` without a spec: every secret
 * value (see {@link sensitivePaths}) taken out, with the paths taken out, so that what reads them is known
 * not to be known.
 *
 * @example
 * ```ts
 * import { storedSpecOf } from './sensitive.js';
 * storedSpecOf(app.graph, { replicas: 2, apiToken: 'hunter2' }); // => { spec: { replicas: 2 }, unstored: [['apiToken']] }
 * ```
 */
export function storedSpecOf(graph: CompositionGraph, spec: unknown): { spec: unknown; unstored: SpecPath[] } {
  const unstored = sensitivePaths(graph);
  let kept: unknown = structuredClone(spec);
  for (const path of unstored) kept = withoutPath(kept, path);
  return { spec: kept, unstored };
}

/** `value` without what is at `path` (`*` every key or index; a path ending in `*` takes its parent whole). */
function withoutPath(value: unknown, path: SpecPath): unknown {
  if (typeof value !== 'object' || value === null || path.length === 0) return value;
  const [head, ...rest] = path;
  if (rest.length === 0 || (rest.length === 1 && rest[0] === ANY)) {
    if (!Array.isArray(value) && head !== ANY) delete (value as Record<string, unknown>)[head!];
    else if (head === ANY && !Array.isArray(value)) for (const key of Object.keys(value)) delete (value as Record<string, unknown>)[key];
    else if (Array.isArray(value)) value.length = 0;
    return value;
  }
  const children = head === ANY ? Object.keys(value) : [head!];
  for (const key of children) (value as Record<string, unknown>)[key] = withoutPath((value as Record<string, unknown>)[key], rest);
  return value;
}

/**
 * Whether `expr` (a status field, an includeWhen, a forEach) reads one of the spec paths `paths` itself, not
 * through another resource's object (which the cluster has whole). A presence test of an object holding such
 * a path reads it only when it tests the path itself or a part of it, or the map or list a path ending in `*`
 * is taken out with.
 *
 * @example
 * ```ts
 * import { readsSpecPaths } from './sensitive.js';
 * readsSpecPaths(app.graph, E.path('schema', 'spec', 'apiToken'), [['apiToken']]); // => true
 * ```
 */
export function readsSpecPaths(graph: CompositionGraph, expr: Expr, paths: readonly SpecPath[]): boolean {
  let reads = false;
  // A path ending in `*` (a map's or list's values) is taken out with its parent (storedSpecOf): the parent's presence is not known either.
  const parents = paths.map((s) => (s.length > 0 && s[s.length - 1] === ANY ? s.slice(0, -1) : s));
  const flow = new SecretFlow(graph, (path, presence) => void (reads ||= paths.some((s, i) => (presence ? covers(parents[i]!, path) : overlaps(s, path)))), undefined, false);
  flow.expr(expr, undefined);
  return reads;
}
