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
import { storedSecret, storedSecretPath } from './secret-wire.js';
import type { CompositionGraph } from '../ir/graph.js';
import { withRun } from '../model/run.js';
import { recordOf } from '../model/resource.js';
import { ConcreteRun } from './concrete-run.js';
import type { ConcreteDraft, ObservedObjects } from './concrete-drafts.js';
import { concreteSourceOf } from './concrete-source.js';
import { normalizeConcrete, OpaqueCel, type ConcreteData } from './concrete-value.js';
import { checkNoMarker, judgedCallback, observedView, withoutNullFields } from './concrete-view.js';
import { T } from '../ir/types.js';
import { checkCollectionCounts } from './collection-counts.js';
import { TypeKroError } from '../util/errors.js';

export { OpaqueCel, type ConcreteData } from './concrete-value.js';
export type { ObservedObjects } from './concrete-drafts.js';

/**
 * One resource of a concrete evaluation.
 *
 * @example
 * import { type } from 'arktype';
 * import { evaluateConcrete, kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ regions: 'string[]' }), status: type({ count: 'number' }) },
 *   (spec) => {
 *     for (const region of spec.regions) ConfigMap({ id: 'regions', name: `app-${region}`, data: { region } });
 *     return { count: spec.regions.length };
 *   },
 * );
 * evaluateConcrete(app, { regions: ['eu', 'us'] }).resources.find((r) => r.id === 'regions')?.manifests.length; // => 2
 */
export interface ConcreteResource {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** True when its factory call sits in a loop the graph compiles to a forEach: `manifests` has one entry per item (maybe none). */
  readonly collection: boolean;
  /** Every `withIncludeWhen` condition of every item holds (`if`s already decided whether the call happened). */
  readonly included: boolean | OpaqueCel;
  /** The manifests the factory built, one per item; none for an external reference. */
  readonly manifests: readonly ConcreteData[];
  /** The external object read, for an `externalRef`. */
  readonly external?: ConcreteData;
  /**
   * Manifest paths with no value yet: `undefined` (absent observed data), or computed from a read with no
   * value (an absent field, a field of a resource not observed; see composition/concrete-frame.ts
   * `pendingArguments`), prefixed `[i].` per item in a collection.
   */
  readonly pending: readonly string[];
  /**
   * The `withReadyWhen` answer per item when the resource has conditions: `true` only when every condition
   * is exactly `true`; `undefined` when the item is not observed; {@link OpaqueCel} for CEL conditions.
   */
  readonly ready?: readonly (boolean | OpaqueCel | undefined)[];
}

/**
 * The result of a concrete evaluation.
 *
 * @example
 * import { type } from 'arktype';
 * import { evaluateConcrete, kubernetesComposition, type ConcreteEvaluation } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * const { status, pendingStatus }: ConcreteEvaluation = evaluateConcrete(webapp, { replicas: 2 });
 * [status, pendingStatus]; // => [{}, ['ready']]
 */
export interface ConcreteEvaluation {
  readonly resources: readonly ConcreteResource[];
  /** The returned status as data: `undefined` fields are left out and listed in `pendingStatus`. */
  readonly status: { readonly [key: string]: ConcreteData };
  readonly pendingStatus: readonly string[];
  /**
   * The fields of `pendingStatus` computed from a resource that is not observed, by path (`a.b`), with the
   * value JavaScript gives them when that resource exists without a status (observed as `{}`; a field
   * JavaScript leaves undefined then is not listed). A cluster evaluates the field anyway: the
   * reads of the missing resource have no value, so it stays pending unless the rest of the expression decides
   * it without them (`a || b` with `b` true, `a && b` with `b` false), and then it is this value
   * (docs/guide/testing.md). `simulate`, which runs the compiled CEL, says which.
   */
  readonly unobservedValues?: { readonly [path: string]: ConcreteData };
}

/**
 * What `runConcrete` evaluates with.
 * @example runConcrete(app, app.graph, { spec: { replicas: 2 }, observed: new Map(), instance: { name: 'app' } });
 */
export interface ConcreteInput {
  /** The spec with schema defaults applied (plain data). */
  readonly spec: unknown;
  readonly observed: ObservedObjects;
  /** The instance's identity (`schema.metadata` of `toResourceGraph`). */
  readonly instance: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
}

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
    returned = withRun(run, () => concrete.compose(spec, { metadata }));
  } else {
    run = new ConcreteRun(concrete.sources[0], graph, observed, metadata);
    const schema = { spec, metadata };
    const resources = withRun(run, () => concrete.buildResources(schema));
    nameByKeys(run.drafts, resources);
    run.switchTo(concrete.sources[1]);
    returned = withRun(run, () => concrete.buildStatus(schema, resources));
  }
  if (returned instanceof Promise) throw new TypeKroError('DEFINITION_INVALID', `composition "${graph.name}": the composition function must be synchronous (it returned a Promise)`);
  const status = normalizeConcrete(returned ?? {}, 'status');
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
  checkNoMarker(built.value, 'status');
  const unobserved = fromUnobserved.length > 0 && fillUnobserved ? valuesWithoutStatus(composition, graph, input, run.drafts, fromUnobserved) : waiting.removed;
  return {
    resources: run.drafts.map((draft) => resourceOf(draft, run)),
    status: built.value,
    pendingStatus: inOrderOf(returned, [...status.pending, ...waiting.removed.keys(), ...built.removed.keys()]),
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

/**
 * The status without the fields computed from a resource that is not observed (composition/concrete-reads.ts),
 * and those fields' JavaScript values: JavaScript gave them values (`x !== 'dev'` is true) that a cluster
 * shows before the resource exists only where the rest of the expression decides them (CEL's `||`, `&&`).
 */
function withoutPaths(status: { readonly [key: string]: ConcreteData }, paths: readonly string[]): { value: { readonly [key: string]: ConcreteData }; removed: Map<string, ConcreteData> } {
  const removed = new Map<string, ConcreteData>();
  const without = (value: ConcreteData, prefix: string): ConcreteData => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof OpaqueCel) return value;
    const out: [string, ConcreteData][] = [];
    for (const [key, item] of Object.entries(value as { readonly [key: string]: ConcreteData })) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (paths.includes(path)) removed.set(path, item);
      else out.push([key, without(item, path)]);
    }
    // fromEntries, not `out[key] =`: an own `__proto__` key stays a key.
    return Object.fromEntries(out);
  };
  return { value: without(status, '') as { readonly [key: string]: ConcreteData }, removed };
}

/** Pending paths in the order the returned object has its fields (then any others). */
function inOrderOf(returned: unknown, paths: readonly string[]): string[] {
  const order: string[] = [];
  const visit = (value: unknown, prefix: string): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return;
    for (const [key, item] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      order.push(path);
      visit(item, path);
    }
  };
  visit(returned, '');
  const rank = (path: string): number => (order.includes(path) ? order.indexOf(path) : order.length);
  return [...new Set(paths)].sort((a, b) => rank(a) - rank(b));
}

/** An observed id the graph does not have is a typo: say which ids there are. */
function checkObservedIds(graph: CompositionGraph, observed: ObservedObjects): void {
  const ids = new Set(graph.resources.map((resource) => resource.id));
  for (const id of observed.keys()) {
    if (!ids.has(id)) throw new TypeKroError('USAGE', `observed["${id}"]: composition "${graph.name}" has no resource "${id}"; its resource ids are ${[...ids].join(', ')}`);
  }
}

/**
 * `toResourceGraph` names resources after the keys the builder returns, as the compiled graph does; a key
 * may hold a collection (`schema.spec.regions.map((r) => ConfigMap(...))`), here the array of its items.
 */
function nameByKeys(drafts: ConcreteDraft[], resources: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(resources)) {
    for (const handle of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const record = recordOf(handle);
      const draft = record && drafts.find((candidate) => candidate.items.some((item) => item.record === record));
      if (!record || !draft) throw new TypeKroError('DEFINITION_INVALID', `toResourceGraph: "${key}" is not a resource created by a TypeKro factory`);
      if (!record.explicitId) {
        record.id = key;
        draft.id = key;
      }
    }
  }
}

function resourceOf(draft: ConcreteDraft, run: ConcreteRun): ConcreteResource {
  const first = draft.items[0]!.record;
  const pending: string[] = [];
  const manifests: ConcreteData[] = [];
  for (const item of draft.items) {
    if (item.record.external) continue;
    const normalized = normalizeConcrete(item.record.manifest, `resource "${draft.id}"`);
    // The graph deploys a Secret's stringData as data (secret-wire.ts); the JavaScript side says the same.
    const secret = item.record.apiVersion === 'v1' && item.record.kind === 'Secret';
    manifests.push(secret ? storedSecret(normalized.value ?? {}) : normalized.value ?? {});
    pending.push(...normalized.pending.map((path) => (secret ? storedSecretPath(path) : path)).map((path) => (draft.collection ? `[${item.index}].${path}` : path)));
  }
  const includes = draft.items.flatMap((item) => item.conditions.filter((c) => c.kind === 'includeWhen').map((c) => decide(c.input, undefined)));
  const readyWhen = draft.items.some((item) => item.conditions.some((c) => c.kind === 'readyWhen'));
  const external = first.external ? normalizeConcrete({ apiVersion: first.external.apiVersion, kind: first.external.kind, name: first.external.name, namespace: first.external.namespace }, `external reference "${draft.id}"`).value : undefined;
  return {
    id: draft.id,
    apiVersion: first.apiVersion,
    kind: first.kind,
    collection: draft.collection,
    included: allOf(includes),
    manifests,
    ...(external !== undefined ? { external } : {}),
    pending,
    ...(readyWhen
      ? {
          ready: draft.items.map((item) => {
            const self = run.observedSelf(draft, item.index);
            if (self === undefined) return undefined;
            return allOf(item.conditions.filter((c) => c.kind === 'readyWhen').map((c) => decide(c.input, self)));
          }),
        }
      : {}),
  };
}

/** A condition's JavaScript answer: a callback is called with the observed object; CEL stays opaque. */
function decide(input: unknown, self: unknown): boolean | OpaqueCel {
  // A callback's answer built from an absent field is pending (undefined): not ready, as its compiled CEL.
  const value = typeof input === 'function' ? judgedCallback(() => (input as (self: unknown) => unknown)(self)) : input;
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  const normalized = normalizeConcrete(value, 'condition').value;
  if (normalized instanceof OpaqueCel) return normalized;
  if (typeof value === 'string') return new OpaqueCel(value);
  // KRO needs a bool: anything else is not `true`.
  return false;
}

function allOf(results: readonly (boolean | OpaqueCel)[]): boolean | OpaqueCel {
  if (results.some((result) => result === false)) return false;
  return results.find((result) => result instanceof OpaqueCel) ?? true;
}
