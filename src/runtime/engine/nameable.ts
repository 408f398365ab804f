/**
 * The objects a deploy will make that can be named before anything is applied: the plan's resources in
 * dependency order, each rendered object standing in for the live one, so that a name built from the spec
 * (or from another object's name) is known even when the resource waits for another one. What needs data
 * only the cluster produces (another object's status, a server-assigned field) stays out, listed as
 * unnamed. Both modes check these objects before the first write (names: name-check.ts, ownership:
 * ownership-check.ts, two objects of one name: the planner, distinct-objects.ts), from this one plan.
 */
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';
import { checkDistinctFinalObjects, DuplicateObjectError } from './distinct-objects.js';
import { planInstance } from './plan.js';
import type { PreparedGraph } from './prepared.js';
import { resolveValue } from './resolve.js';
import type { KubeObject, Observed, PlanInput } from './types.js';
import { instanceVariables } from './variables.js';

/** What the planner can name before anything exists, and the resources it cannot. */
export interface NameableObjects {
  readonly manifests: readonly { readonly resourceId: string; readonly manifest: KubeObject }[];
  /** Resource ids whose objects cannot be named before they are applied: their names need cluster data. */
  readonly unnamed: readonly string[];
  /**
   * Resources whose rendering fails for this spec (an expression's error, not missing data), with the
   * message; the object is still named (in `manifests`) when its name and namespace evaluate.
   */
  readonly failing: readonly { readonly resourceId: string; readonly message: string; readonly named: boolean }[];
}

/**
 * Plans with rendered objects standing in for live ones until nothing more can be named. `finalize` turns a
 * rendered manifest into the object the deploy sends (its namespace defaulted).
 *
 * @example
 * ```ts
 * const { manifests, unnamed } = await nameableObjects(prepared, { spec, instance: { name: 'shop', namespace: 'dev' } }, async (m) => m);
 * ```
 */
export async function nameableObjects(
  prepared: PreparedGraph,
  input: Omit<PlanInput, 'observed' | 'readiness'>,
  finalize: (manifest: KubeObject, resourceId: string) => Promise<KubeObject>,
): Promise<NameableObjects> {
  const observed = new Map<string, KubeObject | readonly KubeObject[]>();
  const named = new Map<string, KubeObject[]>();
  for (;;) {
    let progressed = false;
    let plan: ReturnType<typeof planInstance>;
    try {
      plan = planInstance(prepared, { ...input, observed, readiness: 'exists' });
    } catch (error) {
      // Two objects of one name: refused, not left to fail at an apply.
      if (error instanceof DuplicateObjectError) throw error;
      // An expression the planner cannot evaluate fails at its own apply (or KRO judges it): what is not named yet fails.
      const rest = prepared.order.filter((id) => !named.has(id) && !prepared.resource(id).externalRef);
      return { manifests: listed(named), unnamed: [], failing: rest.map((resourceId) => ({ resourceId, message: (error as Error).message, named: false })) };
    }
    for (const node of plan.nodes.values()) {
      if (node.state !== 'apply' || named.has(node.id)) continue;
      named.set(node.id, await Promise.all(node.manifests.map((m) => finalize(m, node.id))));
      observed.set(node.id, node.collection ? node.manifests : node.manifests[0]!);
      progressed = true;
    }
    if (!progressed) {
      const failing = [...plan.nodes.values()].flatMap((n) => (n.state === 'error' ? [{ resourceId: n.id, message: n.message }] : []));
      for (const { resourceId } of failing) {
        // The rest of its template fails, but its name may not: the object it would make is still checked.
        const identity = identityOf(prepared, resourceId, { ...input, observed });
        if (identity) named.set(resourceId, [await finalize(identity, resourceId)]);
      }
      const unnamed = [...plan.nodes.values()].filter((n) => n.state === 'pending' || n.state === 'waiting' || (n.state === 'error' && !named.has(n.id))).map((n) => n.id);
      const failed = failing.map((f) => ({ ...f, named: named.has(f.resourceId) }));
      return { manifests: listed(named), unnamed: unnamed.filter((id) => !failing.some((f) => f.resourceId === id)), failing: failed };
    }
  }
}

/** The object a resource outside any forEach makes, reduced to what names it, when its name and namespace evaluate. */
function identityOf(prepared: PreparedGraph, id: string, input: Omit<PlanInput, 'readiness'> & { observed: Observed }): KubeObject | undefined {
  const resource = prepared.resource(id);
  const metadata = isPlainObject(resource.template) && !isExprValue(resource.template) ? resource.template['metadata'] : undefined;
  if (resource.forEach.length > 0 || !isPlainObject(metadata) || isExprValue(metadata)) return undefined;
  const variables = instanceVariables(prepared.graph, input);
  const field = (key: string): unknown => {
    const value = (metadata as Record<string, Value>)[key];
    if (value === undefined) return undefined;
    const resolved = resolveValue(value, (expr) => prepared.evaluate(expr, variables, resource));
    return resolved.kind === 'value' ? resolved.value : null;
  };
  const [name, namespace] = [field('name'), field('namespace')];
  if (typeof name !== 'string' || (namespace !== undefined && typeof namespace !== 'string')) return undefined;
  return { apiVersion: resource.apiVersion, kind: resource.kind, metadata: { name, ...(typeof namespace === 'string' ? { namespace } : {}) } };
}

/** The finalized objects, each named once: the planner's check knows a custom kind's scope only offline. */
function listed(named: ReadonlyMap<string, readonly KubeObject[]>): NameableObjects['manifests'] {
  const manifests = [...named].flatMap(([resourceId, items]) => items.map((manifest) => ({ resourceId, manifest })));
  checkDistinctFinalObjects(manifests);
  return manifests;
}
