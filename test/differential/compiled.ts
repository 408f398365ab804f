/**
 * The compiled side of the differential: what the direct runtime makes of a graph for one spec and one set
 * of observed objects, with the runtime's own pieces (prepared graph, CEL engine, `schema` and resource
 * variables, value resolution, status resolution). It follows the planner (src/runtime/engine/plan.ts)
 * decision for decision — includeWhen, a skipped dependency skips, forEach bindings, templates, readyWhen —
 * but evaluates every resource instead of waiting for its dependencies to be ready: waiting is scheduling,
 * and a resource whose inputs are not observed is `pending` here just as it would be once it is its turn.
 */
import type { Expr } from '../../src/ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../src/ir/graph.js';
import { exprLeaves } from '../../src/ir/value.js';
import { observedSchemas } from '../../src/model/observed-schema.js';
import { jsonToCel } from '../../src/runtime/cel/index.js';
import { resolveStatus, resolveValue, toJsonResult, type Resolved } from '../../src/runtime/engine/resolve.js';
import type { PreparedGraph } from '../../src/runtime/engine/prepared.js';
import type { InstanceIdentity, Observed } from '../../src/runtime/engine/types.js';
import { instanceVariables } from '../../src/runtime/engine/variables.js';

type Vars = Readonly<Record<string, unknown>>;

/** One item's readyWhen: `true` when every condition is true. */
export type CompiledReady = { readonly kind: 'value'; readonly value: boolean } | { readonly kind: 'pending' | 'error'; readonly reason: string };

export type CompiledResource =
  | { readonly state: 'excluded'; readonly reason: string }
  /**
   * `exprPaths`: where the template has expressions (`spec.ports[0].port`), the only places data can be missing;
   * `pendingPaths`: those of them that are pending (`[i].` before them in a collection), for field-by-field checks.
   */
  | { readonly state: 'pending'; readonly reason: string; readonly exprPaths: readonly string[]; readonly pendingPaths?: readonly string[] }
  | { readonly state: 'error'; readonly reason: string }
  | { readonly state: 'rendered'; readonly collection: boolean; readonly manifests: readonly unknown[]; readonly ready?: readonly (CompiledReady | undefined)[] }
  | { readonly state: 'external'; readonly target: Record<string, unknown> };

export interface CompiledEvaluation {
  readonly resources: ReadonlyMap<string, CompiledResource>;
  readonly status: Record<string, unknown>;
  readonly pendingStatus: readonly string[];
  readonly statusErrors: readonly string[];
}

export function evaluateCompiled(prepared: PreparedGraph, input: { spec: unknown; instance: InstanceIdentity; observed: Observed }): CompiledEvaluation {
  const vars = instanceVariables(prepared.graph, { ...input, readiness: 'kind', schemas: observedSchemas(prepared.graph) });
  const resources = new Map<string, CompiledResource>();
  for (const id of prepared.order) {
    const skipped = prepared.dependencies(id).find((dep) => resources.get(dep)?.state === 'excluded');
    const node = prepared.resource(id);
    const result: CompiledResource = skipped ? { state: 'excluded', reason: `depends on excluded "${skipped}"` } : evaluateNode(prepared, node, vars, input.observed);
    resources.set(id, result);
    // A collection resolved to no items is bound as an empty list, as KRO and the direct runtime bind it.
    if (result.state === 'rendered' && result.collection && result.manifests.length === 0 && !input.observed.has(id)) vars[id] = [];
  }
  const status = resolveStatus(prepared.graph.status, (expr) => prepared.evaluate(expr, vars));
  return { resources, status: status.status, pendingStatus: status.pending, statusErrors: status.errors };
}

function evaluateNode(prepared: PreparedGraph, node: ResourceNode, vars: Vars, observed: Observed): CompiledResource {
  const evaluate = (expr: Expr, extra: Vars = {}): Resolved => toJsonResult(prepared.evaluate(expr, { ...vars, ...extra }, node));
  for (const condition of node.includeWhen) {
    const result = evaluate(condition);
    if (result.kind === 'pending') return { state: 'pending', reason: `includeWhen: ${result.reason}`, exprPaths: [] };
    if (result.kind === 'error') return { state: 'error', reason: `includeWhen: ${result.message}` };
    if (result.value !== true) return { state: 'excluded', reason: 'includeWhen is false' };
  }
  if (node.externalRef) {
    const ref = node.externalRef;
    const target: Record<string, unknown> = { apiVersion: ref.apiVersion, kind: ref.kind };
    for (const key of ['name', 'namespace'] as const) {
      const value = ref[key];
      if (value === undefined) continue;
      const resolved = resolveValue(value, (expr) => prepared.evaluate(expr, vars, node));
      if (resolved.kind === 'pending') return { state: 'pending', reason: resolved.reason, exprPaths: [] };
      if (resolved.kind === 'error') return { state: 'error', reason: resolved.message };
      target[key] = resolved.value;
    }
    return { state: 'external', target };
  }
  let bindings: Vars[] = [{}];
  for (const dimension of node.forEach) {
    // CEL-native items, as the planner binds them.
    const result = prepared.evaluate(dimension.source, vars, node);
    if (result.kind === 'pending') return { state: 'pending', reason: `forEach ${dimension.name}: ${result.reason}`, exprPaths: [] };
    if (result.kind === 'error') return { state: 'error', reason: `forEach ${dimension.name}: ${result.message}` };
    if (!Array.isArray(result.value)) return { state: 'error', reason: `forEach "${dimension.name}" is not a list` };
    const items = result.value as unknown[];
    bindings = bindings.flatMap((outer) => items.map((item) => ({ ...outer, [dimension.name]: item })));
  }
  const manifests: unknown[] = [];
  const collection = node.forEach.length > 0;
  for (const binding of bindings) {
    const rendered = resolveValue(node.template ?? {}, (expr) => prepared.evaluate(expr, { ...vars, ...binding }, node));
    if (rendered.kind === 'pending') return { state: 'pending', reason: rendered.reason, exprPaths: exprPathsOf(node), pendingPaths: pendingPathsOf(node, bindings, collection, (expr, binding) => evaluate(expr, binding)) };
    if (rendered.kind === 'error') return { state: 'error', reason: rendered.message };
    manifests.push(rendered.value);
  }
  return { state: 'rendered', collection, manifests, ...(node.readyWhen.length > 0 ? { ready: readyWhen(node, observed, evaluate, collection) } : {}) };
}

/** Per observed item (the planner binds `each` in a collection); `undefined` where nothing is observed. */
function readyWhen(node: ResourceNode, observed: Observed, evaluate: (expr: Expr, extra?: Vars) => Resolved, collection: boolean): (CompiledReady | undefined)[] | undefined {
  const found = observed.get(node.id);
  if (found === undefined) return undefined;
  const items = (Array.isArray(found) ? found : [found]) as Record<string, unknown>[];
  return items.map((item) => {
    const extra = collection ? { each: jsonToCel(item) } : {};
    for (const condition of node.readyWhen) {
      const result = evaluate(condition, extra);
      if (result.kind === 'pending') return { kind: 'pending', reason: result.reason };
      if (result.kind === 'error') return { kind: 'error', reason: result.message };
      if (result.value !== true) return { kind: 'value', value: false };
    }
    return { kind: 'value', value: true };
  });
}

/** The template's expression paths that are pending, item by item (`[i].` before them in a collection). */
function pendingPathsOf(node: ResourceNode, bindings: readonly Vars[], collection: boolean, evaluate: (expr: Expr, extra: Vars) => Resolved): string[] {
  if (node.template === undefined) return [];
  return bindings.flatMap((binding, i) =>
    exprLeaves(node.template!).flatMap((leaf) => (evaluate(leaf.expr, binding).kind === 'pending' ? [`${collection ? `[${i}].` : ''}${pathText(leaf.path)}`] : [])),
  );
}

function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}

function exprPathsOf(node: ResourceNode): string[] {
  if (node.template === undefined) return [];
  return exprLeaves(node.template).map((leaf) => leaf.path.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key), ''));
}

export type { CompositionGraph };
