/**
 * Factories deploy a composition: `kro` hands the graph to the KRO controller, `direct` runs it from
 * this process. The cluster side of each (the Kubernetes client, the CEL engine) is loaded with `import()`
 * on the first call that needs it, so defining and rendering load neither. Both offer the same instance
 * operations (`InstanceOperations`) and the original TypeKro's names for two of them (`OriginalNames`).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { compileInstance, compileRgd, toYaml } from '../compile/rgd/index.js';
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { TypeKroError } from '../util/errors.js';
import { isPlainObject } from '../util/json.js';
import { isExprValue, type Value } from '../ir/value.js';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from './direct.js';
import { statusReport } from './instance.js';
import type { KroDriver } from './kro-driver.js';
import type { KroFactory, KroFactoryOptions, KroInstance, KroStatusFields } from './kro-types.js';
import { withOriginalNames } from './original-names.js';
import { checkedInstance, instanceNameOf, SpecValidationError, specWithDefaults, validateSpec } from './spec.js';
import { refuseKroUnsafe } from './kro-strings.js';
import { checkNamespaceName } from './validate-input.js';
import { checkedInstanceMetadata } from '../util/instance-metadata.js';
import type { InstanceStatus } from './instances.js';
import type { KubeObject } from '../runtime/engine/index.js';

export type { DirectFactory, DirectFactoryOptions };
export {
  InstanceNotFoundError,
  type DeleteResult,
  type InstanceCondition,
  type InstanceOperations,
  type InstanceStatus,
  type InstanceSummary,
  type LogOptions,
  type ResourceStatus,
  type EvaluationFailure,
  type StreamLogOptions,
  type StreamLogResult,
} from './instances.js';
export { BreakingChangeError, OtherInstancesError, type FactoryOptionsBase, type KroDeployOptions, type KroFactory, type KroFactoryOptions, type KroInstance, type KroStatusFields } from './kro-types.js';
export type { FactoryStatus, OriginalNames } from './original-names.js';

import { checkOriginalOptions } from './original-options.js';
import { applyAspects } from '../composition/aspects/apply.js';

export function createFactory<TSpec, TStatus>(
  mode: 'kro' | 'direct',
  definition: CompositionDefinition,
  graph: CompositionGraph,
  options: KroFactoryOptions | DirectFactoryOptions,
): KroFactory<TSpec, TStatus> | DirectFactory<TSpec, TStatus> {
  // Every operation of a factory works in its namespace: a name the API server would refuse is refused here.
  if (options.namespace !== undefined) checkNamespaceName(options.namespace);
  checkOriginalOptions(mode, options);
  if (mode !== 'direct' && mode !== 'kro') throw new TypeKroError('USAGE', `unknown factory mode "${String(mode)}": use 'kro' or 'direct'`);
  // Aspects change the graph once, here: the RGD, the instance YAML and direct mode all see the same resources.
  const withAspects = applyAspects(graph, options.aspects);
  if (mode === 'direct') return createDirectFactory<TSpec, TStatus>(definition, withAspects, options as DirectFactoryOptions);
  return createKroFactory<TSpec, TStatus>(definition, withAspects, options as KroFactoryOptions);
}

function createKroFactory<TSpec, TStatus>(definition: CompositionDefinition, graph: CompositionGraph, options: KroFactoryOptions): KroFactory<TSpec, TStatus> {
  // A cluster-scoped instance has no namespace, and its namespaced resources name theirs (KRO v0.9.4 requires it;
  // both modes refuse one that does not): the option can mean nothing there (but the lease's place).
  const namespace = options.namespace ?? 'default';
  if (graph.scope === 'Cluster' && namespace !== 'default') throw new TypeKroError('USAGE', clusterNamespaceProblem(graph.kind, namespace));
  const instanceNamespace = graph.scope === 'Cluster' ? {} : { namespace };
  let driver: Promise<KroDriver> | undefined;
  const load = (): Promise<KroDriver> => (driver ??= import('./kro-driver.js').then((m) => m.createKroDriver(graph, options)));
  let rgd: string | undefined;
  const instanceOf = (spec: TSpec, target: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> } = {}): KubernetesObject => {
    // Everything is checked before the driver loads, so nothing is applied (the RGD included) for bad input.
    const checked = checkedInstance(definition, graph, spec, target.name);
    const metadata = checkedInstanceMetadata(target);
    refuseKroUnsafe(graph, checked.spec, metadata);
    return compileInstance(graph, checked.spec, { name: checked.name, ...instanceNamespace, ...metadata }) as KubernetesObject;
  };
  const reported = ({ object, absent }: { object: KubernetesObject; absent: readonly string[] }): KroInstance<TSpec, TStatus> => {
    const { metadata, spec, status } = object as { metadata?: { name?: string; namespace?: string }; spec?: unknown; status?: unknown };
    const meta = { name: metadata?.name ?? '', ...(graph.scope === 'Cluster' ? {} : { namespace: metadata?.namespace ?? namespace }) };
    // KRO's state and conditions beside the status, as instanceStatus has them: `status` is the declared fields only
    const { state, conditions, declared } = splitKroStatus(graph.status, status);
    return { metadata: meta, spec: spec as TSpec, ...(state !== undefined ? { state } : {}), ...(conditions ? { conditions } : {}), ...statusReport<TStatus>(graph.status, declared, absent) };
  };
  const rgdYaml = (): string => (rgd ??= toYaml(compileRgd(graph)));
  const instanceYaml = (spec: TSpec, yamlOptions: { name?: string; labels?: Readonly<Record<string, string>>; annotations?: Readonly<Record<string, string>> } = {}): string => toYaml(instanceOf(spec, yamlOptions));
  return withOriginalNames<TStatus, Omit<KroFactory<TSpec, TStatus>, 'getInstances' | 'getStatus'>>({
    mode: 'kro',
    name: graph.name,
    namespace,
    toYaml: (spec?: TSpec): string => (spec === undefined ? rgdYaml() : instanceYaml(spec)),
    rgdYaml,
    instanceYaml,
    instanceName: (spec) => instanceNameOf(graph, specWithDefaults(graph, spec)),
    async deploy(spec, deployOptions = {}) {
      const instance = instanceOf(spec, deployOptions);
      rgdYaml(); // a graph KRO cannot accept is refused here, before the cluster is touched (and cached for toYaml)
      return reported(await (await load()).deploy(instance, deployOptions.abortSignal));
    },
    plan: async (spec, planOptions = {}) => (await load()).plan(instanceOf(spec, planOptions) as unknown as KubeObject),
    instanceStatus: async (name) => (await (await load()).instanceStatus(name)) as InstanceStatus<TStatus>,
    listInstances: async () => (await load()).listInstances(),
    events: async (name) => (await load()).events(name),
    logs: async (name, logOptions) => (await load()).logs(name, logOptions),
    streamLogs: async (name, logOptions) => (await load()).streamLogs(name, logOptions),
    deleteInstance: async (name, deleteOptions) => (await load()).deleteInstance(name, deleteOptions),
  });
}

/** Why a cluster-scoped composition's kro factory cannot take `namespace` (the direct factory keeps its record there). */
function clusterNamespaceProblem(kind: string, namespace: string): string {
  return (
    `${kind} is cluster-scoped: in kro mode its instance has no namespace and each of its namespaced resources must name its own ` +
    `(KRO requires metadata.namespace), so the namespace option ("${namespace}") would place nothing. Drop the namespace option ` +
    `(direct mode requires the same of each namespaced resource; there the option is only where the instance's record is kept)`
  );
}

/**
 * A KRO instance's status parted into KRO's own fields and the composition's declared ones (a field KRO
 * adds besides state and conditions is dropped too: the result is typed as the declared status).
 */
export function splitKroStatus(shape: Value, status: unknown): KroStatusFields & { declared: Record<string, unknown> } {
  const observed = isPlainObject(status) ? status : {};
  const keys = isPlainObject(shape) && !isExprValue(shape) ? Object.keys(shape) : [];
  const declared = Object.fromEntries(Object.entries(observed).filter(([key]) => keys.includes(key)));
  const { state, conditions } = observed;
  return { declared, ...(typeof state === 'string' ? { state } : {}), ...(Array.isArray(conditions) ? { conditions } : {}) };
}
