/**
 * Turning `simulate`'s `observed` into the objects a cluster would report: each entry (a partial object or
 * an {@link ObservedState}) is laid over the manifest the planner renders for it, so a test names only what
 * the controller changed (`status`) and the rest is what the deploy applied. Later resources read earlier
 * ones, so this runs until the rendered manifests stop changing.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { createPlanCache, finalizeManifest, isNamespacedKindOffline, planInstance, type InstancePlan, type KubeObject, type Observed, type PlanInput } from '../../runtime/engine/index.js';
import { TypeKroError } from '../../util/errors.js';
import { overlay, withoutNullFields } from '../../composition/concrete-observed-data.js';
import { isObservedState, type ObservedInput } from './observed.js';
import { checkObservedKind } from '../../composition/observed-state.js';
import { storedForm } from './stored/index.js';
import type { TestContext } from './context.js';
import { didYouMean } from './nearest.js';
import { refuseBinary } from '../../util/json.js';

/**
 * `simulate`'s `observed`: by resource id, one entry, or a list for a forEach collection with one object per
 * item the spec makes (another length is refused: composition/collection-counts.ts).
 *
 * @example
 * import { created, deploymentAvailable, type ObservedEntries } from 'typekro/testing';
 * const observed: ObservedEntries = { web: deploymentAvailable(), regions: [created(), { data: { region: 'us' } }] };
 * Object.keys(observed); // => ['web', 'regions']
 */
export type ObservedEntries = Readonly<Record<string, ObservedInput | readonly ObservedInput[]>>;

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Refuses unknown ids (with the nearest id), wrong kinds and the wrong shape for a collection. */
export function checkObserved(graph: CompositionGraph, entries: ObservedEntries): void {
  const ids = graph.resources.map((resource) => resource.id);
  for (const [id, value] of Object.entries(entries)) {
    const resource = graph.resources.find((candidate) => candidate.id === id);
    if (!resource) throw new TypeKroError('USAGE', `observed["${id}"]: composition "${graph.name}" has no resource "${id}"${didYouMean(id, ids)}; its resource ids are ${ids.join(', ')}`);
    const collection = resource.forEach.length > 0;
    if (collection && !Array.isArray(value)) throw new TypeKroError('USAGE', `observed["${id}"]: resource "${id}" is a forEach collection; give a list, one object per item (e.g. [deploymentAvailable(), deploymentAvailable()])`);
    if (!collection && Array.isArray(value)) throw new TypeKroError('USAGE', `observed["${id}"]: resource "${id}" is one ${resource.kind}, not a collection; give one object, not a list`);
    const items = (Array.isArray(value) ? value : [value]) as readonly ObservedInput[];
    items.forEach((item, i) => checkObservedKind(resource, item, collection ? `observed["${id}"][${i}]` : `observed["${id}"]`));
    refuseBinary(value, `observed["${id}"]`);
  }
}

/**
 * The objects a cluster would report, and the plan they lead to (readiness by the kind rules, as a deploy
 * waits). An object whose applied manifest did not change since the last round is the same object, so the
 * planner's cache keeps every decision that depends on unchanged objects only: the last round, which
 * confirms the fixpoint, costs next to nothing.
 */
export function resolveObserved(context: TestContext, entries: ObservedEntries): { observed: Observed; plan: InstancePlan; input: PlanInput } {
  const { prepared, spec, instance, owner, schemas } = context;
  const cache = createPlanCache();
  const built = new Map<string, { readonly applied: readonly KubeObject[] | undefined; readonly value: KubeObject | KubeObject[] }>();
  let applied = new Map<string, readonly KubeObject[]>();
  for (let round = 0; ; round++) {
    const observed = new Map<string, KubeObject | KubeObject[]>();
    // A collection rendered with no items has nothing to create: the cluster has its (empty) list.
    for (const [id, manifests] of applied) if (manifests.length === 0 && prepared.resource(id).forEach.length > 0 && !(id in entries)) observed.set(id, []);
    for (const [id, value] of Object.entries(entries)) {
      const previous = built.get(id);
      if (previous && isDeepStrictEqual(previous.applied, applied.get(id))) {
        observed.set(id, previous.value);
        continue;
      }
      const resource = prepared.resource(id);
      const items = (Array.isArray(value) ? value : [value]) as readonly ObservedInput[];
      const objects = items.map((item, i) => objectOf(resource, item, applied.get(id)?.[i]));
      const object = resource.forEach.length > 0 ? objects : objects[0]!;
      built.set(id, { applied: applied.get(id), value: object });
      observed.set(id, object);
    }
    const input: PlanInput = { spec, instance, observed, readiness: 'kind', schemas };
    const plan = planInstance(prepared, input, cache);
    const next = new Map<string, readonly KubeObject[]>();
    for (const [id, node] of plan.nodes) {
      if (node.state === 'apply') next.set(id, node.manifests.map((m) => finalizeManifest(m, id, owner, isNamespacedKindOffline(String(m.apiVersion), String(m.kind)))));
    }
    // Each round renders at least one more resource from the previous one's objects, or nothing changes.
    if (isDeepStrictEqual(next, applied) || round > prepared.order.length) return { observed, plan, input };
    applied = next;
  }
}

/**
 * The object as the cluster would report it, typed as KRO and direct mode read it (a `null` field is not
 * set), in the API server's stored form: what it defaults and the canonical quantities, also in the fields a
 * partial object gives (the cluster never reports cpu `0.5`, it reports `500m`).
 */
function objectOf(resource: ResourceNode, item: ObservedInput, applied: KubeObject | undefined): KubeObject {
  const identity = { apiVersion: resource.apiVersion, kind: resource.kind };
  const stored = applied && asStored(applied);
  const object = isObservedState(item) ? { ...identity, ...item.object(stored ?? identity) } : { ...identity, ...record(overlay(stored ?? {}, item)) };
  return asStored(withoutNullFields(object));
}

/**
 * An applied manifest as the API server stores it (stored/index.ts): a Secret's `stringData` merged into
 * `data` as base64 text, the kind's defaults filled in, quantities canonical. The differential tests' observed
 * objects are made with it too.
 * @example asStored({ apiVersion: 'v1', kind: 'Secret', stringData: { a: 'x' } }); // => { apiVersion: 'v1', kind: 'Secret', data: { a: 'eA==' }, type: 'Opaque' }
 */
export function asStored(applied: KubeObject): KubeObject {
  return storedForm(applied) as KubeObject;
}

