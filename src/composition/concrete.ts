/**
 * Concrete evaluation: the oracle for what a composition *means*.
 *
 * TypeKro runs a composition function once on references and compiles parts of its source to CEL.
 * JavaScript is the reference semantics, so the compiled graph must agree with simply running the function
 * on plain values. This module does that: it runs the function again with the spec as data and every
 * resource handle reading a given observed object, and collects what JavaScript decided — which resources
 * exist (the `if`s), how loops expand, the manifests the factories built, each `withReadyWhen` callback's
 * answer and the returned status. Differential tests (test/differential) hold the compiled CEL, as the
 * direct runtime evaluates it, to this result; nothing here reads the compiled expressions.
 *
 * Resource ids are properties of call sites, not of values: a resource is named after the compiled graph's
 * resource made at the same call site (the run locates calls as the compiling run does), so both sides use
 * the same ids even where a concrete name would derive another one.
 */
import type { CompositionGraph } from '../ir/graph.js';
import { withRun } from '../model/run.js';
import { ConcreteRun } from './concrete-run.js';
import type { ConcreteDraft, ObservedObjects } from './concrete-drafts.js';
import { concreteSourceOf } from './concrete-source.js';
import { normalizeConcrete, OpaqueCel, type ConcreteData } from './concrete-value.js';
import { withoutNullFields } from './concrete-observed-data.js';
import { checkNoMarker } from './concrete-pending-marker.js';
import { observedView } from './concrete-view.js';
import { T } from '../ir/types.js';
import { checkCollectionCounts } from './collection-counts.js';
import { TypeKroError } from '../util/errors.js';
import { userCode } from './concrete-throws.js';
import type { ConcreteEvaluation, ConcreteInput } from './concrete-result.js';
import { withoutPaths, inOrderOf, numbersJsonCannotHold } from './concrete-status-paths.js';
import { nameByKeys, resourceOf } from './concrete-resources.js';

export { OpaqueCel, type ConcreteData } from './concrete-value.js';
export type { ObservedObjects } from './concrete-drafts.js';
export type { ConcreteEvaluation, ConcreteInput, ConcreteResource } from './concrete-result.js';

/**
 * Runs the composition behind `composition` with plain values (the spec is used as given: validation and
 * defaults are the caller's, see api/evaluate.ts).
 * @example runConcrete(app, app.graph, { spec: { replicas: 2 }, observed: new Map(), instance: { name: 'app' } }).status;
 */
export function runConcrete(composition: unknown, graph: CompositionGraph, input: ConcreteInput): ConcreteEvaluation {
  return concreteRun(composition, graph, input, true);
}

function concreteRun(composition: unknown, graph: CompositionGraph, input: ConcreteInput, fillUnobserved: boolean): ConcreteEvaluation {
  const concrete = concreteSourceOf(composition);
  if (!concrete) throw new TypeKroError('USAGE', 'evaluateConcrete takes a composition made by kubernetesComposition or toResourceGraph');
  checkObservedIds(graph, input.observed);
  const observed = new Map([...input.observed].map(([id, object]) => [id, withoutNullFields(object)]));
  const spec = structuredClone(input.spec);
  let returned: unknown;
  let run: ConcreteRun;
  // What direct mode knows of the instance: its name and namespace, and the labels and annotations the deploy gave.
  const known = {
    name: input.instance.name,
    ...(input.instance.namespace !== undefined ? { namespace: input.instance.namespace } : {}),
    labels: { ...input.instance.labels },
    annotations: { ...input.instance.annotations },
  };
  // The rest (creationTimestamp, uid, generation) the cluster sets: read as absent observed fields, so text or
  // numbers built from them are pending, as the compiled CEL is offline, not "undefined" (trial 12 K1).
  const metadata = observedView(known, T.object({}, true)) as typeof known;
  if (concrete.form === 'composition') {
    run = new ConcreteRun(concrete.source, graph, observed, metadata);
    returned = withRun(run, () => userCode(graph, () => concrete.compose(spec, { metadata })));
  } else {
    run = new ConcreteRun(concrete.sources[0], graph, observed, metadata);
    const schema = { spec, metadata };
    const resources = withRun(run, () => userCode(graph, () => concrete.buildResources(schema)));
    nameByKeys(run.drafts, resources);
    run.switchTo(concrete.sources[1]);
    returned = withRun(run, () => userCode(graph, () => concrete.buildStatus(schema, resources)));
  }
  if (returned instanceof Promise) throw new TypeKroError('DEFINITION_INVALID', `composition "${graph.name}": the composition function must be synchronous (it returned a Promise)`);
  const nonJson = new Map<string, number>();
  const status = normalizeConcrete(returned ?? {}, 'status', nonJson);
  if (typeof status.value !== 'object' || status.value === null || Array.isArray(status.value) || status.value instanceof OpaqueCel) {
    throw new TypeKroError('DEFINITION_INVALID', 'a composition function must return its status as an object literal, e.g. return { ready: ... }');
  }
  // Every observed entry must have the shape of its resource (one object, or a list for a collection).
  for (const draft of run.drafts) run.observedItem(draft, 0);
  // An item made under its own condition (`if` or withIncludeWhen inside the loop) is not counted: JavaScript's
  // condition may exclude it while an object made before is still observed.
  checkCollectionCounts(graph, observed, (id) => {
    const draft = run.drafts.find((candidate) => candidate.id === id);
    return draft?.items.some((item) => item.conditions.some((condition) => condition.kind === 'includeWhen')) ? undefined : (draft?.items.length ?? 0);
  });
  const fromUnobserved = run.pendingStatusPaths();
  const fromAbsent = run.absentStatusPaths().filter((path) => !fromUnobserved.includes(path));
  const waiting = withoutPaths(status.value as { readonly [key: string]: ConcreteData }, fromUnobserved);
  // Fields built from an absent observed field are pending (the CEL errors on the read), whatever JavaScript made of it.
  const built = withoutPaths(waiting.value, fromAbsent);
  const unheld = numbersJsonCannotHold(nonJson, [...fromUnobserved, ...fromAbsent]);
  const held = withoutPaths(built.value, unheld.fields);
  checkNoMarker(held.value, 'status');
  const unobserved = fromUnobserved.length > 0 && fillUnobserved ? valuesWithoutStatus(composition, graph, input, run.drafts, fromUnobserved) : waiting.removed;
  return {
    resources: run.drafts.map((draft) => resourceOf(draft, run)),
    status: held.value,
    pendingStatus: inOrderOf(returned, [...new Set([...status.pending, ...waiting.removed.keys(), ...built.removed.keys(), ...unheld.pending])]),
    ...(unheld.failed.size > 0 ? { failedStatus: [...unheld.failed.keys()].map((path) => `${path}: the double ${unheld.failed.get(path)} has no JSON form`) } : {}),
    ...(unobserved.size > 0 ? { unobservedValues: Object.fromEntries(unobserved) } : {}),
  };
}

/**
 * The only value a cluster may show for each field computed from a resource that is not observed. KRO and
 * direct mode evaluate the field without that resource: its reads fail, and CEL's `||`/`&&` absorb a failed
 * side only when the other side decides, so a value they show is the one the field has whatever the resource
 * holds, in particular when it exists without a status. That is what JavaScript computes with each such
 * resource observed as `{}` (its manifest, no status), by running the function once more; the first run's
 * values cannot say it, since there a read of a missing resource is a placeholder, which is truthy
 * (`store.status.ready || x` is the placeholder, `missing ? a : b` is `a`). A field JavaScript leaves
 * undefined then has no value to show.
 *
 * That run cannot fail where the first one did not, so an error in it is a bug and is thrown, never hidden
 * behind the first run's values (which are the placeholders' answers, not the cluster's). The observed
 * objects are made from the first run's own resources, so they fit its checks; and every construct where
 * JavaScript throws on an absent value (a spread or `.map` of one, a method with no CEL equivalent, a
 * `throw` under a condition on a reference) is refused when the composition is defined.
 */
function valuesWithoutStatus(
  composition: unknown,
  graph: CompositionGraph,
  input: ConcreteInput,
  drafts: readonly ConcreteDraft[],
  paths: readonly string[],
): ReadonlyMap<string, ConcreteData> {
  const observed = new Map(input.observed);
  for (const draft of drafts) if (!observed.has(draft.id)) observed.set(draft.id, draft.collection ? draft.items.map(() => ({})) : {});
  const filled = concreteRun(composition, graph, { ...input, observed }, false);
  const values = new Map<string, ConcreteData>();
  for (const path of paths) {
    const value = path.split('.').reduce<ConcreteData | undefined>((at, key) => (typeof at === 'object' && at !== null && !Array.isArray(at) && !(at instanceof OpaqueCel) ? (at as { readonly [key: string]: ConcreteData })[key] : undefined), filled.status);
    if (value !== undefined) values.set(path, value);
  }
  return values;
}

/** An observed id the graph does not have is a typo: say which ids there are. */
function checkObservedIds(graph: CompositionGraph, observed: ObservedObjects): void {
  const ids = new Set(graph.resources.map((resource) => resource.id));
  for (const id of observed.keys()) {
    if (!ids.has(id)) throw new TypeKroError('USAGE', `observed["${id}"]: composition "${graph.name}" has no resource "${id}"; its resource ids are ${[...ids].join(', ')}`);
  }
}
