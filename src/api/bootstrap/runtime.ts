/**
 * `typeKroRuntimeBootstrap`: a composition that installs what kro mode needs in a cluster, Flux (from its
 * install manifests) and KRO (its Helm chart, through a Flux HelmRelease). Deploy it in direct mode.
 */
import { type } from 'arktype';
import { Cel } from '../../model/cel.js';
import { helmRelease, helmRepository } from '../../model/flux/helm.js';
import { yamlDirectory, yamlFile, type YamlManifests } from '../../model/yaml/manifests.js';
import { kubernetesComposition, type Composition } from '../composition.js';
import { fluxReleaseUrl, localFluxManifests } from './flux-manifests.js';
import { TypeKroError } from '../../util/errors.js';

/**
 * Options of `typeKroRuntimeBootstrap`: which Flux and KRO to install, and from where.
 *
 * @example
 * import type { RuntimeBootstrapOptions } from 'typekro';
 * const options: RuntimeBootstrapOptions = { fluxInstallation: 'external', kroNamespace: 'kro' };
 * options.kroNamespace; // => 'kro'
 */
export interface RuntimeBootstrapOptions {
  /** Flux release whose `install.yaml` is applied (ignored with `fluxManifests`), default `v2.7.5`. */
  readonly fluxVersion?: string;
  /**
   * Flux's install manifests: a URL, a local `install.yaml`, or a directory of manifests. Default: the
   * `install.yaml` of the `fluxVersion` release on GitHub (downloaded once, cached).
   */
  readonly fluxManifests?: string;
  /** `external`: Flux is installed already, only KRO is installed. Default `managed`. */
  readonly fluxInstallation?: 'managed' | 'external';
  /** KRO chart version, default `0.9.4`. */
  readonly kroVersion?: string;
  /** Where the KRO chart is served: an OCI registry (default `oci://registry.k8s.io/kro/charts`) or a Helm repository URL. */
  readonly kroChartRepository?: string;
  /** Namespace of the KRO controller, default `kro-system`. */
  readonly kroNamespace?: string;
  /** Extra Helm values for the KRO chart, merged over TypeKro's (`config.featureGates.CELOmitFunction: true`). */
  readonly kroValues?: Record<string, unknown>;
  /** Re-download `fluxManifests` even when cached. */
  readonly refresh?: boolean;
}

const spec = type({ namespace: 'string = "flux-system"' });
const status = type({ phase: "'Ready' | 'Installing'", kroRevision: 'string' });

/**
 * The TypeKro runtime bootstrap composition (kind `TypeKroRuntime`). Its types are written out rather than
 * taken from `spec`/`status`, so the published declarations do not name arktype's types.
 *
 * @example
 * import type { RuntimeBootstrap } from 'typekro';
 * type Phase = NonNullable<RuntimeBootstrap['statusType']>['phase'];
 * const phase: Phase = 'Ready';
 * phase; // => 'Ready'
 */
export type RuntimeBootstrap = Composition<{ namespace?: string }, { phase: 'Ready' | 'Installing'; kroRevision: string }>;

/**
 * Builds the bootstrap composition, synchronously as in the original TypeKro (`await` on it still works). A
 * `fluxManifests` URL (the default: Flux's release asset) is downloaded when it is called, once per machine
 * (cached), because its objects are resources of the graph, checked before anything is applied. Its spec has one field, `namespace` (default `flux-system`), where the
 * KRO HelmRepository and HelmRelease are created.
 *
 * @example
 * ```ts
 * import { typeKroRuntimeBootstrap } from 'typekro';
 * // Flux installed already: only KRO's chart, through a HelmRelease (the default also installs Flux's release manifests)
 * const runtime = typeKroRuntimeBootstrap({ fluxInstallation: 'external', kroVersion: '0.9.4' });
 * runtime.kind; // => 'TypeKroRuntime'
 * // then: await runtime.factory('direct', { namespace: 'flux-system', timeout: 600_000 }).deploy({});
 * ```
 * @throws TypeKroError naming `fluxManifests` when the manifests cannot be downloaded or read, YamlManifestError for a bad manifest.
 */
export function typeKroRuntimeBootstrap(options: RuntimeBootstrapOptions = {}): RuntimeBootstrap {
  const managed = (options.fluxInstallation ?? 'managed') === 'managed';
  if (options.fluxInstallation && !['managed', 'external'].includes(options.fluxInstallation)) {
    throw new TypeKroError('USAGE', `typeKroRuntimeBootstrap: fluxInstallation must be 'managed' or 'external', got ${JSON.stringify(options.fluxInstallation)}`);
  }
  const source = options.fluxManifests ?? fluxReleaseUrl(options.fluxVersion ?? 'v2.7.5');
  const flux = managed ? localFluxManifests(source, { ...(options.refresh ? { refresh: true } : {}) }) : undefined;
  const repositoryUrl = options.kroChartRepository ?? 'oci://registry.k8s.io/kro/charts';
  const kroValues = mergeValues({ config: { featureGates: { CELOmitFunction: true } } }, options.kroValues ?? {});

  return kubernetesComposition(
    { name: 'typekro-runtime', apiVersion: 'typekro.dev/v1alpha1', kind: 'TypeKroRuntime', spec, status },
    (instance) => {
      const fluxSystem: YamlManifests | undefined = flux
        ? flux.directory
          ? yamlDirectory({ path: flux.path, id: 'flux' })
          : yamlFile({ path: flux.path, id: 'flux' })
        : undefined;
      const kroCharts = helmRepository({
        id: 'kroCharts',
        name: 'kro',
        namespace: instance.namespace,
        url: repositoryUrl,
        ...(repositoryUrl.startsWith('oci://') ? { type: 'oci' as const } : {}),
        interval: '1h',
      });
      const kro = helmRelease({
        id: 'kroRelease',
        name: 'kro',
        namespace: instance.namespace,
        chart: { repository: kroCharts, name: 'kro', version: options.kroVersion ?? '0.9.4' },
        releaseName: 'kro',
        targetNamespace: options.kroNamespace ?? 'kro-system',
        install: { createNamespace: true, crds: 'CreateReplace' },
        upgrade: { crds: 'CreateReplace' },
        values: kroValues as Record<string, never>,
        interval: '1h',
        timeout: '10m',
      });
      // Flux's CRDs must be served and its controllers up before its objects mean anything
      const controllers = (fluxSystem?.resources ?? []).filter((r) => r.kind === 'CustomResourceDefinition' || r.kind === 'Deployment');
      if (controllers.length > 0) {
        kroCharts.dependsOn(...controllers);
        kro.dependsOn(...controllers);
      }
      return {
        phase: Cel.expr<'Ready' | 'Installing'>(kro.status, '.?conditions.orValue([]).exists(c, c.type == "Ready" && c.status == "True") ? "Ready" : "Installing"'),
        kroRevision: Cel.expr<string>(kro.status, '.?lastAttemptedRevision.orValue("")'),
      };
    },
  );
}

function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? mergeValues(current, value) : value;
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
