/** The CEL variables of an instance: `schema` (the instance without status) and each observed resource. */
import type { Expr } from '../../ir/expr.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { rewriteExpr, selectPath } from '../../ir/rewrite.js';
import { exprLeaves } from '../../ir/value.js';
import { openApiToCel, specToCel, standInCel, type OpenApiSchema } from '../cel/index.js';
import { storedQuantities } from './stored-quantities.js';
import type { PlanInput } from './types.js';

/**
 * The instance metadata direct mode has, out of the ObjectMeta KRO offers: name and namespace (the ones
 * deployed to), uid, creationTimestamp and generation (the instance record's, see `runtime/direct/record.ts`),
 * and labels and annotations (those the deploy gave, as kro mode puts them on the instance object; reads of
 * KRO's own keys and of the whole maps are refused when the composition is defined, see
 * `composition/instance-metadata-reads.ts`). The rest (resourceVersion, managedFields, finalizers,
 * ownerReferences, deletionTimestamp, ...) is refused (see {@link directMetadataProblem}).
 */
const DIRECT_METADATA: ReadonlySet<string> = new Set(['name', 'namespace', 'uid', 'creationTimestamp', 'generation', 'labels', 'annotations']);

/**
 * `schema` as KRO exposes it: apiVersion, kind, metadata and the spec typed by the composition's schema.
 * Direct mode's metadata: see `DIRECT_METADATA`; uid, creationTimestamp (a timestamp, as ObjectMeta types
 * it) and generation only when the instance has been assigned them.
 */
export function schemaVariable(graph: CompositionGraph, input: Pick<PlanInput, 'spec' | 'instance'>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: input.instance.name, labels: { ...input.instance.labels }, annotations: { ...input.instance.annotations } };
  if (graph.scope !== 'Cluster' && input.instance.namespace !== undefined) metadata.namespace = input.instance.namespace;
  const assigned = input.instance.assigned;
  if (assigned) {
    metadata.uid = assigned.uid;
    metadata.creationTimestamp = openApiToCel(TIMESTAMP, assigned.creationTimestamp);
    metadata.generation = BigInt(assigned.generation);
  }
  return {
    apiVersion: `${graph.group}/${graph.version}`,
    kind: graph.kind,
    metadata,
    spec: specToCel(graph.spec, input.spec ?? {}),
  };
}

const TIMESTAMP: OpenApiSchema = { type: 'string', format: 'date-time' };

/**
 * CEL forms of observed objects, by object identity and schema: the planner runs after every watch event,
 * and the driver replaces an object (never mutates it) when it changes, so each one is converted once.
 * Weakly keyed by the observed object and derived from it alone: an entry lives only as long as its driver
 * keeps the object, so this holds nothing a driver has let go of and nothing per composition defined.
 */
const celForms = new WeakMap<object, { readonly schema: OpenApiSchema | undefined; readonly value: unknown }>();

function celOf(object: object, schema: OpenApiSchema | undefined): unknown {
  const cached = celForms.get(object);
  if (cached && cached.schema === schema) return cached.value;
  const value = openApiToCel(schema, object);
  celForms.set(object, { schema, value });
  return value;
}

/** An observed object of resource `id` as CEL sees it: typed by its schema when `input` has one. */
export function observedCel(input: Pick<PlanInput, 'schemas' | 'standIns'>, id: string, object: object): unknown {
  const standIn = input.standIns === true || (typeof input.standIns === 'object' && input.standIns.has(object));
  // Stand-ins exist only while one render or plan runs: converted once per planner round, not cached. A
  // stand-in is a manifest: its quantities are read in the text the cluster will store (`0.5` is `500m`).
  return standIn ? standInCel(id, storedQuantities(object), input.schemas?.get(id)) : celOf(object, input.schemas?.get(id));
}

/** `schema` plus every observed resource by id (a collection is a list). */
export function instanceVariables(graph: CompositionGraph, input: PlanInput): Record<string, unknown> {
  const variables: Record<string, unknown> = { schema: schemaVariable(graph, input) };
  for (const [id, object] of input.observed) {
    variables[id] = Array.isArray(object) ? object.map((item: object) => observedCel(input, id, item)) : observedCel(input, id, object);
  }
  return variables;
}

/**
 * Why direct mode cannot deploy `graph`, when it reads instance metadata direct mode does not have (it
 * would stay pending until the timeout otherwise); `undefined` when it can.
 *
 * @example
 * ```ts
 * directMetadataProblem(graph); // 'composition "app" reads schema.metadata.resourceVersion (status.version), ...'
 * ```
 */
export function directMetadataProblem(graph: CompositionGraph): string | undefined {
  const offered = graph.scope === 'Cluster' ? [...DIRECT_METADATA].filter((field) => field !== 'namespace') : [...DIRECT_METADATA];
  const uses: string[] = [];
  const scan = (label: string, expr: Expr): void => {
    rewriteExpr(expr, (node) => {
      const chain = selectPath(node, 'schema');
      const field = chain?.path[0] === 'metadata' ? chain.path[1] : undefined;
      if (field !== undefined && !offered.includes(field)) uses.push(`schema.metadata.${field} (${label})`);
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
  const namespaceReads = uses.filter((use) => use.startsWith('schema.metadata.namespace '));
  if (graph.scope === 'Cluster' && namespaceReads.length > 0) {
    // no other mode to point to: KRO v0.9.4 refuses the read too (the cluster-scoped instance type has no namespace)
    return `composition "${graph.name}" reads ${[...new Set(namespaceReads)].join(', ')}, which a cluster-scoped instance does not have in either mode (KRO refuses it as well): drop the read, or pass the value through the spec`;
  }
  return (
    `composition "${graph.name}" reads ${[...new Set(uses)].join(', ')}, which direct mode does not have: there is no instance object in the cluster ` +
    `(direct mode offers schema.metadata.${offered.join(', ')}). Deploy it with factory('kro'), or pass the value through the spec`
  );
}
