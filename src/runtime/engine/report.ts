/**
 * The state of a deployed instance from what the cluster has, for `status` in both modes: every resource
 * judged by the same readiness the deploy waits for (`readyWhen`, else the kind rules), resources without
 * objects explained by the planner (skipped, waiting for a dependency, deleted by hand).
 */
import { objectsReadiness, planInstance } from './plan.js';
import { objectsRead } from './read-objects.js';
import type { PreparedGraph } from './prepared.js';
import { instanceStatus } from './status.js';
import type { KubeObject, PlanInput, Readiness } from './types.js';
import { everyFailure, type EvaluationFailure } from './failure.js';

/**
 * One object of the instance, or one resource that has no object.
 *
 * @example
 * ```ts
 * import type { ResourceStatus } from 'typekro';
 * const row: ResourceStatus = { resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', state: 'not-ready', ready: false, reason: '1/3 readyReplicas' };
 * row.state; // => 'not-ready'
 * ```
 */
export interface ResourceStatus {
  /** The resource id in the composition. */
  readonly resourceId: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** Absent when the resource has no object in the cluster. */
  readonly name?: string;
  readonly namespace?: string;
  /**
   * `ready`, `not-ready`, `missing` (should exist but does not), `skipped` (includeWhen is false), `waiting`
   * (for a dependency or data), `unknown` (direct mode's status without the spec: no object, and whether it
   * should have one depends on the spec, which the cluster does not keep; not counted against readiness).
   */
  readonly state: 'ready' | 'not-ready' | 'missing' | 'skipped' | 'waiting' | 'unknown';
  readonly ready: boolean;
  /** The readiness reason (`1/3 readyReplicas`, `readyWhen is false`, `not created`). */
  readonly reason: string;
  /**
   * Set when waiting cannot help (the kind rule's terminal failure, such as a Deployment past its progress
   * deadline, or a readyWhen that fails): the verdict that ends a deploy in both modes.
   */
  readonly failed?: true;
}

export interface InstanceReport {
  /** Every resource ready or skipped. */
  readonly ready: boolean;
  readonly resources: readonly ResourceStatus[];
  /** The hydrated status (pending and absent fields omitted), which fields are pending and which absent by design (engine/resolve.ts). */
  readonly status: Record<string, unknown>;
  readonly pending: readonly string[];
  readonly absent: readonly string[];
  /** The first expression that fails for good (engine/failure.ts): why an instance is stuck when nothing else says. */
  readonly failure?: EvaluationFailure;
  /** Every expression that fails for good, `failure` first: each failing resource, then every failing status field. */
  readonly failures: readonly EvaluationFailure[];
}

/**
 * Resources whose existence and count depend on a spec that is not known (direct mode's status without the
 * whole spec), and whether the last deploy finished (then the objects are exactly its spec's, pruned).
 */
export interface UnknownResources {
  readonly ids: ReadonlySet<string>;
  readonly settled: boolean;
}

function identityOf(object: KubeObject): { name?: string; namespace?: string } {
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  return { ...(metadata.name ? { name: metadata.name } : {}), ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
}

function objectRow(base: Pick<ResourceStatus, 'resourceId' | 'apiVersion' | 'kind'>, object: KubeObject, readiness: Readiness): ResourceStatus {
  return { ...base, ...identityOf(object), state: readiness.ready ? 'ready' : 'not-ready', ready: readiness.ready, reason: readiness.reason, ...(readiness.failed ? { failed: true as const } : {}) };
}

/**
 * The rendered objects of a collection with no observed object of their name (and namespace, when both
 * say): rows of their own, so the count of objects ready counts them and ready items stay ready.
 */
function notObserved(manifests: readonly KubeObject[], items: readonly KubeObject[]): KubeObject[] {
  if (manifests.length <= items.length) return [];
  const seen = items.map(identityOf);
  const missing = manifests.filter((manifest) => {
    const wanted = identityOf(manifest);
    return !seen.some((have) => have.name === wanted.name && (!have.namespace || !wanted.namespace || have.namespace === wanted.namespace));
  });
  // A name that does not match (one the API server generates) must not count an object twice.
  return missing.slice(0, manifests.length - items.length);
}

/**
 * Judges the observed objects (by resource id, collections as lists; external references included when
 * they were read) with the runtime's readiness. `unknown`: resources whose existence and count depend on a
 * spec that is not known (direct mode's status without the spec): their objects are judged as they are, and
 * one without objects is `unknown`, not missing.
 *
 * @example
 * ```ts
 * const report = reportInstance(prepared, { spec, instance: { name: 'web', namespace: 'dev' }, observed });
 * report.resources[0]; // { resourceId: 'deployment', kind: 'Deployment', name: 'web', state: 'ready', ready: true, reason: 'ready' }
 * ```
 */
export function reportInstance(prepared: PreparedGraph, input: PlanInput, unknownResources?: UnknownResources): InstanceReport {
  const unknown = unknownResources?.ids ?? new Set<string>();
  const plan = planInstance(prepared, { ...input, readiness: input.readiness ?? 'kind' });
  const resources: ResourceStatus[] = [];
  const judged = new Map<string, Readiness>();
  for (const id of plan.order) {
    const resource = prepared.resource(id);
    if (resource.externalRef) continue;
    const node = plan.nodes.get(id);
    const value = input.observed.get(id);
    const items = value === undefined ? [] : ((Array.isArray(value) ? value : [value]) as KubeObject[]);
    const base = { resourceId: id, apiVersion: resource.apiVersion, kind: resource.kind };
    if (items.length > 0) {
      // A count computed from a spec that is not known is not the instance's: what exists is.
      const desired = node?.state === 'apply' && !unknown.has(id) ? Math.max(node.manifests.length, items.length) : items.length;
      const { objects, overall } = objectsReadiness(prepared, id, desired, { ...input, readiness: input.readiness ?? 'kind' });
      judged.set(id, overall);
      // Each object by its own verdict: one item's failing readyWhen is not its neighbours'.
      items.forEach((item, i) => resources.push(objectRow(base, item, objects[i]!)));
      if (node?.state === 'apply') for (const manifest of notObserved(node.manifests, items)) resources.push({ ...base, ...identityOf(manifest), state: 'missing', ready: false, reason: 'not created, or deleted since' });
      continue;
    }
    if (!node || (node.state === 'apply' && node.manifests.length === 0)) continue; // an empty collection
    if (unknown.has(id)) {
      // Finished: the deploy pruned what its spec did not want, so no object is what it wants. Not finished:
      // the resource may be one the last deploy never reached.
      const settled = unknownResources?.settled ?? true;
      const reason = settled
        ? 'no object; whether it should have one depends on the spec of the last deploy (give it to check)'
        : 'no object, and the last deploy did not finish; whether it should have one depends on its spec (give it to check)';
      resources.push({ ...base, state: 'unknown', ready: settled, reason });
      continue;
    }
    if (node.state === 'skipped') resources.push({ ...base, state: 'skipped', ready: true, reason: node.reason });
    else if (node.state === 'apply') resources.push({ ...base, state: 'missing', ready: false, reason: 'not created, or deleted since' });
    else if (node.state === 'error') resources.push({ ...base, state: 'not-ready', ready: false, reason: node.message });
    else if (node.state !== 'external') resources.push({ ...base, state: 'waiting', ready: false, reason: node.reason });
  }
  // The status KRO shows: an object whose dependency is not ready (or whose own data is pending) is not read.
  const hydrated = instanceStatus(prepared, { ...input, observed: objectsRead(plan, input.observed) });
  const failures = everyFailure(prepared, plan, hydrated, judged);
  const failure = failures[0];
  return { ready: resources.every((r) => r.ready), resources, status: hydrated.status, pending: hydrated.pending, absent: hydrated.absent, ...(failure ? { failure } : {}), failures };
}
