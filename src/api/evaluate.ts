/**
 * `evaluateConcrete`: run a composition with plain values, the reference the compiled CEL is held to.
 * The machinery is in composition/concrete.ts (its header explains the oracle's role).
 */
import { runConcrete, type ConcreteEvaluation, type ObservedObjects } from '../composition/concrete.js';
import type { Composition } from './composition.js';
import { instanceNameOf, validateSpec } from './spec.js';
import { concreteSourceOf } from '../composition/concrete-source.js';
import { TypeKroError } from '../util/errors.js';
import { refuseUnknownOptions } from '../util/options.js';
import { refuseBinary } from '../util/json.js';
import { checkObservedDependencies, graphDependencies } from '../runtime/engine/observed-order.js';
import { checkDistinctObjects } from '../runtime/engine/distinct-objects.js';
import { checkObservedKind, type ObservedState } from '../composition/observed-state.js';

export { OpaqueCel, type ConcreteData, type ConcreteEvaluation, type ConcreteResource } from '../composition/concrete.js';

/** The identity was once `instance: { name, namespace }` here; the calls that take it now take it flat. */
export const INSTANCE_HINT = "give the instance's `name` and `namespace` as options themselves (evaluateConcrete, simulate and render take them alike)";

/**
 * The identity of the instance a test evaluates (`evaluateConcrete`, and `simulate`/`render` of
 * `typekro/testing`, which take the same options): defaults as every factory names an instance.
 *
 * @example
 * import type { InstanceOptions } from 'typekro';
 * const shop: InstanceOptions = { name: 'shop', namespace: 'apps' };
 * shop.namespace; // => 'apps'
 */
export interface InstanceOptions {
  /** The instance name; default `spec.name` when the spec has one, else the composition name. */
  readonly name?: string;
  /** The instance namespace (ignored for a cluster-scoped composition); default `default`. */
  readonly namespace?: string;
}

/**
 * Options of {@link evaluateConcrete}: the instance's identity ({@link InstanceOptions}) and what the cluster holds.
 *
 * @example
 * import { type } from 'arktype';
 * import { evaluateConcrete, kubernetesComposition, type ConcreteOptions } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * const options: ConcreteOptions = { observed: { deployment: { status: { readyReplicas: 1 } } }, name: 'web', namespace: 'apps' };
 * evaluateConcrete(webapp, { replicas: 1 }, options).status; // => { ready: true }
 */
export interface ConcreteOptions extends InstanceOptions {
  /**
   * Objects as observed in the cluster, by resource id (a list for a collection, one object per item the
   * spec makes: another length is refused, as no cluster state). Each is a partial object laid over the
   * manifest (`{ status: { readyReplicas: 2 } }`) or an observed state of `typekro/testing`
   * (`deploymentAvailable()`), which means what it means in `simulate`: the object it builds from the
   * manifest. An entry of another kind than its resource is refused. Handles read their fields from here; a
   * resource not listed is not observed (see {@link evaluateConcrete}).
   *
   * @example
   * import { type } from 'arktype';
   * import { evaluateConcrete, kubernetesComposition } from 'typekro';
   * import { Deployment } from 'typekro/simple';
   * import { deploymentAvailable, deploymentProgressing } from 'typekro/testing';
   * const web = kubernetesComposition(
   *   { name: 'web', apiVersion: 'example.com/v1', kind: 'Web', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
   *   (spec) => {
   *     const dep = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
   *     return { ready: (dep.status.readyReplicas ?? 0) >= spec.replicas };
   *   },
   * );
   * evaluateConcrete(web, { replicas: 2 }, { observed: { dep: deploymentAvailable() } }).status; // => { ready: true }
   * evaluateConcrete(web, { replicas: 2 }, { observed: { dep: deploymentProgressing({ ready: 1 }) } }).status; // => { ready: false }
   */
  readonly observed?: ObservedObjects | Readonly<Record<string, ObservedState | object | readonly (ObservedState | object)[]>>;
}

/**
 * Evaluates a composition concretely: runs its function again with the spec as plain data (validated, schema
 * defaults applied as a deploy applies them) and each resource handle reading `observed`, and returns which
 * resources exist, their manifests (after the factories' transformations, as a deploy renders them, before
 * direct mode adds its labels and namespace), forEach items, `withReadyWhen` answers and the status.
 *
 * - JavaScript decides: `if`s and `withIncludeWhen(boolean)` decide existence, loops expand over plain
 *   arrays, operators run on plain values. A status field is pending when its value is `undefined`.
 * - A handle reads its object as the cluster holds it: the manifest JavaScript built, overlaid by the
 *   observed object (so `cm.data.tier ?? 'x'` is the manifest's tier when `observed` is `{ cm: {} }`).
 *   The observed objects are taken as the stored objects, as given: the API server's defaults are not
 *   added (a Service's `spec.clusterIP`, a Deployment's `spec.strategy` are absent unless given, so a field
 *   read from one is pending). This function is the reference the compiled CEL is held to on the *same*
 *   objects, so it must not invent any; `simulate` is what derives objects from the manifests in the stored
 *   form (`storedForm` of `typekro/testing`) and hands exactly those objects to this function for its
 *   cross-check, so the two always evaluate the same objects. Give `storedForm(manifest)` (with the status
 *   laid over it) to see here what `simulate` sees.
 * - A manifest field is pending where the compiled CEL waits: computed (in the factory's argument, or a
 *   local it uses) from an absent field or a field of a resource that is not observed, however JavaScript
 *   computed on (`` `${x}`.length ``, `x + 1 > 0`), as a status field is.
 *   Absent fields read as `undefined` wherever the code tests them (`x ?? d`, `x?.y`, `!x`, `x === undefined`,
 *   a condition, `Cel.default(x, d)`); where JavaScript would throw reading through one
 *   (`svc.status.loadBalancer.ingress[0].ip`) or build text or a number from one (`` `r-${x}` ``, `x + 1`),
 *   the value is pending, as the compiled CEL waits for the field (so is a NaN made from one). A status field
 *   that is NaN or ±Infinity otherwise (`0 / 0`, `1 / 0`) is listed in `failedStatus`, as `simulate` lists it:
 *   no JSON holds it, so both modes fail the field.
 *   A resource that is not observed at all is pending, as on a cluster (KRO and direct mode evaluate the
 *   status with the resources that exist; a read of a missing one has no value): what is built from its fields
 *   (`x ?? d`, `` `http://${svc.metadata.name}` ``, `pods.map((p) => p.metadata.name).join(',')`, a method
 *   of one of its lists) is pending, and reading through it never throws (`redis.spec.values.logLevel`);
 *   only a comparison (`x > 0` is false) or the length of the composition's own array keeps a JavaScript
 *   value (see composition/concrete-view.ts). Such a field is listed in `pendingStatus` and its JavaScript
 *   value when the resource exists without a status in `unobservedValues`: a cluster shows it already where CEL's `||`/`&&` decide without the
 *   resource (`ready || spec.replicas === 0`), else nothing (docs/guide/testing.md). Numbers are JSON's: -0 is 0.
 *   A field holding JSON `null` is not set, as KRO and direct mode read an object typed by its schema: it
 *   reads `undefined`, so `x ?? d` is `d` and a status field read straight from it is pending.
 * - `Cel.expr`/`Cel.template` over non-literal CEL, raw CEL strings in conditions: JavaScript cannot run
 *   them, and their parts were pasted into CEL text (data and CEL text are both plain strings here), so they
 *   are reported as {@link OpaqueCel} leaves, never evaluated; so is every string built from one (a template
 *   literal `` `half-${h}` `` or `+`), and using one as a number (`h > 2`) throws rather than guess. A
 *   `Cel.template` whose parts are all plain values is its text. `Cel.has`, `Cel.cond` and the helpers named
 *   after JavaScript (`Cel.default`, `Cel.coalesce`, `Cel.max`, ...) are evaluated on the values.
 * - Nested compositions are supported (the child's function runs with the spec its parent passes, its
 *   resources prefixed as the graph inlines them; a child status field computed from a child resource that
 *   is not observed is pending in the parent too, as the inlined CEL is); collections (loops over spec arrays, also returned by a
 *   `toResourceGraph` builder under a key) give one manifest per item. Ids follow the compiled graph's call sites.
 * - The composition function runs again: it must not have side effects beyond creating resources.
 * - A `Cel.expr`, `Cel.template` or `Cel.cond` one of whose parts has no value yet (an absent field, a field of
 *   a resource that is not observed) is pending, as its compiled CEL (a failed read) is.
 *
 * @throws SpecValidationError when the spec does not match the schema; TypeError naming the problem when
 * an observed entry has the wrong shape (a collection's list of another length than the spec makes) or the
 * composition cannot be run again; a TypeKroError (`USAGE`) naming both resources when a resource is observed
 * while one it depends on (reads, or waits for with `dependsOn`) and the function created is not, as
 * `simulate` refuses it: a deploy never reaches that state; a TypeKroError (`SPEC_INVALID`) when two objects the
 * function made have one name (two loop items named alike), as every deploy, plan and render refuses them; a
 * TypeKroError (`DEFINITION_INVALID`) naming the line that threw, with the error as its cause, when the
 * composition's own JavaScript throws for this spec and state (`spec.tags![0]` with `tags` left out).
 * @example
 * import { type } from 'arktype';
 * import { evaluateConcrete, kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * const result = evaluateConcrete(webapp, { replicas: 2 }, {
 *   observed: { deployment: { status: { readyReplicas: 2 } } },
 * });
 * result.resources.map((r) => r.id); // => ['deployment']
 * result.status; // => { ready: true }
 */
export function evaluateConcrete<TSpec, TStatus>(composition: Composition<TSpec, TStatus>, spec: TSpec, options: ConcreteOptions = {}): ConcreteEvaluation {
  const concrete = concreteSourceOf(composition);
  if (!concrete) throw new TypeKroError('USAGE', 'evaluateConcrete takes a composition made by kubernetesComposition or toResourceGraph');
  refuseUnknownOptions('evaluateConcrete', options, ['observed', 'name', 'namespace'], { instance: INSTANCE_HINT });
  const checked = validateSpec(concrete.definition, composition.graph, spec);
  const observed = options.observed instanceof Map ? options.observed : new Map(Object.entries(options.observed ?? {}));
  for (const [id, value] of observed) {
    refuseBinary(value, `observed["${id}"]`);
    const resource = composition.graph.resources.find((candidate) => candidate.id === id);
    // An unknown id is refused with the ids there are when the run starts (composition/concrete.ts).
    if (resource) (Array.isArray(value) ? value : [value]).forEach((item: unknown, i) => checkObservedKind(resource, item, Array.isArray(value) ? `observed["${id}"][${i}]` : `observed["${id}"]`));
  }
  // As simulate and direct mode: a namespaced instance lives in `default` unless told otherwise.
  const name = options.name ?? instanceNameOf(composition.graph, checked);
  const namespace = composition.graph.scope === 'Cluster' ? undefined : (options.namespace ?? 'default');
  const instance = namespace === undefined ? { name } : { name, namespace };
  const result = runConcrete(composition, composition.graph, { spec: checked, observed, instance });
  // Two objects of one name: refused as the planner refuses them for every other consumer (deploy, plan, simulate).
  checkDistinctObjects(
    result.resources.filter((resource) => resource.included === true).flatMap((resource) => resource.manifests.map((manifest) => ({ resourceId: resource.id, manifest: manifest as Record<string, unknown> }))),
    namespace,
  );
  // As simulate: a resource observed without one it depends on is a state no deploy reaches. What the
  // function did not create (an `if`, includeWhen false or a CEL condition) may rightly be absent.
  const created = new Set(result.resources.filter((resource) => resource.included === true).map((resource) => resource.id));
  checkObservedDependencies(composition.graph, graphDependencies(composition.graph), { has: (id) => observed.has(id), notCreated: (id) => !created.has(id) });
  return result;
}
