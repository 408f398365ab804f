/**
 * The instance's namespace must exist before a deploy takes its lease or applies anything (the RGD included):
 * else the first write fails on an internal object (the lease, the instance record) with the API server's
 * words. Created when asked (`createNamespace`, `--create-namespace`), as helm does.
 */
import type { CallOptions } from '../runtime/kube/client.js';
import { KubeApiError, namespaceNotFound } from '../runtime/kube/errors.js';
import type { KubeClient } from '../runtime/kube/client.js';

/**
 * Makes sure `namespace` exists: applies it when `create`, else looks it up and fails with `NAMESPACE_NOT_FOUND`,
 * whose remedies say how to create it or deploy elsewhere (`operation: 'plan'`: a plan, which creates nothing). An account that may not read namespaces (a namespace-scoped one) is trusted
 * to be in an existing namespace: the deploy's own writes report a missing one.
 */
export async function ensureNamespace(kube: KubeClient, namespace: string, create: boolean, call: CallOptions, operation: 'deploy' | 'plan' = 'deploy'): Promise<void> {
  if (create) {
    await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, call);
    return;
  }
  try {
    if (await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }, call)) return;
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 403) return;
    throw error;
  }
  throw namespaceNotFound(namespace, operation);
}
