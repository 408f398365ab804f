/**
 * Reading the live instance before an apply or a plan. Only a 404 means there is none: any other failure
 * (forbidden, the API server unreachable past the retries, a timeout) taken as "no instance" would skip the
 * reconcile a changed graph or changed labels need (relabel.ts) and drop the graph revision the instance was
 * confirmed with, so it fails the call, saying what was being read and why.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { describeRef, KubeApiError, type CallOptions, type KubeClient, type ObjectRef } from '../kube/client.js';

/**
 * The live instance at `ref`, undefined when the API server answers 404.
 *
 * @example
 * ```ts
 * const before = await liveInstance(client, refOfObject(instance), call, 'before applying it');
 * ```
 */
export async function liveInstance(client: KubeClient, ref: ObjectRef, call: CallOptions, purpose: string): Promise<KubernetesObject | undefined> {
  try {
    return await client.get(ref, call);
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw unreadInstance(ref, purpose, error);
  }
}

/**
 * True only for the API server's 404: the one answer that says the object does not exist.
 *
 * @example
 * ```ts
 * isAbsent(new KubeApiError('get X dev/a failed (404 NotFound): not found', 404, 'NotFound')); // => true
 * isAbsent(new KubeApiError('get X dev/a failed (403 Forbidden): forbidden', 403, 'Forbidden')); // => false
 * ```
 */
export function isAbsent(error: unknown): boolean {
  return error instanceof KubeApiError && error.status === 404;
}

/**
 * The error of a failed read other than a 404: what was read and why, then the API server's message; the
 * status and code stay the cause's (a 403 is still REJECTED, an unreachable server CLUSTER_UNREACHABLE).
 *
 * @example
 * ```ts
 * unreadInstance({ apiVersion: 'x.dev/v1', kind: 'App', name: 'a', namespace: 'dev' }, 'before applying it', cause).message;
 * // => 'cannot read App dev/a before applying it, so whether it exists is unknown: <the cause's message>'
 * ```
 */
export function unreadInstance(ref: ObjectRef, purpose: string, cause: unknown): KubeApiError {
  const message = `cannot read ${describeRef(ref)} ${purpose}, so whether it exists is unknown: ${cause instanceof Error ? cause.message : String(cause)}`;
  if (cause instanceof KubeApiError) return new KubeApiError(message, cause.status, cause.reason, cause.code, { cause });
  return new KubeApiError(message, undefined, undefined, 'REJECTED', { cause });
}
