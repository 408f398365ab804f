/**
 * The KRO factory's cluster side, loaded by `factories.ts` on the first call that needs a cluster, so that
 * defining and rendering never load the Kubernetes client.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileRgd } from '../compile/rgd/index.js';
import type { CompositionGraph } from '../ir/graph.js';
import { recordName } from '../runtime/engine/index.js';
import { KubeClient } from '../runtime/kube/client.js';
import { withLease, type LeaseOptions } from '../runtime/kube/lease.js';
import { loadKubeConfig } from '../runtime/kube/config.js';
import { applyInstance, applyRgd } from '../runtime/kro/deploy.js';
import { breakingChanges } from '../runtime/kro/breaking.js';
import { deleteKroInstance, healthOf, listInstances, type InstanceHealth } from '../runtime/kro/instances.js';
import { keptCrdProblem } from '../runtime/kro/crd.js';
import { KroRejectedError } from '../runtime/kro/errors.js';
import { BreakingChangeError, type KroFactoryOptions } from './kro-types.js';

/** What the KRO factory does in the cluster; objects come back as the API server has them. */
export interface KroDriver {
  deploy(instance: KubernetesObject): Promise<KubernetesObject>;
  deleteInstance(name: string, options?: { ignoreNotFound?: boolean }): Promise<void>;
  getInstances(): Promise<KubernetesObject[]>;
  getInstance(name: string): Promise<KubernetesObject | undefined>;
  health(instance: KubernetesObject): InstanceHealth;
}

export function createKroDriver(graph: CompositionGraph, options: KroFactoryOptions): KroDriver {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  const kube = new KubeClient(loadKubeConfig(options));
  const instanceApiVersion = `${graph.group}/${graph.version}`;
  const progress = (message: string): void => options.progressCallback?.({ type: 'progress', message });
  const waitOptions = { timeoutMs, onProgress: progress, ...(options.abortSignal ? { signal: options.abortSignal } : {}) };
  // the same lease as direct mode's: one writer per instance, whichever mode it deploys in
  const leaseOf = (name: string, operation: 'deploy' | 'delete'): LeaseOptions => ({
    name: recordName({ composition: graph.name, instance: name, namespace }),
    namespace,
    instance: name,
    operation,
    deadline: Date.now() + timeoutMs,
    waitForLock: options.waitForLock ?? false,
    ...(options.abortSignal ? { signal: options.abortSignal } : {}),
  });
  return {
    async deploy(instance) {
      return withLease(kube, leaseOf(instance.metadata?.name ?? '', 'deploy'), async (signal) => {
        const bounded = { ...waitOptions, signal };
        const rgd = await checkedRgd(kube, graph, options.allowBreakingChanges ?? false);
        await applyRgd(kube, rgd, bounded);
        const childKinds = graph.resources.filter((r) => !r.externalRef).map((r) => ({ apiVersion: r.apiVersion, kind: r.kind }));
        return applyInstance(kube, instance, { ...bounded, childKinds });
      });
    },
    async deleteInstance(name, deleteOptions = {}) {
      const ref = { apiVersion: instanceApiVersion, kind: graph.kind, name, namespace };
      await withLease(kube, leaseOf(name, 'delete'), (signal) =>
        deleteKroInstance(kube, ref, { ...waitOptions, signal, ...(deleteOptions.ignoreNotFound ? { ignoreNotFound: true } : {}) }),
      );
    },
    getInstances: () => listInstances(kube.config, instanceApiVersion, graph.kind, namespace),
    getInstance: (name) => kube.get({ apiVersion: instanceApiVersion, kind: graph.kind, name, namespace }),
    health: healthOf,
  };
}

/** The RGD to apply: refused when its schema change would break existing instances, unless allowed. */
async function checkedRgd(client: KubeClient, graph: CompositionGraph, allowBreaking: boolean): Promise<KubernetesObject> {
  const rgd = compileRgd(graph) as unknown as KubernetesObject & { spec: { schema: { spec?: unknown; types?: unknown } } };
  const live = (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: graph.name })) as
    | (KubernetesObject & { spec?: { schema?: { spec?: unknown; types?: unknown } } })
    | undefined;
  let changes = live?.spec?.schema ? breakingChanges(live.spec.schema, rgd.spec.schema) : [];
  let keptCrd: string | undefined;
  if (!live) {
    // No RGD, but maybe the CRD an earlier one left: KRO would refuse to take it over.
    const kept = await keptCrdProblem(client, { rgdName: graph.name, apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind }, rgd.spec.schema);
    if (kept?.kind === 'owned') throw new KroRejectedError(kept.message);
    if (kept) [changes, keptCrd] = [[...kept.changes], kept.crd];
  }
  if (changes.length === 0) return rgd;
  if (!allowBreaking) throw new BreakingChangeError(graph.name, changes, keptCrd);
  const metadata = { ...rgd.metadata, annotations: { ...rgd.metadata?.annotations, 'kro.run/allow-breaking-changes': 'true' } };
  return { ...rgd, metadata };
}
