/**
 * Whether a graph reads the instance's labels or annotations (`schema.metadata.labels`, `.annotations`, or the
 * metadata whole): pure, so that defining a composition can ask it without loading a cluster client. Kro mode
 * asks it to reconcile a redeploy that changes only them (runtime/kro/relabel.ts) and to check the annotations
 * KRO would carry into a resource (api/kro-strings.ts).
 */
import type { CompositionGraph } from './graph.js';
import { rewriteExpr, selectPath } from './rewrite.js';
import { exprLeaves } from './value.js';
import { readsInstanceMetadataMaps, schemaPathsInText } from './schema-text-reads.js';

/**
 * True when an expression of the graph reads the instance's labels or annotations (with `only`, its
 * annotations): only then does a change of them need KRO to reconcile, or an annotation reach KRO's encoder.
 *
 * @example
 * ```ts
 * readsInstanceLabels(graph); // => true for a status `team: instance.metadata.labels?.team ?? 'none'`
 * ```
 */
export function readsInstanceLabels(graph: CompositionGraph, only?: 'annotations'): boolean {
  // `only`: the annotations alone (a path into the labels does not count; the metadata whole does).
  const reads = (path: readonly string[]): boolean => readsInstanceMetadataMaps(path) && (only === undefined || path.length < 2 || path[1] === only);
  let found = false;
  const scan = (expr: Parameters<typeof rewriteExpr>[0]): void => {
    rewriteExpr(expr, (node) => {
      // CEL written by hand (`Cel.expr('schema.metadata.labels.team')`) is text: its reads are found in it. A
      // parsed chain is asked at each of its nodes, so only from `schema.metadata.<map>` on (not at `schema`).
      const chain = selectPath(node, 'schema')?.path;
      if (node.kind === 'raw' ? schemaPathsInText(node.cel, 2).some(reads) : chain !== undefined && chain.length >= 2 && reads(chain)) found = true;
      return node;
    });
  };
  for (const leaf of exprLeaves(graph.status)) scan(leaf.expr);
  for (const resource of graph.resources) {
    if (resource.template !== undefined) for (const leaf of exprLeaves(resource.template)) scan(leaf.expr);
    for (const expr of [...resource.includeWhen, ...resource.readyWhen, ...resource.forEach.map((d) => d.source)]) scan(expr);
    if (found) return true;
  }
  return found;
}
