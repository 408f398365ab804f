/**
 * The direct factory: deploys a composition from this process, without KRO in the cluster, with KRO's
 * semantics (same graph, same CEL, same ordering, same skip and pending rules). See `runtime/direct`.
 */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { toYaml as yamlOf } from '../compile/rgd/index.js';
import { createCelEngine } from '../runtime/cel/index.js';
import { prepareGraph, type InstanceIdentity, type Ownership, type PreparedGraph } from '../runtime/engine/index.js';
import { deleteDirect, deployDirect, renderOffline, type DirectSession, type ProgressEvent } from '../runtime/direct/index.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig, type ClusterTarget } from '../runtime/kube/config.js';
import { namespacedLookup } from '../runtime/kube/list.js';
import { instanceNameOf, validateSpec } from './spec.js';

export interface DirectFactoryOptions extends ClusterTarget {
  /** Namespace of the instance and default namespace of its namespaced resources; default `default`. */
  readonly namespace?: string;
  /** Milliseconds for a whole deploy or delete; default 300000. */
  readonly timeout?: number;
  /**
   * Wait for each resource to be ready before applying its dependents and before returning; default true.
   * When false, a resource counts as ready once it exists (and readyWhen is not evaluated).
   */
  readonly waitForReady?: boolean;
  readonly abortSignal?: AbortSignal;
  readonly progressCallback?: (event: ProgressEvent) => void;
}

/** A deployed instance: what KRO would show as the instance object, status hydrated. */
export interface DirectInstance<TSpec, TStatus> {
  readonly metadata: { name: string; namespace: string };
  readonly spec: TSpec;
  readonly status: TStatus;
}

export interface DirectFactory<TSpec, TStatus> {
  readonly mode: 'direct';
  readonly name: string;
  readonly namespace: string;
  /**
   * Applies every resource (server-side apply, field manager `typekro`), each as soon as its dependencies are
   * ready, waits for readiness and returns the hydrated status (pending status fields are omitted).
   */
  deploy(spec: TSpec, options?: { name?: string }): Promise<DirectInstance<TSpec, TStatus>>;
  /**
   * The manifests `deploy(spec)` would apply, as multi-document YAML. References to other resources resolve
   * against their rendered manifests; data only the cluster has is an error naming the resource.
   */
  toYaml(spec: TSpec): string;
  /** Deletes every object the instance owns, in reverse dependency order, and waits until they are gone. */
  deleteInstance(name: string): Promise<void>;
}

/**
 * @example
 * ```ts
 * const factory = webapp.factory('direct', { namespace: 'dev' });
 * const instance = await factory.deploy({ replicas: 3 });
 * instance.status.ready; // true
 * ```
 */
export function createDirectFactory<TSpec, TStatus>(
  definition: CompositionDefinition,
  graph: CompositionGraph,
  options: DirectFactoryOptions = {},
): DirectFactory<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  let prepared: PreparedGraph | undefined;
  // Prepared lazily so that creating a factory never fails on expressions; the first use reports them.
  const graphOf = (): PreparedGraph => (prepared ??= prepareGraph(graph, createCelEngine()));
  let client: KubeClient | undefined;
  const kube = (): KubeClient => (client ??= new KubeClient(loadKubeConfig(options)));
  let namespaced: ((apiVersion: string, kind: string) => Promise<boolean>) | undefined;
  const progress = (event: ProgressEvent): void => options.progressCallback?.(event);
  const identity = (name: string): InstanceIdentity => (graph.scope === 'Cluster' ? { name } : { name, namespace });
  const owner = (name: string): Ownership => ({ composition: graph.name, instance: name, namespace });

  return {
    mode: 'direct',
    name: graph.name,
    namespace,
    async deploy(spec, deployOptions = {}) {
      const checked = validateSpec(definition, graph, spec);
      const name = deployOptions.name ?? instanceNameOf(graph, checked);
      const session: DirectSession = {
        prepared: graphOf(),
        client: kube(),
        instance: identity(name),
        owner: owner(name),
        spec: checked,
        readiness: options.waitForReady === false ? 'exists' : 'kind',
        deadline: Date.now() + timeoutMs,
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
        namespaced: (namespaced ??= namespacedLookup(kube())),
        progress,
      };
      const result = await deployDirect(session);
      return { metadata: { name, namespace }, spec: checked, status: result.status.status as TStatus };
    },
    toYaml(spec) {
      const checked = validateSpec(definition, graph, spec);
      const name = instanceNameOf(graph, checked);
      return renderOffline(graphOf(), checked, identity(name), owner(name))
        .map((manifest) => yamlOf(manifest))
        .join('---\n');
    },
    async deleteInstance(name) {
      await deleteDirect(graphOf(), kube(), owner(name), {
        timeoutMs,
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
        progress,
      });
    },
  };
}
