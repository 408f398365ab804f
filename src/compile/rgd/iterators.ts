/**
 * forEach iterator names are TypeKro's choice, not the user's. The run names each iterator when the loop is
 * entered (util/cel-names `celVariableName`: reserved words, CEL's own names and the ids made so far are
 * avoided there, by identity of the iterator). What is left for the graph: an id made after the loop (a
 * later resource may take a loop variable's name; it cannot be read inside the loop, which ran before it
 * existed, so every such name in the loop's resource is the iterator) and two dimensions of one resource
 * with the same name. Then the iterator gets the first free `<name>Item`, `<name>Item2`, ... Renaming
 * happens on the graph, so the RGD, the instance and direct mode agree.
 */
import { E, macroVariables, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ForEachDimension, ResourceNode } from '../../ir/graph.js';
import { rewriteExpr, rewriteValue } from '../../ir/rewrite.js';
import { celVariableName } from '../../util/cel-names.js';

/**
 * The graph with every colliding iterator renamed in its resource (forEach, template, conditions).
 *
 * @example
 * // for (const worker of spec.workers) Deployment({ id: 'worker', name: worker.name, ... })
 * nameIterators(graph).resources[0].forEach[0].name // 'workerItem'
 */
export function nameIterators(graph: CompositionGraph): CompositionGraph {
  const ids = new Set(graph.resources.map((resource) => resource.id));
  let changed = false;
  const resources = graph.resources.map((resource) => {
    const renamed = renameIn(resource, ids);
    changed ||= renamed !== resource;
    return renamed;
  });
  return changed ? { ...graph, resources } : graph;
}

function renameIn(resource: ResourceNode, ids: ReadonlySet<string>): ResourceNode {
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  const forEach: ForEachDimension[] = resource.forEach.map((dimension) => {
    // The other dimensions keep their names where they can: a candidate must not be one of them either.
    const name = celVariableName(dimension.name, (n) => ids.has(n) || taken.has(n) || (n !== dimension.name && resource.forEach.some((d) => d.name === n)));
    taken.add(name);
    if (name !== dimension.name) renames.set(dimension.name, name);
    return name === dimension.name ? dimension : { ...dimension, name };
  });
  if (renames.size === 0) return resource;
  const rename = (expr: Expr): Expr => renameIdents(expr, renames);
  return {
    ...resource,
    forEach,
    ...(resource.template !== undefined ? { template: rewriteValue(resource.template, rename) } : {}),
    readyWhen: resource.readyWhen.map(rename),
    includeWhen: resource.includeWhen.map(rename),
  };
}

/** Renames free identifiers; a macro variable of the same name shadows the iterator in its body. */
export function renameIdents(expr: Expr, renames: ReadonlyMap<string, string>): Expr {
  return rewriteExpr(expr, (node) => {
    if (node.kind === 'ident') {
      const to = renames.get(node.name);
      return to ? E.ident(to) : node;
    }
    if (node.kind === 'raw' && node.refs.some((ref) => renames.has(ref))) {
      return E.raw(renameInCelText(node.cel, renames), node.refs.map((ref) => renames.get(ref) ?? ref), node.at);
    }
    return node;
  }, (node) => {
    if (node.kind !== 'macro' || !macroVariables(node).some((name) => renames.has(name))) return undefined;
    const inner = new Map(renames);
    for (const name of macroVariables(node)) inner.delete(name);
    return E.macro(node.macro, renameIdents(node.target, renames), node.variable, renameIdents(node.body, inner), node.index);
  });
}

/** `Cel.expr` text: rename identifier tokens outside string literals (never fields after a dot). */
function renameInCelText(cel: string, renames: ReadonlyMap<string, string>): string {
  return cel
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((segment, i) => (i % 2 === 1 ? segment : segment.replace(/(?<![.\w$])([A-Za-z_]\w*)(?!\w)/g, (word: string) => renames.get(word) ?? word)))
    .join('');
}
