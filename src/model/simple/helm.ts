/** The original TypeKro's positional Helm factory, `HelmChart(name, repository, chart, values?)`, as a `helmRelease` call. */
import { helmRelease, type HelmChartConfig, type HelmReleaseConfig } from '../flux/helm.js';
import type { HelmRelease } from '../flux/types.js';
import { preparedConfig, registerFactoryName, type Enhanced } from '../factory.js';
import { currentRun } from '../run.js';
import type { Input } from '../types.js';

/**
 * A Helm release in four arguments: the release name, the chart's repository (an `https://` or `oci://` URL,
 * for which the release creates its HelmRepository as `helmRelease` does, or a `helmRepository(...)` handle),
 * the chart's name in it, and the values. Each argument is compiled from source like a `helmRelease` field
 * (`spec.big ? 3 : 1` becomes a CEL conditional). For a version, a namespace or other options, use `helmRelease`.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { HelmChart } from 'typekro/simple';
 * const cache = kubernetesComposition(
 *   { name: 'cache', kind: 'Cache', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const redis = HelmChart('redis', 'https://charts.bitnami.com/bitnami', 'redis', { replica: { replicaCount: spec.replicas } });
 *     return { ready: redis.status.observedGeneration > 0 };
 *   },
 * );
 * cache.graph.resources.map((r) => r.kind); // => ['HelmRelease', 'HelmRepository']
 * ```
 */
export function HelmChart<TValues = Record<string, unknown>>(
  name: string,
  repository: HelmChartConfig['repository'],
  chart: string,
  values?: Input<TValues>,
): Enhanced<HelmRelease<TValues>> {
  const run = currentRun();
  // A ternary over the spec ran on a placeholder (always truthy): each argument is compiled from its source.
  const compiled = <T>(value: T, position: number): T => (value === undefined || !run ? value : (run.prepareArguments('HelmChart', value, position) as T));
  const config: HelmReleaseConfig<TValues> = {
    name: compiled(name, 0),
    chart: { repository: compiled(repository, 1), name: compiled(chart, 2) },
    ...(values !== undefined ? { values: compiled(values, 3) } : {}),
  };
  return helmRelease<TValues>(preparedConfig(config));
}

// A call in a branch JavaScript skipped is made from source under its condition, like any factory's.
registerFactoryName('HelmChart', HelmChart as unknown as (config: never) => unknown);
