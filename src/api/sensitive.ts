/**
 * Which spec values are secret, for one composition: fields marked `sensitive(...)` and every spec field
 * whose value flows into a Secret's `data` or `stringData` (directly, through a loop variable, or through
 * another resource's field), unless it also names an object (names are never secret). Both modes and the CLI build their {@link Redactor} here, from the graph alone,
 * so that kro mode (which renders nothing itself) redacts what direct mode redacts.
 */
import type { Expr } from '../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../ir/graph.js';
import type { SchemaNode } from '../ir/schema.js';
import { exprLeaves, type Value } from '../ir/value.js';
import { Redactor } from '../util/redact.js';
import { ANY, chainOf, covers, isSecret, overlaps, SecretFlow, type SpecPath } from './secret-flow.js';
import { present, replaceString, stringLeaves, valuesAt, withoutPath } from './values-at-paths.js';

export type { SpecPath } from './secret-flow.js';

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

function markedPaths(node: SchemaNode, path: SpecPath, add: (path: SpecPath) => void): void {
  if (node.markers.sensitive) return add(path);
  if (node.kind === 'struct') for (const [key, field] of Object.entries(node.fields)) markedPaths(field, [...path, key], add);
  if (node.kind === 'array') markedPaths(node.items, [...path, ANY], add);
  if (node.kind === 'map') markedPaths(node.values, [...path, ANY], add);
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
