/**
 * A composition under given specs and observed objects (cluster data the tests write out, such as a custom
 * resource's status): the compiled graph (direct runtime's engine) against evaluateConcrete, input by input.
 */
import { evaluateConcrete, type Composition } from '../../src/index.js';
import { concreteSourceOf } from '../../src/composition/concrete-source.js';
import { validateSpec } from '../../src/api/spec.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/prepared.js';
import { compare } from './compare.js';
import { evaluateCompiled } from './compiled.js';

export interface Input { readonly spec: Record<string, unknown>; readonly observed?: Readonly<Record<string, Record<string, unknown>>> }

/** Each input under the compiled graph (direct runtime's engine) against evaluateConcrete. */
export function divergences(composition: Composition<never, unknown>, inputs: readonly Input[]): string[] {
  const prepared = prepareGraph(composition.graph, createCelEngine());
  const definition = concreteSourceOf(composition)!.definition;
  const instance = { name: 'nulls', namespace: 'default' };
  const found: string[] = [];
  for (const input of inputs) {
    const spec = validateSpec(definition, composition.graph, input.spec);
    const observed = new Map(Object.entries(input.observed ?? {}).map(([id, o]) => [id, { metadata: { name: id, namespace: 'default', generation: 1 }, ...o }]));
    const js = evaluateConcrete(composition, spec as never, { observed, ...instance });
    const compiled = evaluateCompiled(prepared, { spec, instance, observed });
    for (const d of compare(compiled, js, false).divergences) found.push(`${JSON.stringify(input)}: ${d.aspect}\n${d.detail}`);
  }
  return found;
}
