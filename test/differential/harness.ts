/**
 * The differential harness: for one composition, every spec variant under every observed state, the
 * compiled graph (direct runtime) against the concrete evaluation (JavaScript).
 */
import { checkDistinctObjects, DuplicateObjectError, type RenderedObject } from '../../src/runtime/engine/index.js';
import { isDeepStrictEqual } from 'node:util';
import { concreteSourceOf } from '../../src/composition/concrete-source.js';
import { evaluateConcrete, type Composition, type ConcreteEvaluation } from '../../src/index.js';
import { createCelEngine, UNSAFE_INTEGER } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/prepared.js';
import { instanceNameOf, validateSpec } from '../../src/api/spec.js';
import { compare, type Divergence } from './compare.js';
import { evaluateCompiled } from './compiled.js';
import { specVariants } from './specs.js';
import { observedFrom, observedStates, type KubeObject, type ObservedMap, type Rendered } from './states.js';

export interface CaseInput {
  readonly composition: Composition<never, unknown>;
  readonly spec: Record<string, unknown>;
  readonly prerequisites?: readonly Record<string, unknown>[];
  /** The specs to run instead of the variants derived from `spec` (bulk runs share one precomputed list). */
  readonly specs?: readonly Record<string, unknown>[];
}

/** One divergence seen for one spec and state. */
export interface Finding extends Divergence {
  readonly case: string;
  readonly state: string;
  readonly spec: Record<string, unknown>;
}

export interface CaseReport {
  readonly specs: number;
  readonly evaluations: number;
  readonly tolerated: number;
  readonly opaque: number;
  /** Int-range refusals held to JavaScript's value (compare.ts). */
  readonly refused: number;
  readonly findings: Finding[];
}

const NAMESPACE = 'default';

export function runCase(name: string, input: CaseInput): CaseReport {
  const { composition } = input;
  const definition = concreteSourceOf(composition)?.definition;
  if (!definition) throw new Error(`${name}: not a composition made by kubernetesComposition/toResourceGraph`);
  const prepared = prepareGraph(composition.graph, createCelEngine());
  // What KRO computes: int-range refusals are held to it (compare.ts).
  const exact = prepareGraph(composition.graph, createCelEngine({ integers: 'int64' }));
  const specs = input.specs ?? specVariants(definition, composition.graph, input.spec);
  const report = { specs: specs.length, evaluations: 0, tolerated: 0, opaque: 0, refused: 0, findings: [] as Finding[] };
  for (const spec of specs) {
    const checked = validateSpec(definition, composition.graph, spec);
    const instance = { name: instanceNameOf(composition.graph, checked), namespace: NAMESPACE };
    // The oracle is a function of the spec and the observed objects: an evaluation already made for deep-equal
    // observed objects is reused (settling the states evaluates "nothing observed" and each settled state already).
    const evaluated: { observed: ReadonlyMap<string, object | readonly object[]>; result: ConcreteEvaluation }[] = [];
    const concrete = (observed: ReadonlyMap<string, object | readonly object[]>): ConcreteEvaluation => {
      const done = evaluated.find((e) => isDeepStrictEqual(e.observed, observed));
      if (done) return done.result;
      const result = evaluateConcrete(composition, spec as never, { observed, ...instance });
      evaluated.push({ observed, result });
      return result;
    };
    const compiledUnder = (observed: ObservedMap): Rendered => ({
      resources: [...evaluateCompiled(prepared, { spec: checked, instance, observed }).resources].flatMap(([id, resource]) =>
        resource.state === 'rendered' ? [{ id, apiVersion: '', kind: '', included: true, collection: resource.collection, manifests: resource.manifests as never, pending: [] }] : [],
      ),
    });
    const seed = (): Rendered => compiledUnder(new Map());
    // The compiled side refined as the states are (its objects observed until they stop changing), then checked.
    const settledRefusal = (ready: boolean): void => {
      let observed: ObservedMap = new Map();
      for (let round = 0, last = ''; round < 5; round++) {
        const next = observedFrom(compiledUnder(observed), ready, NAMESPACE, (input.prerequisites ?? []) as KubeObject[]);
        const key = JSON.stringify([...next]);
        observed = next;
        if (key === last) break;
        last = key;
      }
      checkDistinctObjects(compiledUnder(observed).resources.flatMap((r) => r.manifests.map((manifest) => ({ resourceId: r.id, manifest: manifest as Record<string, unknown> }))), instance.namespace);
    };
    for (const state of observedStates(concrete, NAMESPACE, (input.prerequisites ?? []) as KubeObject[], seed, (id) => prepared.dependencies(id))) {
      report.evaluations++;
      let js: ConcreteEvaluation;
      try {
        js = concrete(state.observed);
      } catch (error) {
        // Two objects of one name (generated loop items alike): a spec every entry point refuses; the compiled
        // graph must render the same two objects (the same check on its manifests gives the same message).
        // Where they wait for an object not observed in this state, the deploy still refuses before its first
        // write: its preflight stands rendered objects in for the live ones (engine/nameable.ts), and so does this.
        const rendered = (): void => checkDistinctObjects(renderedWithStandIns(prepared, { spec: checked, instance, observed: state.observed }), instance.namespace);
        if (error instanceof DuplicateObjectError && compiledRefusal(rendered) === error.message) {
          report.refused++;
          continue;
        }
        // Nothing or part observed: what the compiled side leaves pending (an includeWhen on a status not observed)
        // may not render the two objects yet; tolerated as any pending value is there, never another refusal.
        if (error instanceof DuplicateObjectError && state.tolerant && compiledRefusal(rendered) === undefined) {
          report.tolerated++;
          continue;
        }
        // Objects left from a round before JavaScript refused: the ones it reads may hold values their own
        // resources no longer render (JavaScript reads what it wrote, the graph what is observed), so the
        // refusal is held to the compiled side refined the same way.
        if (error instanceof DuplicateObjectError && !state.settled && compiledRefusal(() => settledRefusal(state.name !== 'partial')) === error.message) {
          report.refused++;
          continue;
        }
        report.findings.push({ case: name, state: state.name, spec, aspect: 'evaluation', detail: `  JavaScript threw: ${(error as Error).message}` });
        continue;
      }
      const compiled = evaluateCompiled(prepared, { spec: checked, instance, observed: state.observed });
      // KRO's exact ints, only where the engine refused one (the rest would only cost time)
      const refusedInt = compiled.statusErrors.some((e) => e.includes(UNSAFE_INTEGER)) || [...compiled.resources.values()].some((r) => r.state === 'error' && r.reason.includes(UNSAFE_INTEGER));
      const result = compare(compiled, js, state.tolerant, refusedInt ? evaluateCompiled(exact, { spec: checked, instance, observed: state.observed }) : undefined);
      report.tolerated += result.tolerated;
      report.opaque += result.opaque;
      report.refused += result.refused;
      for (const divergence of result.divergences) report.findings.push({ case: name, state: state.name, spec, ...divergence });
    }
  }
  return report;
}

/**
 * The objects the compiled graph renders when each resource not observed is stood in for by what it renders,
 * until nothing more renders: what the deploy's check before its first write sees (engine/nameable.ts).
 */
function renderedWithStandIns(prepared: ReturnType<typeof prepareGraph>, input: { spec: unknown; instance: { name: string; namespace: string }; observed: ReadonlyMap<string, object | readonly object[]> }): RenderedObject[] {
  const observed = new Map(input.observed);
  for (;;) {
    const compiled = evaluateCompiled(prepared, { ...input, observed: observed as never });
    const standIns = [...compiled.resources].filter(([id, resource]) => resource.state === 'rendered' && !observed.has(id));
    if (standIns.length === 0) {
      return [...compiled.resources].flatMap(([id, resource]) => (resource.state === 'rendered' ? resource.manifests.map((manifest) => ({ resourceId: id, manifest: manifest as Record<string, unknown> })) : []));
    }
    for (const [id, resource] of standIns) {
      const { collection, manifests } = resource as { collection: boolean; manifests: readonly object[] };
      observed.set(id, collection ? manifests : manifests[0]!);
    }
  }
}

/** The message the compiled side refuses with, or undefined when it does not refuse. */
function compiledRefusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
