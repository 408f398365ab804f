/**
 * Factories deploy a composition: `kro` hands the graph to the KRO controller, `direct` runs it from
 * this process. Both offer the same instance operations (`InstanceOperations`).
 */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { createDirectFactory, type DirectFactory, type DirectFactoryOptions } from './direct.js';
import { createKroFactory, type KroFactory, type KroFactoryOptions } from './kro.js';

export type { DirectFactory, DirectFactoryOptions, KroFactory, KroFactoryOptions };
export { BreakingChangeError, type KroInstance } from './kro.js';
export {
  InstanceNotFoundError,
  type DeleteResult,
  type InstanceCondition,
  type InstanceOperations,
  type InstanceStatus,
  type InstanceSummary,
  type LogOptions,
  type ResourceStatus,
  type StreamLogOptions,
  type StreamLogResult,
} from './instances.js';

/**
 * @example
 * ```ts
 * const factory = createFactory('direct', definition, graph, { namespace: 'dev' });
 * ```
 */
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
