/**
 * A redeploy that leaves the instance's generation as it was, but not what KRO computes from:
 * - only the instance's labels or annotations changed. KRO v0.9.4 skips an update of an instance whose
 *   generation did not change (`pkg/dynamiccontroller` `enqueueFromInformer`), and labels and annotations do
 *   not change it: a composition reading them (`schema.metadata.labels.team`) would keep the old values until
 *   KRO reconciles for another reason, while direct mode computes them at once;
 * - the RGD changed (the composition was edited, the spec was not). KRO reconciles the instance with the new
 *   graph revision some time later, and until then its conditions are the previous graph's: believing them
 *   reported a broken change as ready, and the fix of it as failed (trial 15 F1). "Changed" is judged against
 *   the instance, not against the RGD before this deploy: the instance carries the RGD revision (generation and uid) it was last
 *   seen Ready with (`typekro.dev/graph-revision`, written once the deploy confirmed it), so a deploy aborted
 *   between the RGD's update and the instance's reconcile leaves the next deploy a graph that is still new to
 *   the instance, though the RGD no longer changes.
 * KRO makes one exception to its skip, for the transitions of its reconcile annotation (`kro.run/reconcile:
 * suspended`), in both directions, "so the instance re-converges": the instance is suspended and resumed,
 * which KRO reconciles, with the graph revision it serves by then.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
export { readsInstanceLabels } from '../../ir/instance-metadata-reads.js';
import { GRAPH_REVISION_ANNOTATION, isKroInstanceKey } from '../../util/instance-metadata.js';
import { refOfObject, type KubeClient } from '../kube/client.js';

/** KRO v0.9.4's instance annotation that suspends its reconciliation (`api/v1alpha1` InstanceReconcileAnnotation). */
export const RECONCILE_ANNOTATION = 'kro.run/reconcile';

/** The labels and annotations of an object that are not KRO's own (nor the deploy's), as one comparable text. */
function userMetadata(object: KubernetesObject | undefined): string {
  const own = (map: Record<string, string> | undefined): [string, string][] =>
    Object.entries(map ?? {}).filter(([key]) => !isKroInstanceKey(key) && key !== GRAPH_REVISION_ANNOTATION).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([own(object?.metadata?.labels), own(object?.metadata?.annotations)]);
}

/** `instance` with its annotation {@link GRAPH_REVISION_ANNOTATION} set to `revision`, or without it. */
export function withGraphRevision<T extends KubernetesObject>(instance: T, revision: string | undefined): T {
  const others = Object.entries(instance.metadata?.annotations ?? {}).filter(([key]) => key !== GRAPH_REVISION_ANNOTATION);
  const annotations = Object.fromEntries(revision === undefined ? others : [...others, [GRAPH_REVISION_ANNOTATION, revision]]);
  const metadata = { ...instance.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...instance, metadata };
}

/**
 * The instance to apply before KRO has reconciled it with the graph of this deploy: as given, keeping the
 * graph revision the live instance (`live`) was last confirmed with. An apply without it would drop it (this
 * field manager set it), and one with the new revision would claim a reconcile that has not happened.
 *
 * @example
 * ```ts
 * keptGraphRevision(instance, live).metadata.annotations['typekro.dev/graph-revision']; // => '3' when the live instance has it
 * ```
 */
export function keptGraphRevision<T extends KubernetesObject>(instance: T, live: KubernetesObject | undefined): T {
  return withGraphRevision(instance, live?.metadata?.annotations?.[GRAPH_REVISION_ANNOTATION]);
}

/** Why an apply needs KRO to reconcile the instance again. */
export type Unseen = 'labels' | 'graph' | 'unconfirmed';

/**
 * Why the instance needs KRO to reconcile it again after applying turned `before` into `after`: `'graph'`
 * when the RGD KRO serves (`changed.graphRevision`, its generation and uid) is not the one the instance was last
 * confirmed with (its annotation {@link GRAPH_REVISION_ANNOTATION}; `'unconfirmed'` for an instance without
 * it, which no deploy saw Ready), whatever the apply did: with the same generation KRO does not reconcile it, and a new generation
 * KRO may reconcile with the previous graph; `'labels'` when the generation stayed and labels or annotations
 * (not KRO's) that the composition reads (`changed.labels`) changed. Undefined for a new instance (KRO
 * reconciles it).
 *
 * @example
 * ```ts
 * unseenByKro(before, after, { labels: true }); // => 'labels' after a redeploy with only another label
 * unseenByKro(before, after, { labels: false, graphRevision: '4/a1' }); // => 'graph' when `before` was confirmed with '3/a1'
 * ```
 */
export function unseenByKro(before: KubernetesObject | undefined, after: KubernetesObject, changed: { readonly labels: boolean; readonly graphRevision?: string }): Unseen | undefined {
  if (!before || before.metadata?.generation === undefined) return undefined;
  // A new generation too: KRO may reconcile it with the graph it served before the RGD changed, and its
  // verdict then carries the new generation (trial 16 F3: the fix of a broken composition, deployed with a
  // new spec, failed with the broken graph's error).
  const confirmed = before.metadata.annotations?.[GRAPH_REVISION_ANNOTATION];
  // Never confirmed: its graph may be this one, but no deploy saw KRO judge the instance with it (trial 19 F8).
  if (changed.graphRevision !== undefined && confirmed !== changed.graphRevision) return confirmed === undefined ? 'unconfirmed' : 'graph';
  if (before.metadata.generation !== after.metadata?.generation) return undefined;
  return changed.labels && userMetadata(before) !== userMetadata(after) ? 'labels' : undefined;
}

const WHY: Readonly<Record<Unseen, string>> = {
  labels: 'only labels or annotations changed, which KRO does not reconcile',
  graph: 'the ResourceGraphDefinition changed since the instance was last seen Ready (typekro.dev/graph-revision), so KRO may not have reconciled it with this graph yet',
  unconfirmed: 'the instance was never seen Ready by a deploy (an earlier one was interrupted or failed, or an older TypeKro made it), so KRO may not have reconciled it with this graph yet',
};

interface Condition {
  readonly type?: string;
  readonly reason?: string;
}

/**
 * Makes KRO reconcile the applied instance: applies it suspended, waits until KRO reports the suspension (its
 * Ready condition is then False), and applies it as given again (the apply drops the annotation this field
 * manager gave), which KRO reconciles. The caller then waits for Ready as after any apply: a Ready condition
 * seen after the suspension comes from that reconcile.
 */
export async function reconcileAgain(
  client: KubeClient,
  instance: KubernetesObject,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly onProgress?: (message: string) => void },
  why: Unseen,
): Promise<KubernetesObject> {
  const call = options.signal ? { signal: options.signal } : {};
  const suspended = { ...instance, metadata: { ...instance.metadata, annotations: { ...instance.metadata?.annotations, [RECONCILE_ANNOTATION]: 'suspended' } } };
  options.onProgress?.(`${WHY[why]}: suspending and resuming the instance so that it does`);
  let failure: unknown;
  try {
    const applied = await client.apply(suspended, { force: true, ...call });
    await client.waitFor(
      refOfObject(instance),
      (object) => ((object as { status?: { conditions?: Condition[] } } | undefined)?.status?.conditions ?? []).some((c) => c.type === 'ResourcesReady' && c.reason === 'ReconciliationSuspended') || undefined,
      { timeoutMs: options.timeoutMs, ...call, initial: applied, describe: () => 'KRO has not reported the suspension yet' },
    );
  } catch (error) {
    failure = error;
  }
  // Resumed whatever happened (even aborted: no signal here): an instance left suspended is never reconciled again.
  const resumed = await client.apply(instance, { force: true });
  if (failure !== undefined) throw failure;
  return resumed;
}
