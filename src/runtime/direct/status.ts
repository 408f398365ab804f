/**
 * The state of a deployed instance, read from the cluster, in both modes: the objects it owns (found by the
 * mode's own labels, only in the namespaces it uses, so a namespace-scoped account can read them) judged
 * by the runtime's readiness (`engine/report.ts`), with the external references it reads.
 */
import { labelValue, mergeKinds, planInstance, reportInstance, type InstanceIdentity, type InstanceReport, type KubeObject, type Ownership, type PreparedGraph, type UnknownResources } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { listOwned, resourceIdOf } from './owned.js';
import { graphKinds, readRecord } from './record.js';
import { plain } from './objects.js';

/** How many rounds of external references to read (an external whose name depends on another external). */
const EXTERNAL_ROUNDS = 4;

/**
 * The report for objects already grouped by resource id. External references the graph reads are fetched,
 * so that resources depending on them are judged, not reported as waiting.
 */
export async function reportObjects(
  client: KubeClient,
  prepared: PreparedGraph,
  input: { spec: unknown; instance: InstanceIdentity },
  byId: ReadonlyMap<string, readonly KubeObject[]>,
  call: CallOptions,
  /** Resources whose existence depends on a spec that is not known (engine/report.ts). */
  unknown?: UnknownResources,
): Promise<InstanceReport> {
  const observed = new Map<string, KubeObject | readonly KubeObject[]>();
  for (const [id, items] of byId) {
    const collection = prepared.resource(id).forEach.length > 0;
    if (collection) observed.set(id, items);
    else if (items[0]) observed.set(id, items[0]);
  }
  for (let round = 0; round < EXTERNAL_ROUNDS; round++) {
    const plan = planInstance(prepared, { ...input, observed, readiness: 'kind' });
    // A collection whose forEach resolves to no items owns no object to find, yet it exists: KRO binds it
    // as an empty list (size(x) is 0), as deploy does when it applies it.
    const empty = [...plan.nodes.values()].filter((node) => node.state === 'apply' && node.collection && node.manifests.length === 0 && !observed.has(node.id));
    for (const node of empty) observed.set(node.id, []);
    const externals = [...plan.nodes.values()].filter((node) => node.state === 'external' && !observed.has(node.id));
    if (externals.length === 0 && empty.length === 0) break;
    for (const node of externals) {
      if (node.state !== 'external') continue;
      const found = await client.get(node.target, call);
      if (found) observed.set(node.id, plain(found));
    }
  }
  return reportInstance(prepared, { ...input, observed, readiness: 'kind' }, unknown);
}

/** Objects by the resource id their label names (label values of long ids are shortened: map them back). */
export function groupByResource(prepared: PreparedGraph, objects: readonly KubeObject[], labelOf: (object: KubeObject) => string | undefined): Map<string, KubeObject[]> {
  const ids = new Map(prepared.order.map((id) => [labelValue(id), id]));
  const groups = new Map<string, KubeObject[]>();
  for (const object of objects) {
    const id = ids.get(labelOf(object) ?? '');
    if (id !== undefined) groups.set(id, [...(groups.get(id) ?? []), object]);
  }
  return groups;
}

/** What a direct instance owns now: undefined when it has neither a record nor an object. */
export async function ownedNow(client: KubeClient, prepared: PreparedGraph, owner: Ownership, call: CallOptions): Promise<KubeObject[] | undefined> {
  const record = await readRecord(client, owner, call);
  const kinds = mergeKinds(record?.kinds ?? [], graphKinds(prepared));
  const objects = await listOwned(client, owner, kinds, [...new Set([owner.namespace, ...(record?.namespaces ?? [])])], call);
  return record || objects.length > 0 ? objects : undefined;
}

/**
 * The report of a direct instance, or undefined when it does not exist.
 *
 * @example
 * ```ts
 * const report = await statusDirect(client, prepared, { spec, instance: { name: 'web', namespace: 'dev' } }, owner, call);
 * report?.ready; // true
 * ```
 */
export async function statusDirect(
  client: KubeClient,
  prepared: PreparedGraph,
  input: { spec: unknown; instance: InstanceIdentity },
  owner: Ownership,
  call: CallOptions,
): Promise<InstanceReport | undefined> {
  const objects = await ownedNow(client, prepared, owner, call);
  if (!objects) return undefined;
  return reportObjects(client, prepared, input, groupByResource(prepared, objects, resourceIdOf), call);
}
