/**
 * The instance queries under the names the original TypeKro gave them (`getInstances`, `getStatus`), in
 * both modes, written once on top of `listInstances` and `instanceStatus`: they are aliases, not a second
 * way to read instances.
 */
import type { InstanceOperations, InstanceStatus } from './instances.js';
import { InstanceNotFoundError } from './instances.js';

/**
 * What `getStatus()` reports about a factory, as the original TypeKro's `FactoryStatus`: `healthy` when every
 * instance is ready (or there is none), `failed` when KRO reports one in `ERROR` or `FAILED`, else `degraded`.
 *
 * @example
 * import type { FactoryStatus } from 'typekro';
 * const status: FactoryStatus = { name: 'app', mode: 'direct', namespace: 'dev', instanceCount: 0, health: 'healthy' };
 * status.health; // => 'healthy'
 */
export interface FactoryStatus {
  readonly name: string;
  readonly mode: 'kro' | 'direct';
  readonly namespace: string;
  readonly instanceCount: number;
  readonly health: 'healthy' | 'degraded' | 'failed';
}

/**
 * The original TypeKro's names for the instance queries, offered by both factories.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
 * );
 * const factory = app.factory('direct', { namespace: 'dev' });
 * [typeof factory.getInstances, typeof factory.getStatus]; // => ['function', 'function']
 */
export interface OriginalNames<TStatus> {
  /**
   * TypeKro's name for `listInstances()` followed by `instanceStatus(name)` of each: every instance of this
   * composition in the factory's namespace, with its status (direct mode judges it with the schema's
   * defaults, as `instanceStatus(name)` without a spec does). An instance deleted meanwhile is left out.
   */
  getInstances(): Promise<InstanceStatus<TStatus>[]>;
  /** TypeKro's factory summary, from `getInstances()`. */
  getStatus(): Promise<FactoryStatus>;
}

type Queried<TStatus> = Pick<InstanceOperations<unknown, TStatus>, 'listInstances' | 'instanceStatus'> & {
  readonly mode: 'kro' | 'direct';
  readonly name: string;
  readonly namespace: string;
};

/** `factory` with `getInstances` and `getStatus` added, both delegating to its own queries. */
export function withOriginalNames<TStatus, TFactory extends Queried<TStatus>>(factory: TFactory): TFactory & OriginalNames<TStatus> {
  const getInstances = async (): Promise<InstanceStatus<TStatus>[]> => {
    const statuses = await Promise.all(
      (await factory.listInstances()).map((instance) =>
        factory.instanceStatus(instance.name).catch((error: unknown) => {
          if (error instanceof InstanceNotFoundError) return undefined;
          throw error;
        }),
      ),
    );
    return statuses.filter((status): status is InstanceStatus<TStatus> => status !== undefined);
  };
  const getStatus = async (): Promise<FactoryStatus> => {
    const instances = await getInstances();
    const failed = instances.some((instance) => instance.state === 'ERROR' || instance.state === 'FAILED');
    const health = failed ? 'failed' : instances.every((instance) => instance.ready) ? 'healthy' : 'degraded';
    return { name: factory.name, mode: factory.mode, namespace: factory.namespace, instanceCount: instances.length, health };
  };
  return Object.assign(factory, { getInstances, getStatus });
}
