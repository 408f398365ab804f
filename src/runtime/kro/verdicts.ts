/**
 * What the runtime's judgement of an instance's children says while a kro deploy waits (deploy.ts): why it
 * times out, which resource failed for good, which status field KRO can never write. A readiness verdict
 * (a readiness rule's terminal failure, a readyWhen that fails: `field: 'readyWhen'`, engine/failure.ts) is a
 * failed resource, said as one; only an expression's failure is "the first expression that fails".
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { describeFailure, type EvaluationFailure, type InstanceIdentity, type InstanceReport, type ResourceStatus } from '../engine/index.js';
import { describeRef, type ObjectRef } from '../kube/client.js';
import type { KroDiagnosis, KroFailure } from './deploy.js';

/**
 * For a timeout: the children that are not ready, and what fails: an expression's failure described, a
 * readiness verdict as the failed resource.
 *
 * @example
 * ```ts
 * diagnosisOf(report); // => { notReady: ['Deployment dev/web: 0/1 readyReplicas'], failed: 'resource "web" (Deployment dev/web) failed: ...' }
 * ```
 */
export function diagnosisOf(report: InstanceReport): KroDiagnosis {
  const notReady = report.resources.filter((r) => r.state === 'not-ready' && r.name).map((r) => `${describeRef(refOfRow(r))}: ${r.reason}`);
  const failure = report.failure;
  if (!failure) return { notReady };
  if (!isReadinessVerdict(failure)) return { notReady, failure: describeFailure(failure) };
  const row = report.resources.find((r) => r.resourceId === failure.resourceId && r.failed && r.name);
  return { notReady, failed: row ? failedResource(row).message : `resource "${failure.resourceId}" failed: ${failure.message}` };
}

/**
 * True for a resource's readiness verdict (its rule or readyWhen says it failed for good), not an
 * expression of the graph that fails to evaluate.
 *
 * @example
 * ```ts
 * isReadinessVerdict({ resourceId: 'web', field: 'readyWhen', message: 'rollout exceeded its progress deadline', specFields: [] }); // => true
 * ```
 */
export function isReadinessVerdict(failure: EvaluationFailure): boolean {
  return failure.resourceId !== undefined && failure.field === 'readyWhen' && failure.cel === undefined;
}

/**
 * While waiting: the first child that failed for good, the verdict direct mode stops on.
 *
 * @example
 * ```ts
 * firstFailedResource(report)?.message; // => 'resource "web" (Deployment dev/web) failed: rollout exceeded its progress deadline'
 * ```
 */
export function firstFailedResource(report: InstanceReport): KroFailure | undefined {
  const row = report.resources.find((r) => r.failed && r.name);
  return row ? failedResource(row) : undefined;
}

function failedResource(row: ResourceStatus): KroFailure {
  return { resourceId: row.resourceId, message: `resource "${row.resourceId}" (${describeRef(refOfRow(row))}) failed: ${row.reason}` };
}

/**
 * A status field KRO can never write for the deployed spec (stuck-status.ts), as the reason the instance
 * cannot become ready.
 *
 * @example
 * ```ts
 * stuckStatus({ field: 'status.q', cel: 'schema.spec.n / web.spec.replicas', message: 'division by zero', specFields: ['spec.n'] }).message;
 * // => 'status field q: `schema.spec.n / web.spec.replicas` fails: division by zero. It reads spec.n: pass ... . KRO evaluates it on the same objects, so it writes neither status nor condition'
 * ```
 */
export function stuckStatus(failure: EvaluationFailure): KroFailure {
  return { message: `${describeFailure(failure)}. KRO evaluates it on the same objects, so it writes neither status nor condition` };
}

/**
 * The instance as the engine reads it (`schema.metadata.*`): where it is, the labels and annotations the deploy
 * gave (KRO's own are never read: composition/instance-metadata-reads.ts) and, once the API server assigned
 * them, its uid, creation time and generation, as KRO reads them from the object.
 *
 * @example
 * ```ts
 * liveIdentity(instance, { name: 'web', namespace: 'dev' }).assigned?.generation; // => 2 for the live instance of the second spec
 * ```
 */
export function liveIdentity(object: KubernetesObject, at: { name: string; namespace?: string }): InstanceIdentity {
  const { labels = {}, annotations = {}, uid, creationTimestamp, generation } = object.metadata ?? {};
  const created = creationTimestamp === undefined ? undefined : new Date(creationTimestamp as unknown as string | Date).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const assigned = uid && created && generation ? { assigned: { uid, creationTimestamp: created, generation } } : {};
  return { ...at, labels, annotations, ...assigned };
}

/** A report row's object (rows with a name only). */
function refOfRow(row: ResourceStatus): ObjectRef {
  return { apiVersion: row.apiVersion, kind: row.kind, name: row.name ?? '', ...(row.namespace ? { namespace: row.namespace } : {}) };
}
