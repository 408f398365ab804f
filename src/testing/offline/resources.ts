/**
 * The resources of a simulation: each one's plan, manifests and readiness, and a collection's items each
 * with its own verdict, judged by the runtime's one readiness (engine/plan.ts `objectsReadiness`).
 */
import { finalizeManifest, isNamespacedKindOffline, objectsReadiness, type InstancePlan, type KubeObject, type NodePlan, type PlanInput, type Readiness } from '../../runtime/engine/index.js';
import type { PreparedGraph } from '../../runtime/engine/prepared.js';
import type { TestContext } from './context.js';

/**
 * One resource of a simulation (`Simulation`).
 *
 * @example
 * import type { SimulatedResource } from 'typekro/testing';
 * const web: SimulatedResource = { id: 'web', apiVersion: 'apps/v1', kind: 'Deployment', collection: false, plan: 'apply', observed: true, ready: false, reason: '1/3 availableReplicas', failed: false, manifests: [] };
 * web.reason; // => '1/3 availableReplicas'
 */
export interface SimulatedResource {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly collection: boolean;
  /**
   * The planner's decision: `apply` (rendered), `skipped` (includeWhen false), `waiting` (for a dependency
   * to be ready), `pending` (for data), `error`, `external` (a reference read from the cluster).
   */
  readonly plan: 'apply' | 'skipped' | 'waiting' | 'pending' | 'error' | 'external';
  /** It is in `observed`. */
  readonly observed: boolean;
  /** Ready by its readyWhen, else its kind's rule (what a deploy waits for); a skipped resource counts as ready. */
  readonly ready: boolean;
  /** Why not (`1/3 availableReplicas`, `not created yet`, `includeWhen is false`); `ready` when ready. */
  readonly reason: string;
  /** Waiting longer cannot help: a deploy would fail on it (a failed Job, a failing readyWhen). */
  readonly failed: boolean;
  /** The manifests a deploy applies (direct mode's labels and namespace added), values resolved against `observed`. */
  readonly manifests: readonly Record<string, unknown>[];
  /**
   * A collection's items, one each: every item the plan renders and every observed one, each with its own
   * verdict (one item's failing readyWhen is not its neighbours'). `ready` and `reason` above are the
   * collection's as a deploy waits for it: every item created and ready, else the first that is not.
   * Absent for a resource that is not a collection; empty for a skipped one.
   */
  readonly items?: readonly SimulatedItem[];
}

/**
 * One item of a collection in a simulation (`Simulation`), judged alone: the verdict `typekro status` gives its object.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * import { findResource, simulate, type SimulatedItem } from 'typekro/testing';
 * const app = kubernetesComposition(
 *   { name: 'regions', apiVersion: 'example.com/v1', kind: 'Regions', spec: type({ regions: 'string[]' }) },
 *   (spec) => {
 *     for (const region of spec.regions) {
 *       ConfigMap({ id: 'regions', name: `app-${region}`, data: { region } }).withReadyWhen((self) => self.data?.state === 'synced');
 *     }
 *   },
 * );
 * const result = simulate(app, { regions: ['eu', 'us'] }, { observed: { regions: [{ data: { state: 'synced' } }, {}] } });
 * const items: readonly SimulatedItem[] = findResource(result, 'regions').items ?? [];
 * items.map((item) => [item.name, item.ready]); // => [['app-eu', true], ['app-us', false]]
 * findResource(result, 'regions').reason === items[1]?.reason; // => true
 */
export interface SimulatedItem {
  /** Its position in the collection (0 for the first item the spec makes). */
  readonly index: number;
  /** `metadata.name` of its manifest, or of its observed object when the plan renders none. */
  readonly name?: string;
  /** It is in `observed`. */
  readonly observed: boolean;
  /** Ready by its readyWhen (with `each` bound to it), else its kind's rule. */
  readonly ready: boolean;
  /** Why not (`item 1: readyWhen is false: ...`, `not created yet`); `ready` when ready. */
  readonly reason: string;
  /** Waiting longer cannot help: a deploy would fail on it. */
  readonly failed: boolean;
  /** The manifest a deploy applies for it, when the plan renders it. */
  readonly manifest?: Record<string, unknown>;
}

/**
 * Each resource of the plan as a {@link SimulatedResource}: the planner's decision, its manifests as a deploy
 * applies them, and its readiness judged on the observed objects (item by item for a collection).
 */
export function simulatedResources(context: TestContext, plan: InstancePlan, input: PlanInput, observed: ReadonlyMap<string, unknown>): SimulatedResource[] {
  return plan.order.map((id): SimulatedResource => {
    const resource = context.prepared.resource(id);
    const node = plan.nodes.get(id)!;
    const manifests = node.state === 'apply' ? node.manifests.map((m) => finalizeManifest(m, id, context.owner, isNamespacedKindOffline(String(m.apiVersion), String(m.kind)))) : [];
    const judged = judge(context.prepared, id, node, input);
    const readiness = judged?.overall ?? unobserved(node);
    const collection = resource.forEach.length > 0;
    return {
      id,
      apiVersion: resource.apiVersion,
      kind: resource.kind,
      collection,
      plan: node.state,
      observed: observed.has(id),
      ready: node.state === 'skipped' || readiness.ready,
      reason: node.state === 'skipped' ? node.reason : readiness.reason,
      failed: node.state === 'error' || readiness.failed === true,
      manifests,
      ...(collection ? { items: node.state === 'skipped' ? [] : itemsOf(manifests, observedItems(input, id), judged?.objects ?? []) } : {}),
    };
  });
}

/**
 * The observed objects of `id` judged by the runtime's one readiness (engine/plan.ts `objectsReadiness`, as
 * `typekro status` judges them): each alone, and the resource as a deploy waits for it (as many objects as the
 * plan renders, each ready). `undefined` when nothing is observed.
 */
function judge(prepared: PreparedGraph, id: string, node: NodePlan, input: PlanInput): { objects: Readiness[]; overall: Readiness } | undefined {
  if (!input.observed.has(id)) return undefined;
  const desired = node.state === 'apply' ? node.manifests.length : observedItems(input, id).length;
  return objectsReadiness(prepared, id, desired, input);
}

function observedItems(input: PlanInput, id: string): readonly KubeObject[] {
  const value = input.observed.get(id);
  return (value === undefined ? [] : Array.isArray(value) ? value : [value]) as readonly KubeObject[];
}

/** A collection's items: each rendered or observed one, an observed one by its own verdict, another not created yet. */
function itemsOf(manifests: readonly Record<string, unknown>[], objects: readonly KubeObject[], verdicts: readonly Readiness[]): SimulatedItem[] {
  return Array.from({ length: Math.max(manifests.length, objects.length) }, (_, index): SimulatedItem => {
    const manifest = manifests[index];
    const object = objects[index];
    const readiness = object !== undefined ? verdicts[index]! : { ready: false, reason: 'not created yet' };
    const name = nameOf(manifest) ?? nameOf(object);
    return {
      index,
      ...(name !== undefined ? { name } : {}),
      observed: object !== undefined,
      ready: readiness.ready,
      reason: readiness.reason,
      failed: readiness.failed === true,
      ...(manifest !== undefined ? { manifest } : {}),
    };
  });
}

function nameOf(object: Record<string, unknown> | undefined): string | undefined {
  const name = (object?.metadata as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The readiness of a resource that has no object: what the planner says about it. */
function unobserved(node: NodePlan): Readiness {
  switch (node.state) {
    case 'apply':
      return { ready: false, reason: 'not created yet' };
    case 'external':
      return node.readiness;
    case 'error':
      return { ready: false, reason: node.message, failed: true };
    default:
      return { ready: node.ready, reason: node.reason };
  }
}
