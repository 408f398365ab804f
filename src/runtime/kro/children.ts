/**
 * Why a KRO instance is not ready, from its children: KRO's own conditions only say that a resource is
 * not ready; the child says why (a HelmRelease's Helm error, a Deployment short of replicas). Read with
 * the kind rules KRO itself was given as default readyWhen, for timeout messages.
 */
import { createCelEngine } from '../cel/index.js';
import { readinessReader, type KubeObject } from '../engine/index.js';
import { describeRef, refOfObject, type KubeClient } from '../kube/client.js';
import { listByLabel } from '../kube/list.js';

/** A kind of the graph's resources, to list the instance's children by. */
export interface ChildKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * One line per child of the instance that is not ready, with the reason (`HelmRelease ns/x: ...`); empty
 * when all are ready or they cannot be listed (the timeout message must not fail on its own diagnosis).
 */
export async function notReadyChildren(client: KubeClient, kinds: readonly ChildKind[], instance: { name: string; namespace: string }): Promise<string[]> {
  const selector = `kro.run/instance-name=${instance.name},kro.run/instance-namespace=${instance.namespace}`;
  const unique = [...new Map(kinds.map((k) => [`${k.apiVersion}/${k.kind}`, k])).values()];
  const lists = await Promise.all(
    unique.map((k) => listByLabel(client.config, k.apiVersion, k.kind, selector, { client, deadline: Date.now() + 5_000 }).catch(() => [])),
  );
  const readinessOf = readinessReader(createCelEngine());
  return lists.flat().flatMap((child) => {
    const readiness = readinessOf(child as unknown as KubeObject);
    return readiness.ready ? [] : [`${describeRef(refOfObject(child))}: ${readiness.reason}`];
  });
}
