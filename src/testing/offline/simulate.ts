/**
 * `simulate`: what a deployed instance looks like for a given cluster state, offline. The direct runtime's
 * planner decides (same prepared graph, same CEL engine, same readiness rules of compile/readiness), and
 * the concrete JavaScript evaluation checks it.
 */
import { refuseUnknownOptions } from '../../util/options.js';
import { INSTANCE_HINT } from '../../api/evaluate.js';
import type { Composition } from '../../api/composition.js';
import { evaluateConcrete } from '../../api/evaluate.js';
import { instanceStatus, objectsRead, type KubeObject } from '../../runtime/engine/index.js';
import { checkCollectionCounts } from '../../composition/collection-counts.js';
import { TypeKroError } from '../../util/errors.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { referencedRoots } from '../../ir/expr.js';
import { exprLeaves } from '../../ir/value.js';
import { checkRenderedNames, testContext, type InstanceOptions } from './context.js';
import { crossCheck, show, type Divergence } from './cross-check.js';
import { checkObserved, resolveObserved, type ObservedEntries } from './observe.js';
import { checkObservedDependencies } from '../../runtime/engine/observed-order.js';
import { nextSteps, type NextStep } from './next.js';
import { simulatedResources, type SimulatedResource } from './resources.js';

/**
 * Options of {@link simulate}.
 *
 * @example
 * import { deploymentAvailable, type SimulateOptions } from 'typekro/testing';
 * const options: SimulateOptions = { observed: { deployment: deploymentAvailable(), service: { spec: { clusterIP: '10.0.0.7' } } }, namespace: 'shop' };
 * Object.keys(options.observed ?? {}); // => ['deployment', 'service']
 */
export interface SimulateOptions extends InstanceOptions {
  /**
   * What the cluster reports, by resource id (a list for a forEach collection, one object per item the spec
   * makes; another length is refused): partial objects, laid over
   * the manifest a deploy applies, or observed states such as `deploymentAvailable()`. A resource not
   * listed does not exist yet, so a resource listed without a resource it reads (or `dependsOn`) is refused: a
   * deploy creates it only after them. A `null` field is not set (as a deploy reads objects typed by their schema).
   * A resource listed while one it depends on is not ready is in the cluster but not read (KRO and direct mode
   * read it only once its dependencies are ready): what the status reads from it is pending.
   */
  readonly observed?: ObservedEntries;
  /** Hold the result to the concrete JavaScript evaluation and throw on a divergence (default true). */
  readonly crossCheck?: boolean;
}

/**
 * What a composition's instance looks like for one spec and one cluster state.
 *
 * @example
 * import type { Simulation } from 'typekro/testing';
 * function summary(result: Simulation): string {
 *   return `${result.resources.filter((r) => r.ready).length}/${result.resources.length} ready, pending ${result.pending.join(', ') || 'nothing'}`;
 * }
 * summary({ spec: {}, instance: { name: 'app' }, resources: [], manifests: [], status: {}, pending: [], failedStatus: [], ready: true, next: [], documentedDifferences: [] }); // => '0/0 ready, pending nothing'
 */
export interface Simulation {
  readonly spec: unknown;
  readonly instance: { readonly name: string; readonly namespace?: string };
  /** Every resource, in dependency order. */
  readonly resources: readonly SimulatedResource[];
  /** Every manifest a deploy would apply now, in dependency order. */
  readonly manifests: readonly Record<string, unknown>[];
  /** The instance status as the cluster would show it: pending fields left out. */
  readonly status: Record<string, unknown>;
  /** Status fields whose data is not there yet. */
  readonly pending: readonly string[];
  /**
   * Status fields whose expression fails for good here (`spec.n / spec.m` with `m: 0` gives Infinity, which
   * no JSON holds; an integer division by zero): `field: message`. A direct deploy fails on them, naming the
   * fields, and KRO fails the instance's reconcile: such an instance is not ready.
   */
  readonly failedStatus: readonly string[];
  /** Every resource ready or skipped and no status field failed: a deploy would return. */
  readonly ready: boolean;
  /** What a deploy would do next, resource by resource; empty when ready. */
  readonly next: readonly NextStep[];
  /**
   * Where this result (what a deploy does) differs from the composition's JavaScript in a way README.md's
   * "Where the CEL differs" documents (`toUpperCase()` of `é`, `trim()` of U+FEFF): each names the difference.
   * Empty when they agree, or with `crossCheck: false`. Any other difference throws {@link SimulationDivergenceError}.
   */
  readonly documentedDifferences: readonly Divergence[];
}

/**
 * The simulated state disagrees with the composition's own JavaScript: the message lists each divergence.
 *
 * @example
 * import { SimulationDivergenceError } from 'typekro/testing';
 * const error = new SimulationDivergenceError('app', [{ aspect: 'status.ready', detail: 'compiled false, JavaScript true' }]);
 * error.divergences.length; // => 1
 */
export class SimulationDivergenceError extends TypeKroError {
  override readonly name = 'SimulationDivergenceError';
  constructor(
    readonly composition: string,
    readonly divergences: readonly Divergence[],
  ) {
    super(
      'INTERNAL',
      `composition "${composition}": the compiled CEL and the composition's JavaScript disagree (a TypeKro bug; please report it with this message, or pass crossCheck: false to look at the compiled result):\n${divergences.map((d) => `  - ${d.aspect}: ${d.detail.split('\n').join('\n      ')}`).join('\n')}`,
    );
  }
}

/**
 * Simulates an instance against a cluster state without a cluster: the resolved manifests, each resource's
 * readiness and reason, the instance status with its pending fields, and what a deploy would do next. It
 * runs direct mode's planner (the compiled CEL, the readiness rules) and, unless `crossCheck: false`,
 * checks the result against the composition run as plain JavaScript.
 *
 * @throws SpecValidationError for a spec that does not match the schema; TypeKroError (USAGE) for an instance
 * name (given, or from `spec.name`) or namespace a deploy refuses, with the deploy's message, for an unknown
 * resource id in `observed`, an object of the wrong kind, a collection's list of another length than the
 * spec makes, or a resource observed without one it reads or `dependsOn` (a state no deploy reaches);
 * {@link SimulationDivergenceError} when the
 * compiled result and the JavaScript disagree in a way README.md does not document (a documented difference is
 * listed in `documentedDifferences` instead).
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * import { deploymentAvailable, deploymentProgressing, simulate } from 'typekro/testing';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean', available: 'number' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas >= spec.replicas, available: deployment.status.availableReplicas };
 *   },
 * );
 * const rolling = simulate(webapp, { replicas: 3 }, { observed: { deployment: deploymentProgressing({ ready: 1 }) } });
 * rolling.resources[0]?.reason; // => '1/3 readyReplicas'
 * rolling.status; // => { ready: false, available: 1 }
 * rolling.next; // => [{ action: 'wait-ready', resourceId: 'deployment', reason: '1/3 readyReplicas' }]
 * simulate(webapp, { replicas: 3 }, { observed: { deployment: deploymentAvailable() } }).ready; // => true
 * simulate(webapp, { replicas: 3 }).pending; // => ['ready', 'available']
 */
export function simulate<TSpec, TStatus>(composition: Composition<TSpec, TStatus>, spec: TSpec, options: SimulateOptions = {}): Simulation {
  refuseUnknownOptions('simulate', options, ['observed', 'crossCheck', 'name', 'namespace'], { instance: INSTANCE_HINT });
  const context = testContext(composition, spec, options, 'simulate');
  const entries = options.observed ?? {};
  checkObserved(context.graph, entries);
  const { observed, plan, input } = resolveObserved(context, entries);
  checkObservedDependencies(context.graph, context.prepared, { has: (id) => observed.has(id), notCreated: (id) => plan.nodes.get(id)?.state === 'skipped' });
  // Checked without the cross-check too (the input is wrong either way), against the manifests the plan
  // renders; a collection it does not render (waiting for data, skipped) has no count to hold it to here.
  checkCollectionCounts(context.graph, Object.entries(entries), (id) => {
    const node = plan.nodes.get(id);
    return node?.state === 'apply' ? node.manifests.length : undefined;
  });
  const resources = simulatedResources(context, plan, input, observed);
  checkRenderedNames(context, resources.flatMap((resource) => resource.manifests.map((manifest) => ({ resourceId: resource.id, manifest: manifest as KubeObject }))));
  // A resource waiting for a dependency to be ready is in the cluster but not read (read-objects.ts): the
  // status and the JavaScript it is held to both see it as not there.
  const read = objectsRead(plan, observed);
  const status = instanceStatus(context.prepared, { ...input, observed: read });
  const documented: Divergence[] = [];
  if (options.crossCheck ?? true) {
    const concrete = evaluateConcrete(composition, spec, { observed: Object.fromEntries(read), name: context.instance.name, namespace: context.instance.namespace });
    const divergences = crossCheck(plan, status, concrete, {
      dependencies: (id) => context.prepared.dependencies(id),
      mayWait: waitsForUnobserved(context.graph, read),
      inputs: stringsOf([context.spec, [...observed.values()]]),
    });
    documented.push(...divergences.filter((d) => d.documented !== undefined));
    const bugs = divergences.filter((d) => d.documented === undefined);
    if (bugs.length > 0) throw new SimulationDivergenceError(context.graph.name, bugs);
  }
  return {
    spec: context.spec,
    instance: context.instance,
    resources,
    manifests: resources.flatMap((resource) => resource.manifests),
    status: status.status,
    pending: status.pending,
    failedStatus: status.errors,
    ready: plan.ready && status.errors.length === 0,
    next: nextSteps(resources),
    documentedDifferences: documented,
  };
}

/**
 * Whether a status field (or a field under it) reads a resource that is not observed: KRO and direct mode
 * evaluate it with that read missing (an error unless `||`/`&&` decide without it), so it may be pending
 * while JavaScript computed a value without it.
 */
function waitsForUnobserved(graph: CompositionGraph, observed: ReadonlyMap<string, unknown>): (path: string) => boolean {
  const ids = new Set(graph.resources.map((resource) => resource.id));
  const leaves = exprLeaves(graph.status).map((leaf) => ({ path: leaf.path.join('.'), roots: referencedRoots(leaf.expr) }));
  return (path) =>
    leaves.some((leaf) => (leaf.path === path || leaf.path.startsWith(`${path}.`)) && leaf.roots.some((root) => ids.has(root) && !observed.has(root)));
}

/** Every string in plain data. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}
