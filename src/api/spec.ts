/** Checking an instance spec against the composition's schema before anything is rendered or applied. */
import type { CompositionDefinition } from '../composition/definition.js';
import type { CompositionGraph } from '../ir/graph.js';
import { applyDefaults, validateWithSchema } from '../model/schema/index.js';
import { TypeKroError } from '../util/errors.js';
import { redactorFor } from './sensitive.js';
import { checkSpecStrings, withStringVerdicts } from './spec-strings.js';
import { asStoredNumbers, checkInstanceName, nonFiniteProblems, specSizeProblem, unknownFieldProblems, unsafeIntegerProblems, untypedShapeProblems } from './validate-input.js';

/** Problems a message lists; the rest are counted (all of them stay in `problems`). */
const LISTED = 20;

/**
 * An instance spec does not match the composition's spec schema; `problems` name each field
 * (`spec.replicas must be a number (was a string)`). Nothing has been rendered or applied.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition, SpecValidationError } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * try {
 *   await webapp.factory('direct').deploy({ replicas: 'three' as never }); // rejected before any cluster is contacted
 * } catch (error) {
 *   if (!(error instanceof SpecValidationError)) throw error;
 *   error.problems; // => ['spec.replicas must be a number (was a string)']
 * }
 * ```
 */
export class SpecValidationError extends TypeKroError {
  override readonly name = 'SpecValidationError';
  constructor(
    readonly composition: string,
    readonly problems: readonly string[],
  ) {
    const more = problems.length > LISTED ? [`... and ${problems.length - LISTED} more`] : [];
    super('SPEC_INVALID', `invalid spec for composition "${composition}":\n${[...problems.slice(0, LISTED), ...more].map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Validates with the spec schema's Standard Schema interface (never by class: the user's arktype may be
 * another copy than any TypeKro sees) and fills schema defaults, as the instance CRD would. String lengths
 * and patterns are checked as the CRD checks them (`spec-strings.ts`): in characters, with RE2's meaning. A spec too large
 * to store, with fields the schema does not declare, with ±Infinity, or with an integer beyond ±(2^53 - 1) in an
 * integer field, is refused too; a -0 becomes 0, as the stored instance holds it. Problems never show a secret value
 * (see `sensitive.ts`) or more than a few hundred characters of any value.
 */
export function validateSpec<TSpec>(definition: CompositionDefinition, graph: CompositionGraph, spec: TSpec): TSpec {
  const tooLarge = specSizeProblem(spec);
  if (tooLarge) throw new SpecValidationError(graph.name, [tooLarge]);
  const withDefaults = applyDefaults(graph.spec, spec);
  const checked = validateWithSchema(definition.spec, withDefaults, 'spec');
  // String lengths and patterns as the CRD checks them (characters, RE2), not as arktype does (UTF-16, JavaScript).
  const schemaProblems = withStringVerdicts(checked.ok ? [] : checked.problems, checkSpecStrings(graph.spec, withDefaults));
  // A schema written with arktype's `'+': 'reject'` reports undeclared keys itself: say it once, with the hint.
  const unknown = unknownFieldProblems(graph.spec, withDefaults);
  const unknownPaths = unknown.map((problem) => problem.slice(0, problem.indexOf(' is not a field')));
  const problems = [...schemaProblems.filter((problem) => !unknownPaths.some((path) => problem.startsWith(`${path} `))), ...unknown];
  // arktype's `number` refuses NaN itself; an untyped field and ±Infinity are refused here.
  // A field already named by a problem is not named twice ("spec.n is ..." starts every problem of spec.n).
  const unnamed = (found: readonly string[]): string[] => found.filter((problem) => !problems.some((other) => other.startsWith(`${problem.slice(0, problem.indexOf(' is '))} `)));
  problems.push(...unnamed(nonFiniteProblems(withDefaults)));
  // An integer beyond ±(2^53 - 1) is a rounded double: JavaScript's text and a number field would differ.
  problems.push(...unnamed(unsafeIntegerProblems(graph.spec, withDefaults)));
  // An untyped field is an object in KRO's instance schema: a scalar or a list there is refused by the API server.
  problems.push(...unnamed(untypedShapeProblems(graph.spec, withDefaults)));
  if (problems.length > 0) {
    const redactor = redactorFor(graph, withDefaults);
    throw new SpecValidationError(graph.name, problems.map((problem) => redactor.text(problem)));
  }
  // The stored spec: JSON's one zero (a -0 would make JavaScript's 1 / x differ from KRO's).
  return asStoredNumbers(withDefaults) as TSpec;
}

/**
 * The validated spec (defaults filled) and the instance name (`name`, else from the spec), both checked:
 * what every factory method that takes a spec starts with, before anything is applied.
 *
 * @throws SpecValidationError for the spec; a `USAGE` TypeKroError for the name.
 */
export function checkedInstance<TSpec>(definition: CompositionDefinition, graph: CompositionGraph, spec: TSpec, name?: string): { spec: TSpec; name: string } {
  if (name !== undefined) checkInstanceName(name);
  const checked = validateSpec(definition, graph, spec);
  const instance = name ?? instanceNameOf(graph, checked);
  if (name === undefined) checkInstanceName(instance, instance === graph.name ? 'the composition name' : 'spec.name');
  return { spec: checked, name: instance };
}

/**
 * The spec with the schema's defaults, not validated: what an instance that was deployed from a valid spec
 * looks like where only part of its spec is known (naming it, reading its status).
 */
export function specWithDefaults(graph: CompositionGraph, spec: unknown): unknown {
  return applyDefaults(graph.spec, spec ?? {});
}

/**
 * The instance name: `spec.name` (after defaults) when the spec has one, else the composition name. The one
 * rule for every factory method and the CLI (`factory.instanceName(spec)`).
 */
export function instanceNameOf(graph: CompositionGraph, spec: unknown): string {
  const name = (spec as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : graph.name;
}
