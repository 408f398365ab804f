/** Checking an instance spec against the composition's schema before anything is rendered or applied. */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { applyDefaults, validateWithSchema } from '../model/schema/index.js';

/**
 * An instance spec does not match the composition's spec schema; `problems` name each field
 * (`spec.replicas must be a number (was a string)`). Nothing has been rendered or applied.
 *
 * @example
 * ```ts
 * try { await webapp.factory('direct').deploy({ replicas: 'three' as never }); }
 * catch (error) { if (error instanceof SpecValidationError) console.error(error.problems); }
 * ```
 */
export class SpecValidationError extends Error {
  override readonly name = 'SpecValidationError';
  constructor(
    readonly composition: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid spec for composition "${composition}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Validates with the spec schema's Standard Schema interface (never by class: the user's arktype may be
 * another copy than any TypeKro sees) and fills schema defaults, as the instance CRD would.
 */
export function validateSpec<TSpec>(definition: CompositionDefinition, graph: CompositionGraph, spec: TSpec): TSpec {
  const withDefaults = applyDefaults(graph.spec, spec);
  const checked = validateWithSchema(definition.spec, withDefaults, 'spec');
  if (!checked.ok) throw new SpecValidationError(graph.name, checked.problems);
  return withDefaults as TSpec;
}

/** The instance name: `spec.name` when the spec has one, else the composition name. */
export function instanceNameOf(graph: CompositionGraph, spec: unknown): string {
  const name = (spec as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : graph.name;
}
