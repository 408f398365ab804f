/**
 * The resource dependency graph, built the way KRO builds it (`pkg/graph/builder.go
 * buildDependencyGraph`): an edge for every resource named in a template expression, an includeWhen
 * condition or a forEach source, plus explicit `dependsOn`. readyWhen and status expressions add none.
 */
import { CycleError, Dag } from '../../dag/index.js';
import { addReferencedRoots, E, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprsOf } from '../../ir/value.js';
import { DependencyCycleError } from './errors.js';

/** Every expression that orders a resource: template and externalRef leaves, includeWhen, forEach sources. */
export function orderingExprs(resource: ResourceNode): Expr[] {
  const exprs: Expr[] = [];
  if (resource.template !== undefined) exprsOf(resource.template, exprs);
  if (resource.externalRef?.name !== undefined) exprsOf(resource.externalRef.name, exprs);
  if (resource.externalRef?.namespace !== undefined) exprsOf(resource.externalRef.namespace, exprs);
  exprs.push(...resource.includeWhen);
  for (const dim of resource.forEach) exprs.push(dim.source);
  return exprs;
}

/** Every root the ordering expressions of a resource read, in first-seen order (its own id included). */
function orderingRoots(resource: ResourceNode): Set<string> {
  const roots = new Set<string>();
  for (const expr of orderingExprs(resource)) addReferencedRoots(expr, roots);
  return roots;
}

/** The ids a resource depends on, in first-seen order (references, then `dependsOn`). */
export function dependenciesOf(resource: ResourceNode, ids: ReadonlySet<string>, roots = orderingRoots(resource)): string[] {
  const deps = new Set<string>();
  for (const root of roots) if (ids.has(root) && root !== resource.id) deps.add(root);
  for (const id of resource.dependsOn) deps.add(id);
  return [...deps];
}

/**
 * Resource ids in the order KRO creates them: dependencies first, ties in declaration order.
 *
 * @example
 * ```ts
 * dependencyOrder(graph); // ['deployment', 'service']
 * ```
 * @throws DependencyCycleError naming the cycle by resource ids.
 */
export function dependencyOrder(graph: CompositionGraph): string[] {
  const ids = new Set(graph.resources.map((r) => r.id));
  const dag = new Dag();
  for (const resource of graph.resources) if (!dag.hasNode(resource.id)) dag.addNode(resource.id);
  for (const resource of graph.resources) {
    // The roots are read once per resource: templates are the bulk of a graph.
    const roots = orderingRoots(resource);
    // Unknown dependsOn targets are reported by validation; skip them here so ordering stays usable.
    for (const dep of dependenciesOf(resource, ids, roots)) if (ids.has(dep)) dag.addEdge(resource.id, dep);
    // A self-reference in a template is a cycle in KRO too.
    if (roots.has(resource.id)) dag.addEdge(resource.id, resource.id);
  }
  try {
    return dag.topologicalOrder();
  } catch (err) {
    if (!(err instanceof CycleError)) throw err;
    throw new DependencyCycleError(
      `resources depend on each other in a cycle: ${err.cycle.join(' -> ')}; break it by removing one of these references (a readyWhen or status expression does not create an edge)`,
      err.cycle,
    );
  }
}

/** The annotation that carries explicit dependencies into KRO (see `dependsOnAnnotation`). */
export const DEPENDS_ON_ANNOTATION = 'typekro.dev/depends-on';

/**
 * KRO has no `dependsOn`; its only ordering edges come from references. An explicit dependency that no
 * expression already implies becomes an annotation on the dependent object that reads the dependency
 * (`typekro.dev/depends-on: <dep name>,...`), so KRO orders the resources the same way direct mode does.
 * Not an includeWhen: KRO v0.9.3 re-evaluates includeWhen while deleting an instance, and one that reads a
 * resource already deleted stays pending, so the instance would hang in DELETING (found on the real
 * controller; v0.9.4 deletes by its ApplySet inventory instead, but the annotation needs no such care).
 * Its key is outside `kro.run/`, which v0.9.4 reserves in templates. Undefined when nothing needs encoding.
 */
export function dependsOnAnnotation(resource: ResourceNode, graph: CompositionGraph): Expr | undefined {
  // Most resources have no explicit dependsOn: skip reading their template.
  if (resource.dependsOn.length === 0) return undefined;
  const implied = orderingRoots(resource);
  const parts = [...new Set(resource.dependsOn)]
    .filter((dep) => !implied.has(dep))
    .map((dep) => {
      const target = graph.resources.find((r) => r.id === dep);
      return target && target.forEach.length > 0 ? E.call('string', [E.call('size', [E.ident(dep)])]) : E.path(dep, 'metadata', 'name');
    });
  if (parts.length === 0) return undefined;
  return E.template(parts.flatMap((part, i) => (i === 0 ? [part] : [',', part])));
}
