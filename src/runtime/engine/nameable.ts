/**
 * The objects a deploy will make that can be named before anything is applied: the plan's resources in
 * dependency order, each rendered object standing in for the live one, so that a name built from the spec
 * (or from another object's name) is known even when the resource waits for another one. What needs data
 * only the cluster produces (another object's status, a server-assigned field) stays out, listed as
 * unnamed. Both modes check these objects before the first write (names: name-check.ts, ownership:
 * ownership-check.ts), from this one plan.
 */
import { planInstance } from './plan.js';
import type { PreparedGraph } from './prepared.js';
import type { KubeObject, PlanInput } from './types.js';

/** What the planner can name before anything exists, and the resources it cannot. */
export interface NameableObjects {
  readonly manifests: readonly { readonly resourceId: string; readonly manifest: KubeObject }[];
  /** Resource ids whose objects cannot be named before they are applied. */
  readonly unnamed: readonly string[];
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
    } catch {
      // An expression the planner cannot evaluate fails at its own apply (or KRO judges it): what is not named yet stays unnamed.
      return { manifests: listed(named), unnamed: prepared.order.filter((id) => !named.has(id) && !prepared.resource(id).externalRef) };
    }
    for (const node of plan.nodes.values()) {
      if (node.state !== 'apply' || named.has(node.id)) continue;
      named.set(node.id, await Promise.all(node.manifests.map((m) => finalize(m, node.id))));
      observed.set(node.id, node.collection ? node.manifests : node.manifests[0]!);
      progressed = true;
    }
    if (!progressed) {
      const unnamed = [...plan.nodes.values()].filter((n) => n.state === 'pending' || n.state === 'waiting' || n.state === 'error').map((n) => n.id);
      return { manifests: listed(named), unnamed };
    }
  }
}

function listed(named: ReadonlyMap<string, readonly KubeObject[]>): NameableObjects['manifests'] {
  return [...named].flatMap(([resourceId, items]) => items.map((manifest) => ({ resourceId, manifest })));
}
