/**
 * The order a deploy creates resources in, as a check of an observed set: a resource is created only after
 * its dependencies exist, so a set that observes a resource without one of them is a state no cluster can be
 * in. `simulate` (testing/offline) and `evaluateConcrete` (api/evaluate.ts) both refuse it with this one
 * check; the edges are the ones the planner waits on (prepared.ts uses {@link graphDependencies} too).
 */
import { dependenciesOf, dependencyOrder, kindsDefinedInGraph } from '../../compile/rgd/index.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * What each resource waits for: the ids its template, includeWhen and forEach read, its `dependsOn`, and the
 * CRD of its kind when the graph defines it (before it is Established the API server does not serve the kind).
 * @example graphDependencies(app.graph).dependencies('app'); // ['base']
 */
export function graphDependencies(graph: CompositionGraph): { readonly order: readonly string[]; dependencies(id: string): readonly string[] } {
  const ids = new Set(graph.resources.map((r) => r.id));
  const deps = new Map(graph.resources.map((r) => [r.id, dependenciesOf(r, ids).filter((d) => ids.has(d))]));
  for (const { resource, crd } of kindsDefinedInGraph(graph)) {
    const own = deps.get(resource.id) ?? [];
    if (!own.includes(crd.id)) deps.set(resource.id, [...own, crd.id]);
  }
  const order = dependencyOrder(graph);
  return { order, dependencies: (id) => deps.get(id) ?? [] };
}

/** How the caller knows the state: which ids it observes, and which the composition does not create (an `if`, includeWhen false). */
export interface ObservedSet {
  has(id: string): boolean;
  notCreated(id: string): boolean;
}

/**
 * Refuses an observed resource whose dependency (a resource its manifest, includeWhen or forEach reads, or
 * its `dependsOn`) is not observed: a deploy creates a resource only after its dependencies exist, so that
 * cluster state cannot happen, and the compiled result and the JavaScript would disagree about it (trial 13
 * finding 8 was told "a TypeKro bug"). A dependency the composition does not create is rightly absent.
 * @example checkObservedDependencies(app.graph, graphDependencies(app.graph), { has: (id) => id === 'app', notCreated: () => false }); // throws: observed["app"] ... reads resource "base"
 */
export function checkObservedDependencies(graph: CompositionGraph, edges: ReturnType<typeof graphDependencies>, observed: ObservedSet): void {
  const ids = new Set(graph.resources.map((resource) => resource.id));
  const byId = new Map(graph.resources.map((resource) => [resource.id, resource]));
  for (const id of edges.order) {
    if (!observed.has(id)) continue;
    const missing = edges.dependencies(id).filter((dep) => !observed.has(dep) && !observed.notCreated(dep));
    if (missing.length === 0) continue;
    // The references alone: a dependency named only in dependsOn is waited for, not read.
    const reads = new Set(dependenciesOf({ ...byId.get(id)!, dependsOn: [] }, ids));
    const named = missing.map((dep) => `${reads.has(dep) ? 'reads' : 'waits for (dependsOn)'} resource "${dep}"`).join(' and ');
    const quoted = missing.map((dep) => `"${dep}"`).join(' and ');
    const example = missing.map((dep) => `${dep}: ${(byId.get(dep)?.forEach.length ?? 0) > 0 ? '[...]' : '{}'}`).join(', ');
    const plural = missing.length > 1;
    throw new TypeKroError(
      'USAGE',
      `observed["${id}"]: resource "${id}" ${named}, which ${plural ? 'are' : 'is'} not observed; a deploy creates "${id}" only after ${quoted} ${plural ? 'exist' : 'exists'}, so composition "${graph.name}" cannot be in this state: observe ${quoted} too (e.g. { ${example} }), or leave "${id}" out`,
    );
  }
}
