/**
 * What a concrete evaluation needs to run a composition again: its user functions and where they are in
 * the source (call sites name resources). Kept on the composition object under a symbol, so the frozen
 * graph stays pure data and nothing outlives the composition it belongs to.
 */
import type { CompositionDefinition } from './definition.js';
import type { CompositionSource } from './source-site.js';

/**
 * A `kubernetesComposition` function, or `toResourceGraph`'s two builders.
 * @example const source: ConcreteSource = { form: 'composition', definition, compose, source: locateComposition(1) };
 */
export type ConcreteSource =
  | {
      readonly form: 'composition';
      readonly definition: CompositionDefinition;
      readonly compose: (spec: unknown, instance: { readonly metadata: Record<string, unknown> }) => unknown;
      readonly source: CompositionSource | undefined;
    }
  | {
      readonly form: 'resource-graph';
      readonly definition: CompositionDefinition;
      readonly buildResources: (schema: unknown) => Record<string, unknown>;
      readonly buildStatus: (schema: unknown, resources: Record<string, unknown>) => unknown;
      readonly sources: readonly [CompositionSource | undefined, CompositionSource | undefined];
    };

const CONCRETE = Symbol.for('typekro.concreteSource');

/**
 * Attaches the functions to a composition object (before it is frozen).
 * @example attachConcreteSource(nest, { form: 'composition', definition, compose, source });
 */
export function attachConcreteSource<T extends object>(target: T, source: ConcreteSource): T {
  Object.defineProperty(target, CONCRETE, { value: source, enumerable: false });
  return target;
}

/**
 * The functions behind a composition object, or `undefined` for anything else.
 * @example concreteSourceOf(webapp)?.definition.name; // 'webapp'
 */
export function concreteSourceOf(value: unknown): ConcreteSource | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as { [CONCRETE]?: ConcreteSource })[CONCRETE];
}
