/** The CEL variables of an instance: `schema` (the instance without status) and each observed resource. */
import type { Expr } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { rewriteExpr, selectPath } from '../../ir/rewrite.js';
import { exprLeaves } from '../../ir/value.js';
import { jsonToCel, specToCel } from '../cel/index.js';
import type { PlanInput } from './types.js';

/**
 * The instance metadata direct mode has. There is no instance object in the cluster: its name and
 * namespace are the ones deployed to, and it carries no labels or annotations (empty maps); it has no uid,
 * generation or creation time, so a graph reading those is refused (see {@link directMetadataProblem}).
 */
const DIRECT_METADATA: ReadonlySet<string> = new Set(['name', 'namespace', 'labels', 'annotations']);

/**
 * `schema` as KRO exposes it: apiVersion, kind, metadata and the spec typed by the composition's schema.
 * Direct mode's metadata: see `DIRECT_METADATA`.
 */
export function schemaVariable(graph: CompositionGraph, input: Pick<PlanInput, 'spec' | 'instance'>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: input.instance.name, labels: {}, annotations: {} };
  if (graph.scope !== 'Cluster' && input.instance.namespace !== undefined) metadata.namespace = input.instance.namespace;
  return {
    apiVersion: `${graph.group}/${graph.version}`,
    kind: graph.kind,
    metadata,
    spec: specToCel(graph.spec, input.spec ?? {}),
  };
}

/**
 * CEL forms of observed objects, by object identity: the planner runs after every watch event, and the
 * driver replaces an object (never mutates it) when it changes, so each one is converted once.
 */
const celForms = new WeakMap<object, unknown>();

function celOf(object: object): unknown {
  let converted = celForms.get(object);
  if (converted === undefined) {
    converted = jsonToCel(object);
    celForms.set(object, converted);
  }
  return converted;
}

/** `schema` plus every observed resource by id (a collection is a list). */
export function instanceVariables(graph: CompositionGraph, input: PlanInput): Record<string, unknown> {
  const variables: Record<string, unknown> = { schema: schemaVariable(graph, input) };
  for (const [id, object] of input.observed) variables[id] = Array.isArray(object) ? object.map((item: object) => celOf(item)) : celOf(object);
  return variables;
}

/**
 * Why direct mode cannot deploy `graph`, when it reads instance metadata direct mode does not have (it
 * would stay pending until the timeout otherwise); `undefined` when it can.
 *
 * @example
 * ```ts
 * directMetadataProblem(graph); // 'composition "app" reads schema.metadata.uid (status.owner), ...'
 * ```
 */
export function directMetadataProblem(graph: CompositionGraph): string | undefined {
  const uses: string[] = [];
  const scan = (label: string, expr: Expr): void => {
    rewriteExpr(expr, (node) => {
      const chain = selectPath(node, 'schema');
      const field = chain?.path[0] === 'metadata' ? chain.path[1] : undefined;
      if (field !== undefined && !DIRECT_METADATA.has(field)) uses.push(`schema.metadata.${field} (${label})`);
      return node;
    });
  };
  for (const leaf of exprLeaves(graph.status)) scan(`status.${leaf.path.join('.')}`, leaf.expr);
  for (const resource of graph.resources) {
    const where = `resource "${resource.id}"`;
    if (resource.template !== undefined) for (const leaf of exprLeaves(resource.template)) scan(where, leaf.expr);
    for (const expr of [...resource.includeWhen, ...resource.readyWhen, ...resource.forEach.map((d) => d.source)]) scan(where, expr);
  }
  if (uses.length === 0) return undefined;
  return (
    `composition "${graph.name}" reads ${[...new Set(uses)].join(', ')}, which direct mode does not have: there is no instance object in the cluster ` +
    '(only its name and namespace, and empty labels and annotations). Deploy it with factory(\'kro\'), or pass the value through the spec'
  );
}
