/**
 * forEach iterator names are TypeKro's choice, not the user's: the loop variable is used as is (the RGD
 * stays readable), unless KRO would reject it (it is a resource id, a reserved word, not lowerCamelCase,
 * or another dimension of the same resource has it). Then it gets the first free `<name>Item`,
 * `<name>Item2`, ... Renaming happens on the graph, so the RGD, the instance and direct mode agree.
 */
import { E, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ForEachDimension, ResourceNode } from '../../ir/graph.js';
import { rewriteExpr, rewriteValue } from '../../ir/rewrite.js';
import { RESERVED_WORDS, RESOURCE_ID } from './names.js';

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
    const name = usable(dimension.name, ids, taken) ? dimension.name : freeName(dimension.name, ids, taken, resource.forEach);
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

function usable(name: string, ids: ReadonlySet<string>, taken: ReadonlySet<string>): boolean {
  return RESOURCE_ID.test(name) && !RESERVED_WORDS.has(name) && !ids.has(name) && !taken.has(name);
}

function freeName(name: string, ids: ReadonlySet<string>, taken: ReadonlySet<string>, dimensions: readonly ForEachDimension[]): string {
  const camel = name.replace(/[^a-zA-Z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase());
  const base = `${RESOURCE_ID.test(camel) ? camel : 'loop'}Item`;
  const free = (candidate: string) => usable(candidate, ids, taken) && !dimensions.some((d) => d.name === candidate);
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}${n}`)) return `${base}${n}`;
}

/** Renames free identifiers; a macro variable of the same name shadows the iterator in its body. */
function renameIdents(expr: Expr, renames: ReadonlyMap<string, string>): Expr {
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
    if (node.kind !== 'macro' || !renames.has(node.variable)) return undefined;
    const inner = new Map(renames);
    inner.delete(node.variable);
    return E.macro(node.macro, renameIdents(node.target, renames), node.variable, renameIdents(node.body, inner));
  });
}

/** `Cel.expr` text: rename identifier tokens outside string literals (never fields after a dot). */
function renameInCelText(cel: string, renames: ReadonlyMap<string, string>): string {
  return cel
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((segment, i) => (i % 2 === 1 ? segment : segment.replace(/(?<![.\w$])([A-Za-z_]\w*)(?!\w)/g, (word: string) => renames.get(word) ?? word)))
    .join('');
}
