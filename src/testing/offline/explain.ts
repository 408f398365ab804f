/**
 * Which compiled expression a differing leaf came from, and whether a documented operation in it explains
 * the difference (documented.ts `documentedOperation`): the cross-check's `explain` for `simulate`.
 */
import type { Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprLeaves, type Value } from '../../ir/value.js';
import type { PlanInput, PreparedGraph } from '../../runtime/engine/index.js';
import { instanceVariables } from '../../runtime/engine/variables.js';
import { documentedOperation } from './documented.js';

/** A leaf path as the cross-check's report writes it: `a.b`, `spec.ports[0].port`. */
function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step), '');
}

/** The expression whose value holds `path` (the leaf itself, or a leaf whose object or list holds it). */
function leafAt(value: Value | undefined, path: string): Expr | undefined {
  if (value === undefined) return undefined;
  const leaves = exprLeaves(value).map((leaf) => ({ text: pathText(leaf.path), expr: leaf.expr }));
  return leaves.find((leaf) => leaf.text === path || path.startsWith(`${leaf.text}.`) || path.startsWith(`${leaf.text}[`) || leaf.text === '')?.expr;
}

/**
 * The explainer for one instance: evaluates parts of the compiled expression with the same variables the
 * planner used (a part that reads a forEach item cannot be evaluated alone: not explained, so it still fails).
 * @example graph.explain = documentedExplainer(context.graph, context.prepared, input);
 */
export function documentedExplainer(graph: CompositionGraph, prepared: PreparedGraph, input: PlanInput, show: (text: string) => string): (resource: string | undefined, path: string) => string | undefined {
  const variables = instanceVariables(graph, input);
  return (id, path) => {
    const owner: ResourceNode | undefined = id === undefined ? undefined : graph.resources.find((resource) => resource.id === id);
    // A manifest path starts with the object's index in the resource's list of manifests.
    const expr = id === undefined ? leafAt(graph.status, path) : leafAt(owner?.template, path.replace(/^\[\d+\]\.?/, ''));
    if (!expr) return undefined;
    return documentedOperation(
      expr,
      (part) => {
        const result = prepared.evaluate(part, variables, owner);
        return result.kind === 'value' ? result.value : undefined;
      },
      show,
    );
  };
}
