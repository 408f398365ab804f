/** Checking an instance spec against the composition's schema before anything is rendered or applied. */
import { ArkErrors } from 'arktype';
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { applyDefaults } from '../model/schema/index.js';

export class SpecValidationError extends Error {
  override readonly name = 'SpecValidationError';
  constructor(
    readonly composition: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid spec for composition "${composition}":\n${problems.map((p) => `  - spec.${p}`).join('\n')}`);
  }
}

/** Validates with the arktype schema and fills schema defaults, as the instance CRD would. */
export function validateSpec<TSpec>(definition: CompositionDefinition, graph: CompositionGraph, spec: TSpec): TSpec {
  const withDefaults = applyDefaults(graph.spec, spec);
  const result = definition.spec(withDefaults);
  if (result instanceof ArkErrors) {
    throw new SpecValidationError(graph.name, result.map((error) => error.message));
  }
  return withDefaults as TSpec;
}

/** The instance name: `spec.name` when the spec has one, else the composition name. */
export function instanceNameOf(graph: CompositionGraph, spec: unknown): string {
  const name = (spec as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : graph.name;
}
