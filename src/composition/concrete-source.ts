/**
 * What a concrete evaluation needs to run a composition again: its user functions and where they are in
 * the source (call sites name resources), and the values derived from it later (`derivedValue`). Kept on the
 * composition object under symbols, so the frozen graph stays pure data and nothing outlives the composition
 * it belongs to.
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
const DERIVED = Symbol.for('typekro.derivedValues');

/**
 * Names a value derived from a composition alone (e.g. its graph prepared for the planner); `T` is its type.
 *
 * @example
 * ```ts
 * const PREPARED = new DerivedKey<PreparedGraph>('prepared graph');
 * ```
 */
export class DerivedKey<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

/**
 * Attaches the functions to a composition object (before it is frozen).
 * @example attachConcreteSource(nest, { form: 'composition', definition, compose, source });
 */
export function attachConcreteSource<T extends object>(target: T, source: ConcreteSource): T {
  Object.defineProperty(target, CONCRETE, { value: source, enumerable: false });
  Object.defineProperty(target, DERIVED, { value: new Map<DerivedKey<unknown>, unknown>(), enumerable: false });
  return target;
}

/**
 * The value `key` names for this composition, made by `make` on first use and kept on the composition
 * object (not in a module-level map): it is shared by every later call and dies with the composition.
 * `make` must depend on the composition alone. Anything without a concrete source gets a fresh value.
 *
 * @example
 * ```ts
 * const prepared = derivedValue(app, PREPARED, () => prepareGraph(app.graph, createCelEngine()));
 * ```
 */
export function derivedValue<T>(composition: object, key: DerivedKey<T>, make: () => T): T {
  const values = (composition as { [DERIVED]?: Map<DerivedKey<unknown>, unknown> })[DERIVED];
  if (!values) return make();
  if (!values.has(key)) values.set(key, make());
  return values.get(key) as T;
}

/**
 * The functions behind a composition object, or `undefined` for anything else.
 * @example concreteSourceOf(webapp)?.definition.name; // 'webapp'
 */
export function concreteSourceOf(value: unknown): ConcreteSource | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as { [CONCRETE]?: ConcreteSource })[CONCRETE];
}
