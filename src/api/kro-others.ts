/**
 * The other instances a changed ResourceGraphDefinition changes (kro mode, trial 19 F3). The RGD is shared by
 * every instance of the kind: once it changes, KRO reconciles each instance, in every namespace, with the new
 * graph, creating, changing and deleting its objects; direct mode changes only the instance deployed. So a
 * plan or deploy that changes the RGD lists each other live instance and what KRO will do to its objects, by
 * the one children planner (runtime/kro/children-plan.ts) run with that instance's own live spec, identity and
 * recorded kinds. The instances are listed once, and planned only when the RGD changes.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { CompositionGraph } from '../ir/graph.js';
import type { DeployPlan, PlannedObject, PlannedOtherInstance } from '../runtime/direct/index.js';
import type { KubeObject, PreparedGraph } from '../runtime/engine/index.js';
import { childKindsOf } from '../runtime/kro/applyset.js';
import { planKroChildren } from '../runtime/kro/children-plan.js';
import type { ChildKind } from '../runtime/kro/children.js';
import { listInstances } from '../runtime/kro/instances.js';
import { liveIdentity } from '../runtime/kro/verdicts.js';
import { KubeApiError, type CallOptions, type KubeClient } from '../runtime/kube/client.js';
import { kroPlanValues } from './kro-plan-values.js';
import { redactorFor } from './sensitive.js';
import { specWithDefaults } from './spec.js';

import { affected, describeOther, instanceLabel } from './other-instances.js';
import { OtherInstancesError } from './kro-types.js';

export { affected, describeOther, instanceLabel } from './other-instances.js';

/** How many other instances are planned at once. */
const PLANNED_AT_ONCE = 4;

/** The other instances and, when some could not be listed, why. */
export interface OtherInstances {
  readonly instances: readonly PlannedOtherInstance[];
  readonly note?: string;
}

interface Context {
  readonly client: KubeClient;
  readonly graph: CompositionGraph;
  readonly prepared: PreparedGraph;
  /** The kinds of the new graph's resources, to list children by (with each instance's recorded kinds). */
  readonly kinds: readonly ChildKind[];
  /** The namespace of the deployed instance: where instances are listed when the others cannot be. */
  readonly namespace: string;
  readonly call: () => CallOptions;
}

/** Every live instance of the kind, in every namespace; only the deployed one's namespace when listing all is forbidden. */
async function listAll(context: Context): Promise<{ items: KubernetesObject[]; note?: string }> {
  const apiVersion = `${context.graph.group}/${context.graph.version}`;
  try {
    return { items: await listInstances(context.client.config, apiVersion, context.graph.kind) };
  } catch (error) {
    if (context.graph.scope === 'Cluster' || !(error instanceof KubeApiError && error.status === 403)) throw error;
    const items = await listInstances(context.client.config, apiVersion, context.graph.kind, context.namespace);
    return { items, note: `the instances of ${context.graph.kind} in other namespaces could not be listed (forbidden): KRO changes them too` };
  }
}

/** One other instance as KRO will reconcile it with the new graph. */
async function planOne(context: Context, object: KubernetesObject): Promise<PlannedOtherInstance> {
  const name = object.metadata?.name ?? '';
  const at = context.graph.scope === 'Cluster' ? { name } : { name, namespace: object.metadata?.namespace ?? '' };
  const live = (object as { spec?: unknown }).spec ?? {};
  const redactor = redactorFor(context.graph, live);
  try {
    // The spec as KRO reads it once the new CRD is in place: the API server gives absent fields their defaults.
    const spec = specWithDefaults(context.graph, live);
    const kinds = await childKindsOf(context.client, object as KubeObject, context.kinds, context.call());
    const values = kroPlanValues(context.graph, redactor);
    const { failed, ...plan } = await planKroChildren(context.client, context.prepared, kinds, { spec, instance: liveIdentity(object, at) }, context.call, redactor, values.children);
    return { ...at, ...plan, ...(failed ? { note: `fails with the new graph: ${failed.join('; ')}` } : {}) };
  } catch (error) {
    const message = redactor.text(error instanceof Error ? error.message : String(error));
    return { ...at, create: [], change: [], unchanged: [], prune: [], skipped: [], note: `could not be planned: ${message}` };
  }
}

/**
 * The other live instances of the kind (all but `deployed`) and what the new graph does to each one's objects.
 *
 * @example
 * ```ts
 * const others = await planOtherInstances({ client, graph, prepared, kinds, namespace: 'e3', call }, { name: 'y', namespace: 'e3' });
 * others.instances.map((o) => `${o.namespace}/${o.name}: ${o.prune.length} to delete`); // ['e2/x: 1 to delete', 'e3/z: 1 to delete']
 * ```
 */
export async function planOtherInstances(context: Context, deployed: { readonly name: string; readonly namespace?: string }): Promise<OtherInstances> {
  const { items, note } = await listAll(context);
  const others = items.filter((item) => {
    const { name, namespace, deletionTimestamp } = item.metadata ?? {};
    // One KRO is deleting is not reconciled with the new graph.
    return deletionTimestamp === undefined && !(name === deployed.name && (context.graph.scope === 'Cluster' || namespace === deployed.namespace));
  });
  // A few at a time (the client's pool bounds the requests anyway), in the order listed.
  const instances: PlannedOtherInstance[] = new Array<PlannedOtherInstance>(others.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let at = next++; at < others.length; at = next++) instances[at] = await planOne(context, others[at]!);
  };
  await Promise.all(Array.from({ length: Math.min(PLANNED_AT_ONCE, others.length) }, worker));
  return { instances, ...(note ? { note } : {}) };
}

/**
 * `plan` with the RGD's line saying that the change deletes objects of other instances (listed in
 * `otherInstances`), which the deploy refuses unless allowed: as a breaking schema change is noted there.
 *
 * @example
 * ```ts
 * withOthersNote(plan, others, 'Evo').change[0].resource.note; // 'deletes objects of other instances of Evo (e2/x, e3/z): the deploy refuses it'
 * ```
 */
export function withOthersNote(plan: DeployPlan, found: OtherInstances | undefined, kind: string): DeployPlan {
  const deleting = (found?.instances ?? []).filter((other) => other.prune.length > 0);
  if (deleting.length === 0) return plan;
  const where = deleting.map((other) => instanceLabel(kind, other).slice(kind.length + 1)).join(', ');
  const note = `deletes objects of other instances of ${kind} (${where}): the deploy refuses it`;
  const remedy = { purpose: 'delete them anyway', action: 'option', option: 'allowOtherInstances' } as const;
  const noted = (o: PlannedObject): PlannedObject => (o.resourceId === 'rgd' ? { ...o, note: o.note ? `${o.note}; ${note}` : note, remedies: [...(o.remedies ?? []), remedy] } : o);
  return { ...plan, create: plan.create.map(noted), change: plan.change.map((c) => ({ ...c, resource: noted(c.resource) })) };
}

/**
 * Before the RGD is applied: a change that deletes objects of other instances needs `allow`
 * (allowOtherInstances: the user named one instance, and KRO prunes the others' objects, whose data is then
 * gone); every other instance it changes is reported through `warn`, to be kept in view.
 *
 * @example
 * ```ts
 * confirmOthers(found, graph, false, warn); // throws OtherInstancesError when `found` deletes objects of another instance
 * ```
 */
export function confirmOthers(found: OtherInstances | undefined, graph: CompositionGraph, allow: boolean, warn: (message: string) => void): void {
  if (!found) return;
  const changed = found.instances.filter(affected);
  // Fail closed (review 39): one that could not be planned, or fails with the new graph, may lose objects too,
  // and so may one in a namespace the account could not list.
  const refused = changed.filter((other) => other.prune.length > 0 || other.note !== undefined);
  if ((refused.length > 0 || found.note) && !allow) throw new OtherInstancesError(graph.name, graph.kind, refused, found.note);
  if (found.note) warn(found.note);
  for (const other of changed) warn(`the new ResourceGraphDefinition ${graph.name} changes another instance: ${describeOther(graph.kind, other)}`);
}
