/**
 * The planner: KRO's reconcile decisions as a pure function of (graph, spec, observed objects). Walks the
 * resources in dependency order; a resource is rendered only when every dependency is ready (a skipped
 * dependency skips it), so the driver can apply each one as soon as its own inputs are there.
 */
import type { ReadinessExprs } from '../../compile/readiness/index.js';
import type { Expr } from '../../ir/expr.js';
import type { ResourceNode } from '../../ir/graph.js';
import type { Value } from '../../ir/value.js';
import type { PreparedGraph } from './prepared.js';
import type { EvalResult } from '../cel/index.js';
import { checkDistinctObjects, type RenderedObject } from './distinct-objects.js';
import { impossibleReads } from './reads.js';
import { readyWhenReadiness } from './ready-when.js';
import { resolveValue, toJsonResult, withOrigin, type LeafEvaluator, type Resolved } from './resolve.js';
import { readsOnlySpec, settledBySpec } from './spec-only.js';
import { ruleReadiness } from './readiness.js';
import type { InstancePlan, KubeObject, NodePlan, PlanInput, Readiness } from './types.js';
import { instanceVariables, observedCel, schemaVariable } from './variables.js';

type Vars = Readonly<Record<string, unknown>>;

/**
 * @example
 * ```ts
 * const plan = planInstance(prepared, { spec, instance: { name: 'web', namespace: 'default' }, observed: new Map() });
 * plan.nodes.get('deployment'); // { state: 'apply', manifests: [...], ready: false, ... }
 * ```
 * @throws DuplicateObjectError (SPEC_INVALID) when two rendered objects name the same object: every consumer
 * of a plan (deploy, plan, status, offline rendering, simulate) refuses it with this one message.
 */
export function planInstance(prepared: PreparedGraph, input: PlanInput, cache?: PlanCache): InstancePlan {
  let variables: Vars | undefined;
  const nodes = new Map<string, NodePlan>();
  // Every decision kept from the last call, and that call's objects were distinct: nothing to check again.
  let kept = cache?.distinct === true;
  for (const id of prepared.order) {
    // A node's decision depends only on its dependencies' decisions and objects and on its own object.
    const key = cache ? [input.observed.get(id), ...prepared.dependencies(id).flatMap((dep) => [nodes.get(dep), input.observed.get(dep)])] : [];
    const hit = cache?.entries.get(id);
    if (hit && hit.key.length === key.length && hit.key.every((part, i) => part === key[i])) {
      nodes.set(id, hit.plan);
      continue;
    }
    variables ??= instanceVariables(prepared.graph, input);
    const plan = neverPending(prepared, planNode(prepared, prepared.resource(id), variables, nodes, input), input);
    nodes.set(id, plan);
    cache?.entries.set(id, { key, plan });
    kept = false;
  }
  if (!kept) {
    if (cache) cache.distinct = false;
    checkDistinctObjects(renderedObjects(nodes), input.instance.namespace);
    if (cache) cache.distinct = true;
  }
  return { order: prepared.order, nodes, ready: [...nodes.values()].every((n) => n.ready) };
}

function* renderedObjects(nodes: ReadonlyMap<string, NodePlan>): Generator<RenderedObject> {
  for (const node of nodes.values()) if (node.state === 'apply') for (const manifest of node.manifests) yield { resourceId: node.id, manifest };
}

/**
 * Decisions of earlier rounds, for {@link planInstance} called again and again while objects change: a node
 * whose own object and whose dependencies' decisions and objects are the same objects as last time keeps
 * its decision. Valid for one spec, instance and readiness mode; observed objects must be replaced, never
 * mutated.
 */
export interface PlanCache {
  readonly entries: Map<string, { readonly key: readonly unknown[]; readonly plan: NodePlan }>;
  /** The last plan's rendered objects were checked distinct (a plan that kept every decision needs no check). */
  distinct: boolean;
}

export function createPlanCache(): PlanCache {
  return { entries: new Map(), distinct: false };
}

/**
 * The readiness of one resource from `input.observed` alone (the driver asks this on every watch event).
 * `desired` is the number of objects rendered (1, or the collection size); `firstItem` is the index of the
 * first observed item in the whole collection, for reasons (`item 2: ...`) when one item is checked alone.
 */
export function resourceReadiness(prepared: PreparedGraph, id: string, desired: number, input: PlanInput, firstItem = 0): Readiness {
  return readinessOf(prepared, prepared.resource(id), desired, input, resourceVariables(prepared, id, input), firstItem);
}

/**
 * {@link scopeOf} without building the variables of every resource first: asked on every watch event, the
 * whole map was a copy of every observed object per event (quadratic garbage at 1,000 resources).
 */
function resourceVariables(prepared: PreparedGraph, id: string, input: PlanInput): Vars {
  const scope: Record<string, unknown> = { schema: schemaVariable(prepared.graph, input) };
  for (const name of [id, ...prepared.dependencies(id)]) {
    const object = input.observed.get(name);
    if (object !== undefined) scope[name] = Array.isArray(object) ? object.map((item: object) => observedCel(input, name, item)) : observedCel(input, name, object);
  }
  return scope;
}

/**
 * The variables a resource's expressions can read: `schema`, its dependencies and itself (its references
 * are what make its dependencies). Evaluating with all observed resources would copy a map of every
 * resource for each expression: quadratic in the graph's size (measured at 1,000 resources).
 */
function scopeOf(prepared: PreparedGraph, id: string, all: Vars): Vars {
  const scope: Record<string, unknown> = { schema: all.schema };
  for (const name of [id, ...prepared.dependencies(id)]) if (name in all) scope[name] = all[name];
  return scope;
}

function planNode(prepared: PreparedGraph, resource: ResourceNode, all: Vars, nodes: ReadonlyMap<string, NodePlan>, input: PlanInput): NodePlan {
  const id = resource.id;
  const deps = prepared.dependencies(id);
  const vars = scopeOf(prepared, id, all);
  const skipped = deps.find((dep) => nodes.get(dep)?.state === 'skipped');
  if (skipped) return { id, state: 'skipped', reason: `depends on skipped resource "${skipped}"`, ready: true };
  const waitingOn = deps.filter((dep) => !nodes.get(dep)?.ready);
  if (waitingOn.length > 0) {
    return { id, state: 'waiting', on: waitingOn, reason: `waiting for ${waitingOn.map((d) => `"${d}"`).join(', ')} to be ready`, ready: false };
  }
  const included = checkIncludeWhen(resource, (expr) => withOrigin(toJsonResult(settledBySpec(prepared.evaluate(expr, vars, resource), expr)), expr, 'includeWhen'));
  if (included !== true) return included.kind === 'skip' ? { id, state: 'skipped', reason: included.reason, ready: true } : failed(id, included);
  if (resource.externalRef) return planExternal(resource, (expr) => prepared.evaluate(expr, vars, resource), input);
  const bindings = expandForEach(resource, (expr) => settledBySpec(prepared.evaluate(expr, vars, resource), expr));
  if (!Array.isArray(bindings)) return failed(id, bindings);
  // The items of a list the spec alone gives are as fixed as the spec.
  const fixed = new Set(resource.forEach.filter((dimension) => readsOnlySpec(dimension.source)).map((dimension) => dimension.name));
  const manifests: KubeObject[] = [];
  for (const binding of bindings) {
    // One scope per item, not per expression: `vars` holds every resource, and copying it for each
    // expression made planning quadratic in the graph size.
    const scope = Object.keys(binding).length > 0 ? { ...vars, ...binding } : vars;
    const rendered = resolveValue(resource.template ?? {}, (expr) => settledBySpec(prepared.evaluate(expr, scope, resource), expr, fixed));
    if (rendered.kind !== 'value') return failed(id, rendered);
    manifests.push(rendered.value as KubeObject);
  }
  const readiness = readinessOf(prepared, resource, manifests.length, input, vars);
  return { id, state: 'apply', manifests, collection: resource.forEach.length > 0, ready: readiness.ready, readiness };
}

/** A resource waiting for a read its schema rules out would wait forever: it fails at once instead. */
function neverPending(prepared: PreparedGraph, plan: NodePlan, input: PlanInput): NodePlan {
  if (plan.state !== 'pending') return plan;
  const problem = impossibleReads(prepared, prepared.resource(plan.id), input);
  return problem ? { id: plan.id, state: 'error', message: problem, ready: false } : plan;
}

function failed(id: string, result: Exclude<Resolved, { kind: 'value' }>): NodePlan {
  return result.kind === 'pending'
    ? { id, state: 'pending', reason: result.reason, ready: false }
    : { id, state: 'error', message: result.message, ready: false, ...(result.origin ? { origin: result.origin } : {}) };
}

type Inclusion = true | { kind: 'skip'; reason: string } | Exclude<Resolved, { kind: 'value' }>;

/** All includeWhen conditions must be true; an optional result counts by its value (none is false). */
function checkIncludeWhen(resource: ResourceNode, evaluate: (expr: Expr) => Resolved): Inclusion {
  for (const condition of resource.includeWhen) {
    const result = evaluate(condition);
    if (result.kind !== 'value') return result;
    if (typeof result.value !== 'boolean' && result.value !== null) {
      return { kind: 'error', message: `includeWhen must be a bool, got ${JSON.stringify(result.value)}` };
    }
    if (result.value !== true) return { kind: 'skip', reason: 'includeWhen is false' };
  }
  return true;
}

/** One variable binding per item; several dimensions give their cartesian product, the first outermost. */
function expandForEach(resource: ResourceNode, evaluate: (expr: Expr) => EvalResult): Vars[] | Exclude<Resolved, { kind: 'value' }> {
  let bindings: Vars[] = [{}];
  for (const dimension of resource.forEach) {
    const result = withOrigin(evaluate(dimension.source), dimension.source, `forEach "${dimension.name}"`);
    if (result.kind !== 'value') return result;
    if (!Array.isArray(result.value)) return { kind: 'error', message: `forEach "${dimension.name}" must be a list` };
    const items = result.value as unknown[];
    bindings = bindings.flatMap((outer) => items.map((item) => ({ ...outer, [dimension.name]: item })));
  }
  return bindings;
}

function planExternal(resource: ResourceNode, evaluate: LeafEvaluator, input: PlanInput): NodePlan {
  const ref = resource.externalRef!;
  const resolveText = (value: Value | undefined): Resolved => (value === undefined ? { kind: 'value', value: undefined } : resolveValue(value, evaluate));
  const name = resolveText(ref.name);
  if (name.kind !== 'value') return failed(resource.id, name);
  const namespace = resolveText(ref.namespace);
  if (namespace.kind !== 'value') return failed(resource.id, namespace);
  const ns = typeof namespace.value === 'string' ? namespace.value : input.instance.namespace;
  const target = { apiVersion: ref.apiVersion, kind: ref.kind, name: String(name.value ?? ''), ...(ns ? { namespace: ns } : {}) };
  const exists = input.observed.has(resource.id);
  const readiness: Readiness = exists ? { ready: true, reason: 'ready' } : { ready: false, reason: `waiting for external ${ref.kind} ${target.name} to exist` };
  return { id: resource.id, state: 'external', target, ready: readiness.ready, readiness };
}

/**
 * readyWhen (all true; pending is not ready) when the resource has it, else its kind's rule (the same CEL
 * the RGD gets as default readyWhen). A collection is ready when every desired item is observed and each
 * passes, with `each` bound to the item.
 */
function readinessOf(prepared: PreparedGraph, resource: ResourceNode, desired: number, input: PlanInput, vars: Vars, firstItem = 0): Readiness {
  const observed = input.observed.get(resource.id);
  if (observed === undefined) return { ready: false, reason: 'not created yet' };
  const items = (Array.isArray(observed) ? observed : [observed]) as KubeObject[];
  if (items.length < desired) return { ready: false, reason: `${items.length}/${desired} items created` };
  const judge = objectJudge(prepared, resource, input, vars, firstItem);
  // The first item not ready decides: judging the rest would only cost time while the planner waits.
  for (const [i, item] of items.entries()) {
    const readiness = judge(item, i);
    if (!readiness.ready) return readiness;
  }
  return { ready: true, reason: 'ready' };
}

/**
 * Judges one observed object of `resource` alone: a collection item with `each` bound to it, its reason
 * numbered (`item 2: ...`, counting from `firstItem`). Each item's verdict is its own, never its neighbour's.
 */
function objectJudge(prepared: PreparedGraph, resource: ResourceNode, input: PlanInput, vars: Vars, firstItem: number): (item: KubeObject, index: number) => Readiness {
  if ((input.readiness ?? 'kind') === 'exists') return () => ({ ready: true, reason: 'exists' });
  const collection = Array.isArray(input.observed.get(resource.id));
  const rule = prepared.readinessRule(resource.id);
  return (item, index) => {
    const scope = collection ? { ...vars, each: observedCel(input, resource.id, item) } : vars;
    const evaluate = (expr: Expr): EvalResult => prepared.evaluate(expr, scope, resource);
    const readiness = resource.readyWhen.length > 0 ? withRuleFailure(readyWhenReadiness(prepared, resource, evaluate, input), rule, evaluate) : rule ? ruleReadiness(rule, evaluate) : { ready: true, reason: 'ready' };
    return readiness.ready || !collection ? readiness : { ...readiness, reason: `item ${firstItem + index}: ${readiness.reason}` };
  };
}

/**
 * The readiness of each observed object of one resource, each judged alone (`status` rows: one per object),
 * and of the resource as a whole (the deploy's verdict: every desired object observed and ready).
 *
 * @example
 * ```ts
 * const { objects, overall } = objectsReadiness(prepared, 'cms', 2, input);
 * objects.map((r) => r.ready); // => [true, false]
 * overall.reason; // => 'item 1: readyWhen is false: `!has(each.data.v) || each.data.v != "bad"` with data.v = "bad"'
 * ```
 */
export function objectsReadiness(prepared: PreparedGraph, id: string, desired: number, input: PlanInput): { objects: Readiness[]; overall: Readiness } {
  const resource = prepared.resource(id);
  const observed = input.observed.get(id);
  const items = (observed === undefined ? [] : Array.isArray(observed) ? observed : [observed]) as KubeObject[];
  const judge = objectJudge(prepared, resource, input, resourceVariables(prepared, id, input), 0);
  const objects = items.map((item, i) => judge(item, i));
  const overall: Readiness =
    observed === undefined ? { ready: false, reason: 'not created yet' }
    : items.length < desired ? { ready: false, reason: `${items.length}/${desired} items created` }
    : (objects.find((readiness) => !readiness.ready) ?? { ready: true, reason: 'ready' });
  return { objects, overall };
}

/** A user's readyWhen decides readiness, but the kind rule's terminal failure (a Stalled HelmRelease) still ends the wait. */
function withRuleFailure(readiness: Readiness, rule: ReadinessExprs | undefined, evaluate: (expr: Expr) => EvalResult): Readiness {
  if (readiness.ready || !rule) return readiness;
  const kind = ruleReadiness(rule, evaluate);
  return kind.failed ? kind : readiness;
}
