/**
 * The direct factory: deploys a composition from this process, without KRO in the cluster, with KRO's
 * semantics. Its implementation (`direct-driver.ts`: the CEL engine, the Kubernetes client) is loaded with
 * `import()` on the first call, so creating a factory loads neither.
 */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import type { DirectDriver, DirectFactory, DirectFactoryOptions } from './direct-types.js';
import { withOriginalNames } from './original-names.js';
import { instanceNameOf, specWithDefaults } from './spec.js';

export type { DeployPlan, PlannedChange, PlannedConflict, PlannedInstance, PlannedObject, PlannedOtherInstance, PlannedTakeover, PlannedValue, PodLog, ProgressEvent } from '../runtime/direct/index.js';
export type { DirectDeployOptions, DirectFactory, DirectFactoryOptions, DirectInstance } from './direct-types.js';

/**
 * The direct factory of a composition (what `composition.factory('direct', options)` returns).
 *
 * @example
 * // needs: cluster
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const settings = kubernetesComposition(
 *   { name: 'settings', kind: 'Settings', spec: type({ name: 'string', level: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => {
 *     const config = ConfigMap({ name: spec.name, data: { level: spec.level } });
 *     return { name: config.metadata.name };
 *   },
 * );
 * const factory = settings.factory('direct', { namespace: process.env.NAMESPACE ?? 'default' });
 * const instance = await factory.deploy({ name: 'settings-doc', level: 'debug' });
 * instance.complete ? instance.status.name : instance.pending; // => 'settings-doc'
 * await factory.deleteInstance('settings-doc');
 */
export function createDirectFactory<TSpec, TStatus>(
  definition: CompositionDefinition,
  graph: CompositionGraph,
  options: DirectFactoryOptions = {},
): DirectFactory<TSpec, TStatus> {
  let driver: Promise<DirectDriver<TSpec, TStatus>> | undefined;
  const load = (): Promise<DirectDriver<TSpec, TStatus>> =>
    (driver ??= import('./direct-driver.js').then((m) => m.createDirectDriver<TSpec, TStatus>(definition, graph, options)));
  const manifestsYaml = async (spec: TSpec, yamlOptions?: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> }): Promise<string> => (await load()).manifestsYaml(spec, yamlOptions);
  return withOriginalNames<TStatus, Omit<DirectFactory<TSpec, TStatus>, 'getInstances' | 'getStatus'>>({
    mode: 'direct',
    name: graph.name,
    namespace: options.namespace ?? 'default',
    instanceName: (spec) => instanceNameOf(graph, specWithDefaults(graph, spec)),
    deploy: async (spec, deployOptions) => (await load()).deploy(spec, deployOptions),
    plan: async (spec, planOptions) => (await load()).plan(spec, planOptions),
    instanceStatus: async (name, statusOptions) => (await load()).instanceStatus(name, statusOptions),
    listInstances: async () => (await load()).listInstances(),
    events: async (name) => (await load()).events(name),
    logs: async (name, logOptions) => (await load()).logs(name, logOptions),
    streamLogs: async (name, logOptions) => (await load()).streamLogs(name, logOptions),
    manifestsYaml,
    toYaml: (spec) => manifestsYaml(spec),
    deleteInstance: async (name, deleteOptions) => (await load()).deleteInstance(name, deleteOptions),
  });
}
