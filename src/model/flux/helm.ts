/**
 * Helm charts inside compositions, through Flux: `helmRepository` (where charts come from) and
 * `helmRelease` (a chart installed with values). Flux's helm-controller does the Helm work in the
 * cluster; TypeKro creates the objects, orders them, and waits for Flux to report them Ready.
 */
import { defineFactory, isPrepared, preparedConfig, registerManifest, type Enhanced, type FactoryOptions } from '../factory.js';
import { recordOf } from '../resource.js';
import { describeValue, hasMarkers, isRef } from '../refs.js';
import { exprValue, isExprValue } from '../../ir/value.js';
import { E, type Expr } from '../../ir/expr.js';
import { currentRun } from '../run.js';
import { formatLocation } from '../call-site.js';
import type { Input } from '../types.js';
import { HELM_RELEASE_MODEL, HELM_REPOSITORY_MODEL } from './cel-types.js';
import type { HelmChartSourceRef, HelmRelease, HelmReleaseSpec, HelmRepository, HelmRepositorySpec, HelmValuesReference } from './types.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * apiVersions of the Flux objects these factories create.
 *
 * @example
 * import { FLUX_SOURCE_API } from 'typekro';
 * FLUX_SOURCE_API; // => 'source.toolkit.fluxcd.io/v1'
 */
export const FLUX_SOURCE_API = 'source.toolkit.fluxcd.io/v1';
/**
 * The apiVersion of the HelmRelease objects `helmRelease` creates.
 *
 * @example
 * import { FLUX_HELM_API } from 'typekro';
 * FLUX_HELM_API; // => 'helm.toolkit.fluxcd.io/v2'
 */
export const FLUX_HELM_API = 'helm.toolkit.fluxcd.io/v2';

/**
 * The object fields the Flux factories take.
 *
 * @example
 * import type { FluxObjectConfig } from 'typekro';
 * const config: FluxObjectConfig = { name: 'podinfo', namespace: 'flux-system' };
 * config.namespace; // => 'flux-system'
 */
export interface FluxObjectConfig extends FactoryOptions {
  /** `metadata.name`. */
  readonly name: string;
  /** Default: the namespace the composition is deployed to. */
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * What `helmRepository` takes.
 *
 * @example
 * import type { HelmRepositoryConfig } from 'typekro';
 * const config: HelmRepositoryConfig = { name: 'charts', url: 'https://charts.example.com' };
 * config.name; // => 'charts'
 */
export interface HelmRepositoryConfig extends FluxObjectConfig, Omit<HelmRepositorySpec, 'interval'> {
  /** How often Flux re-reads the index (Flux duration), default `5m`. */
  readonly interval?: string;
}

/**
 * A HelmRepository handle, as `helmRepository` returns it.
 *
 * @example
 * import { type } from 'arktype';
 * import { helmRepository, kubernetesComposition, type HelmRepositoryHandle } from 'typekro';
 * const app = kubernetesComposition(
 *   { name: 'charts', kind: 'Charts', spec: type({ url: 'string' }), status: type({ url: 'string' }) },
 *   (spec) => {
 *     const charts: HelmRepositoryHandle = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
 *     return { url: charts.spec.url };
 *   },
 * );
 * app.graph.resources.length; // => 1
 */
export type HelmRepositoryHandle = Enhanced<HelmRepository>;

/**
 * A Flux HelmRepository: an `http(s)://` chart index, or an `oci://` registry (`type: 'oci'`).
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { helmRelease, helmRepository, kubernetesComposition } from 'typekro';
 * const site = kubernetesComposition(
 *   { name: 'site', kind: 'Site', spec: type({ name: 'string' }), status: type({ revision: 'string' }) },
 *   () => {
 *     const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
 *     const web = helmRelease({ name: 'web', chart: { repository: charts, name: 'nginx', version: '1.2.x' } });
 *     return { revision: web.status.lastAttemptedRevision };
 *   },
 * );
 * site.toYaml();
 * ```
 */
export const helmRepository = defineFactory<HelmRepositoryConfig, HelmRepository>(
  'helmRepository',
  { apiVersion: FLUX_SOURCE_API, kind: 'HelmRepository', modelName: HELM_REPOSITORY_MODEL },
  (config) => repositoryBody(config),
);

function repositoryBody(config: HelmRepositoryConfig): Record<string, unknown> {
  const { id: _id, name, namespace: _ns, labels: _l, annotations: _a, interval, ...spec } = config;
  const where = `helmRepository ${describeValue(name)}`;
  checkRepositoryUrl(where, spec.url, spec.type);
  checkDuration(where, 'interval', interval);
  checkDuration(where, 'timeout', spec.timeout);
  return { metadata: metadata(config), spec: { interval: interval ?? '5m', ...spec } };
}

/**
 * The chart of a release: which repository, which chart in it, which version (a semver range is fine).
 *
 * @example
 * import type { HelmChartConfig } from 'typekro';
 * const chart: HelmChartConfig = { repository: { name: 'charts', namespace: 'flux-system' }, name: 'podinfo', version: '6.x' };
 * chart.name; // => 'podinfo'
 */
export interface HelmChartConfig {
  /**
   * A `helmRepository(...)` of this composition, a reference to an existing source, or the repository's URL
   * (`https://...` index or `oci://...` registry): the release then creates its own HelmRepository, named
   * `<release name>-charts` in the release's namespace, and is applied after it.
   */
  readonly repository: string | HelmRepositoryHandle | HelmChartSourceRef | { readonly name: string; readonly namespace?: string };
  /** The chart name in the repository. */
  readonly name: string;
  /** Chart version or semver range, default: the newest. */
  readonly version?: string;
}

/**
 * What `helmRelease` takes; `TValues` types the values.
 *
 * @example
 * import type { HelmReleaseConfig } from 'typekro';
 * const config: HelmReleaseConfig<{ replicaCount: number }> = { name: 'podinfo', chart: { repository: { name: 'charts' }, name: 'podinfo' }, values: { replicaCount: 2 } };
 * config.values?.replicaCount; // => 2
 */
export interface HelmReleaseConfig<TValues> extends FluxObjectConfig {
  readonly chart: HelmChartConfig;
  /** Helm values; may contain references to the spec and to other resources. */
  readonly values?: Input<TValues>;
  readonly valuesFrom?: Input<HelmValuesReference>[];
  /** How often Flux re-checks the release for drift and new chart versions, default `5m`. */
  readonly interval?: string;
  readonly releaseName?: string;
  /** Namespace the chart's objects go to (default: the HelmRelease's own). */
  readonly targetNamespace?: string;
  /** Helm operation timeout (Flux duration), default `5m`. */
  readonly timeout?: string;
  readonly serviceAccountName?: string;
  readonly dependsOn?: { name: string; namespace?: string }[];
  readonly install?: Input<NonNullable<HelmReleaseSpec<TValues>['install']>>;
  readonly upgrade?: Input<NonNullable<HelmReleaseSpec<TValues>['upgrade']>>;
  readonly driftDetection?: HelmReleaseSpec<TValues>['driftDetection'];
  readonly suspend?: boolean;
}

const releaseFactory = defineFactory<HelmReleaseConfig<unknown>, HelmRelease>(
  'helmRelease',
  { apiVersion: FLUX_HELM_API, kind: 'HelmRelease', modelName: HELM_RELEASE_MODEL },
  (config) => {
    const { id: _id, name, namespace: _ns, labels: _l, annotations: _a, chart, interval, timeout, ...rest } = config;
    const where = `helmRelease ${describeValue(name)}`;
    checkChart(where, chart);
    checkDuration(where, 'interval', interval);
    checkDuration(where, 'timeout', timeout);
    const spec: Record<string, unknown> = {
      interval: interval ?? '5m',
      timeout: timeout ?? '5m',
      chart: { spec: { chart: chart.name, ...(chart.version !== undefined ? { version: chart.version } : {}), sourceRef: sourceRefOf(where, chart.repository) } },
    };
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) spec[key] = value;
    return { metadata: metadata(config), spec };
  },
);

/**
 * A Flux HelmRelease: installs (and keeps upgraded) a chart with the given values. It is ready when Flux
 * reports it Ready for the current generation (in kro mode the RGD gets this rule as `readyWhen`); direct
 * mode fails at once when Flux gives up (`Stalled`) or a Helm action failed for the current generation.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import type { V1Secret } from '@kubernetes/client-node';
 * import { externalRef, helmRelease, helmRepository, kubernetesComposition } from 'typekro';
 * const redis = kubernetesComposition(
 *   { name: 'redis', kind: 'Redis', spec: type({ replicas: 'number.integer' }), status: type({ revision: 'string' }) },
 *   (spec) => {
 *     const secret = externalRef<V1Secret>({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'redis-auth' } });
 *     const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
 *     const cache = helmRelease<{ replicas: number; auth: { password: string } }>({
 *       name: 'cache',
 *       chart: { repository: charts, name: 'redis', version: '19.x' },
 *       values: { replicas: spec.replicas, auth: { password: secret.data.password } },
 *     });
 *     return { revision: cache.status.lastAttemptedRevision };
 *   },
 * );
 * redis.toYaml();
 * ```
 */
export function helmRelease<TValues = Record<string, unknown>>(config: HelmReleaseConfig<TValues>): Enhanced<HelmRelease<TValues>> {
  const url = config?.chart?.repository;
  if (typeof url !== 'string') return releaseFactory(config as HelmReleaseConfig<unknown>) as unknown as Enhanced<HelmRelease<TValues>>;
  // The original TypeKro's form: the release brings its repository. The release is registered first, so it
  // keeps the id of the variable it is assigned to; the repository's id comes from its name.
  const repository: HelmRepositoryConfig = {
    name: `${config.name}-charts`,
    url,
    ...(url.startsWith('oci://') ? { type: 'oci' as const } : {}),
    ...(config.namespace !== undefined ? { namespace: config.namespace } : {}),
  };
  const body = repositoryBody(repository);
  const chart = { ...config.chart, repository: { name: repository.name, ...(config.namespace !== undefined ? { namespace: config.namespace } : {}) } };
  const withSource = { ...config, chart };
  // HelmChart(...) compiled its positional arguments already: the copy keeps that mark.
  if (isPrepared(config)) preparedConfig(withSource);
  const release = releaseFactory(withSource as HelmReleaseConfig<unknown>) as unknown as Enhanced<HelmRelease<TValues>>;
  const source = registerManifest({ apiVersion: FLUX_SOURCE_API, kind: 'HelmRepository', ...body }, undefined, 'helmRelease');
  return release.dependsOn(source);
}

function metadata(config: FluxObjectConfig): Record<string, unknown> {
  return {
    name: config.name,
    ...(config.namespace !== undefined ? { namespace: config.namespace } : {}),
    ...(config.labels ? { labels: config.labels } : {}),
    ...(config.annotations ? { annotations: config.annotations } : {}),
  };
}

/** A handle of this composition becomes references (an ordering edge, and its real namespace). */
function sourceRefOf(where: string, repository: HelmChartConfig['repository'] | undefined): Record<string, unknown> {
  if (recordOf(repository)) {
    const handle = repository as HelmRepositoryHandle;
    return { kind: 'HelmRepository', name: handle.metadata.name, namespace: handle.metadata.namespace };
  }
  if (isExprValue(repository)) return chosenSourceRef(where, repository.expr);
  if (typeof repository !== 'object' || repository === null || !('name' in repository)) {
    throw new TypeKroError('DEFINITION_INVALID', `${at()}${where}: chart.repository must be a helmRepository(...) of this composition, { name, namespace? } of an existing HelmRepository, or the repository's https:// or oci:// URL`);
  }
  const { kind, name, namespace } = repository as Partial<HelmChartSourceRef>;
  return { kind: kind ?? 'HelmRepository', name, ...(namespace !== undefined ? { namespace } : {}) };
}

/**
 * `repository: spec.prod ? prodCharts : devCharts` (compiled from source, as JavaScript would only ever see
 * the first handle): the sourceRef's name and namespace are the same choice over the handles' metadata.
 * Anything else chosen by a condition (a URL, an object) names no repository the graph holds.
 */
function chosenSourceRef(where: string, choice: Expr): Record<string, unknown> {
  const name = metadataOfChoice(choice, 'name');
  const namespace = metadataOfChoice(choice, 'namespace');
  if (!name || !namespace) {
    throw new TypeKroError(
      'DEFINITION_INVALID',
      `${at()}${where}: chart.repository is chosen by a condition on the spec or the cluster, and only a choice between helmRepository(...) handles of this composition can become the release's sourceRef: ` +
        'a URL there would need its repository created per instance (the repositories of a graph are fixed when it is defined), and a choice of { name } objects is not compiled. ' +
        "Create a helmRepository(...) for each URL and choose between the handles (`repository: spec.prod ? prodCharts : devCharts`), or create one helmRelease per repository under `if (spec.prod) { ... } else { ... }`",
    );
  }
  return { kind: 'HelmRepository', name: exprValue(name), namespace: exprValue(namespace) };
}

/** `c ? a : b` over resource ids, with each id replaced by its `metadata.<field>`; undefined for any other leaf. */
function metadataOfChoice(expr: Expr, field: string): Expr | undefined {
  if (expr.kind === 'conditional') {
    const then = metadataOfChoice(expr.then, field);
    const otherwise = metadataOfChoice(expr.otherwise, field);
    return then && otherwise ? E.cond(expr.test, then, otherwise) : undefined;
  }
  return expr.kind === 'ident' && expr.name !== 'schema' ? E.path(expr.name, 'metadata', field) : undefined;
}

/** `file:line:col: ` of the call being made, when a composition run knows it. */
function at(): string {
  const location = currentRun()?.callLocation?.();
  return location ? `${formatLocation(location)}: ` : '';
}

function checkChart(where: string, chart: HelmChartConfig | undefined): void {
  if (typeof chart !== 'object' || chart === null) throw new TypeKroError('DEFINITION_INVALID', `${where}: chart is required: { repository, name, version? }`);
  if (!isDynamic(chart.name) && (typeof chart.name !== 'string' || chart.name === '')) {
    throw new TypeKroError('DEFINITION_INVALID', `${where}: chart.name must be the chart's name in its repository, got ${describeValue(chart.name)}`);
  }
  if (chart.version !== undefined && !isDynamic(chart.version) && (typeof chart.version !== 'string' || chart.version.trim() === '')) {
    throw new TypeKroError('DEFINITION_INVALID', `${where}: chart.version must be a version or semver range such as "1.2.3" or "1.x", got ${describeValue(chart.version)}`);
  }
}

/** References, templates over them and compiled expressions are known only in the cluster: not checked here. */
function isDynamic(value: unknown): boolean {
  return isRef(value) || isExprValue(value) || (typeof value === 'string' && hasMarkers(value));
}

const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Flux validates durations with this pattern; checking here names the field before anything is applied. */
function checkDuration(where: string, field: string, value: unknown): void {
  if (value === undefined || isDynamic(value)) return;
  if (typeof value !== 'string' || !DURATION.test(value)) {
    throw new TypeKroError('DEFINITION_INVALID', `${where}: ${field} must be a Flux duration such as "30s", "5m" or "1h30m", got ${describeValue(value)}`);
  }
}

function checkRepositoryUrl(where: string, url: unknown, type: unknown): void {
  if (isDynamic(url)) return;
  if (typeof url !== 'string' || !/^(https?|oci):\/\/[^\s]+$/.test(url)) {
    throw new TypeKroError('DEFINITION_INVALID', `${where}: url must be an http(s):// chart index or an oci:// registry, got ${describeValue(url)}`);
  }
  const oci = url.startsWith('oci://');
  if (oci && type !== 'oci') throw new TypeKroError('DEFINITION_INVALID', `${where}: an oci:// url needs type: 'oci'`);
  if (!oci && type === 'oci') throw new TypeKroError('DEFINITION_INVALID', `${where}: type 'oci' needs an oci:// url, got ${describeValue(url)}`);
}
