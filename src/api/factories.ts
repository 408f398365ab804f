/**
 * Factories deploy a composition: `kro` hands the graph to the KRO controller, `direct` runs it from
 * this process.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileInstance, compileRgd, toYaml } from '../compile/rgd/index.js';
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { KubeClient } from '../runtime/kube/client.js';
import { loadKubeConfig, type ClusterTarget } from '../runtime/kube/config.js';
import { applyInstance, applyRgd } from '../runtime/kro/deploy.js';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from './direct.js';
import { instanceNameOf, validateSpec } from './spec.js';

export type { DirectFactory, DirectFactoryOptions };

export interface FactoryOptionsBase extends ClusterTarget {
  /** Namespace of the instance (kro) or of the resources (direct); default `default`. */
  readonly namespace?: string;
  /** Milliseconds to wait for readiness; default 300000. */
  readonly timeout?: number;
  readonly abortSignal?: AbortSignal;
  readonly progressCallback?: (event: { type: string; message: string; resourceId?: string }) => void;
}

export type KroFactoryOptions = FactoryOptionsBase;

/** An instance as KRO reports it. */
export interface KroInstance<TSpec, TStatus> {
  readonly metadata: { name: string; namespace: string };
  readonly spec: TSpec;
  readonly status: TStatus & { state?: string; conditions?: unknown[] };
}

export interface KroFactory<TSpec, TStatus> {
  readonly mode: 'kro';
  readonly name: string;
  readonly namespace: string;
  /** The RGD; with a spec, the instance custom resource. */
  toYaml(spec?: TSpec): string;
  /** Applies the RGD, waits until KRO accepts it, applies the instance and waits until it is ACTIVE. */
  deploy(spec: TSpec, options?: { name?: string }): Promise<KroInstance<TSpec, TStatus>>;
  /** Deletes one instance and waits until it is gone (KRO deletes its resources). */
  deleteInstance(name: string): Promise<void>;
}

export function createFactory<TSpec, TStatus>(
  mode: 'kro' | 'direct',
  definition: CompositionDefinition,
  graph: CompositionGraph,
  options: KroFactoryOptions | DirectFactoryOptions,
): KroFactory<TSpec, TStatus> | DirectFactory<TSpec, TStatus> {
  if (mode === 'direct') return createDirectFactory<TSpec, TStatus>(definition, graph, options);
  if (mode !== 'kro') throw new TypeError(`unknown factory mode "${String(mode)}": use 'kro' or 'direct'`);
  return createKroFactory<TSpec, TStatus>(definition, graph, options);
}

function createKroFactory<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, options: KroFactoryOptions): KroFactory<TSpec, TStatus> {
  const namespace = options.namespace ?? 'default';
  const timeoutMs = options.timeout ?? 300_000;
  let client: KubeClient | undefined;
  const kube = (): KubeClient => (client ??= new KubeClient(loadKubeConfig(options)));
  const instanceOf = (spec: TSpec, name?: string): KubernetesObject => {
    const checked = validateSpec(definition, graph, spec);
    return compileInstance(graph, checked, { name: name ?? instanceNameOf(graph, checked), namespace }) as KubernetesObject;
  };
  const progress = (message: string): void => options.progressCallback?.({ type: 'progress', message });
  const waitOptions = { timeoutMs, onProgress: progress, ...(options.abortSignal ? { signal: options.abortSignal } : {}) };
  return {
    mode: 'kro',
    name: graph.name,
    namespace,
    toYaml(spec?: TSpec): string {
      return spec === undefined ? toYaml(compileRgd(graph)) : toYaml(instanceOf(spec));
    },
    async deploy(spec, deployOptions = {}) {
      const instance = instanceOf(spec, deployOptions.name);
      await applyRgd(kube(), compileRgd(graph) as KubernetesObject, waitOptions);
      const observed = await applyInstance(kube(), instance, waitOptions);
      return observed as unknown as KroInstance<TSpec, TStatus>;
    },
    async deleteInstance(name) {
      const ref = { apiVersion: `${graph.group}/${graph.version}`, kind: graph.kind, name, namespace };
      if (!(await kube().delete(ref))) return;
      await kube().waitFor(ref, (object) => (object ? undefined : true), waitOptions);
    },
  };
}
