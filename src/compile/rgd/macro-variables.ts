/**
 * A comprehension variable TypeKro chose (`[v].map(x, ...)`, a readiness rule's `.filter(c, ...)`) may be a
 * resource's id too, read in the macro's range. CEL scopes it to the macro's body, so both engines evaluate such a macro right, but
 * KRO's dependency finder (v0.9.4 `pkg/cel/ast/inspector.go`) takes the variable as bound before it reads
 * the macro's range: a read of the resource `x` in `[x.status.a].map(x, ...)` is not a dependency, and KRO
 * neither orders the resource first nor gives the expression its object. So such a variable is renamed
 * (`x` → `xItem`) on the graph, for the RGD and direct mode alike.
 */
import { E, exprChildren, macroVariables, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprsOf } from '../../ir/value.js';
import { rewriteExpr, rewriteValue } from '../../ir/rewrite.js';
import { celVariableName } from '../../util/cel-names.js';
import { renameIdents } from './iterators.js';

/**
 * The graph with every comprehension variable renamed that is also the id of a resource its range reads.
 *
 * @example
 * // const x = customResource(...); return { v: (x.status.a as { b?: string })?.b ?? 'none' }
 * nameMacroVariables(graph).status // { v: '${... [x.?status.?a.orValue(dyn({}))].map(xItem, ...)[0] ...}' }
 */
export function nameMacroVariables(graph: CompositionGraph): CompositionGraph {
  const ids = new Set(graph.resources.map((resource) => resource.id));
  if (!graphExprs(graph).some((expr) => clashes(expr, ids))) return graph;
  const rename = (expr: Expr): Expr => withoutIds(expr, ids);
  return {
    ...graph,
    status: rewriteValue(graph.status, rename),
    resources: graph.resources.map((resource): ResourceNode => ({
      ...resource,
      ...(resource.template !== undefined ? { template: rewriteValue(resource.template, rename) } : {}),
      readyWhen: resource.readyWhen.map(rename),
      includeWhen: resource.includeWhen.map(rename),
      forEach: resource.forEach.map((dimension) => ({ ...dimension, source: rename(dimension.source) })),
    })),
  };
}

function graphExprs(graph: CompositionGraph): Expr[] {
  const exprs = exprsOf(graph.status);
  for (const resource of graph.resources) {
    if (resource.template !== undefined) exprsOf(resource.template, exprs);
    exprs.push(...resource.readyWhen, ...resource.includeWhen, ...resource.forEach.map((dimension) => dimension.source));
  }
  return exprs;
}

/** The variables of a macro named as a resource its range reads: KRO's finder misses that read. */
function clashingVariables(node: Extract<Expr, { kind: 'macro' }>, ids: ReadonlySet<string>): string[] {
  const named = macroVariables(node).filter((name) => ids.has(name));
  if (named.length === 0) return named;
  const read = identifiers(node.target);
  return named.filter((name) => read.has(name));
}

/** Whether a macro in `expr` binds a variable named as a resource its range reads. */
function clashes(expr: Expr, ids: ReadonlySet<string>): boolean {
  if (expr.kind === 'macro' && clashingVariables(expr, ids).length > 0) return true;
  return exprChildren(expr).some((child) => clashes(child, ids));
}

function withoutIds(expr: Expr, ids: ReadonlySet<string>): Expr {
  return rewriteExpr(expr, (node) => node, (node) => {
    if (node.kind !== 'macro') return undefined;
    const clashing = clashingVariables(node, ids);
    if (clashing.length === 0) return undefined;
    const taken = new Set([...ids, ...macroVariables(node), ...identifiers(node.body)]);
    const renames = new Map<string, string>();
    for (const name of clashing) {
      const to = celVariableName(name, (candidate) => taken.has(candidate));
      taken.add(to);
      renames.set(name, to);
    }
    const body = withoutIds(renameIdents(node.body, renames), ids);
    const index = node.index === undefined ? undefined : (renames.get(node.index) ?? node.index);
    return E.macro(node.macro, withoutIds(node.target, ids), renames.get(node.variable) ?? node.variable, body, index);
  });
}

/** Every identifier in `expr` (free or bound): a new name must not capture or be captured by one. */
function identifiers(expr: Expr, names = new Set<string>()): Set<string> {
  if (expr.kind === 'ident') names.add(expr.name);
  if (expr.kind === 'raw') for (const ref of expr.refs) names.add(ref);
  if (expr.kind === 'macro') for (const name of macroVariables(expr)) names.add(name);
  for (const child of exprChildren(expr)) identifiers(child, names);
  return names;
}
