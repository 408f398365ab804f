/**
 * Reads that can never succeed. KRO's type check rejects an RGD reading a field its resource's schema does
 * not declare (`undefined field`); evaluated, such a read only ever says "no such key", which is data
 * pending, so direct mode would wait for it until the deadline. When a resource waits for data, the planner
 * asks this module whether what it reads can ever appear, and fails at once when it cannot.
 */
import type { Expr } from '../../ir/expr.js';
import type { ResourceNode } from '../../ir/graph.js';
import { rewriteExpr, selectPath } from '../../ir/rewrite.js';
import { exprLeaves } from '../../ir/value.js';
import { impossibleRead, type OpenApiSchema } from '../cel/index.js';
import type { PreparedGraph } from './prepared.js';
import type { PlanInput } from './types.js';

/**
 * Why `resource` reads a field of an observed object that its schema rules out (in its template,
 * includeWhen, forEach or readyWhen), or `undefined`. Only resources with a schema in `input.schemas` are
 * checked; optional reads (`.?f`) and `has()` tests are not reads that wait.
 *
 * @example
 * ```ts
 * impossibleReads(prepared, prepared.resource('config'), input);
 * // 'reads deployment.spec.replica, which can never be present: "spec" has no field "replica" in its schema (...) (apps/v1 Deployment)'
 * ```
 */
export function impossibleReads(prepared: PreparedGraph, resource: ResourceNode, input: Pick<PlanInput, 'schemas'>): string | undefined {
  const schemas = input.schemas;
  if (!schemas || schemas.size === 0) return undefined;
  const roots = new Map<string, { schema: OpenApiSchema; of: ResourceNode }>();
  for (const [id, schema] of schemas) {
    const of = prepared.resource(id);
    roots.set(id, { schema: of.forEach.length > 0 ? { type: 'array', items: schema } : schema, of });
  }
  const own = schemas.get(resource.id);
  if (own && resource.forEach.length > 0) roots.set('each', { schema: own, of: resource });
  const exprs: Expr[] = [
    ...(resource.template !== undefined ? exprLeaves(resource.template).map((leaf) => leaf.expr) : []),
    ...resource.includeWhen,
    ...resource.forEach.map((dimension) => dimension.source),
    ...resource.readyWhen,
  ];
  for (const expr of exprs) {
    const problem = firstImpossible(expr, roots);
    if (problem) return problem;
  }
  return undefined;
}

function firstImpossible(expr: Expr, roots: ReadonlyMap<string, { schema: OpenApiSchema; of: ResourceNode }>): string | undefined {
  let found: string | undefined;
  rewriteExpr(
    expr,
    (node) => node,
    (node) => {
      if (found !== undefined) return node;
      // has(x.f) tests presence; it never waits.
      if (node.kind === 'call' && node.fn === 'has') return node;
      if (node.kind !== 'select') return undefined;
      for (const [root, { schema, of }] of roots) {
        const chain = selectPath(node, root);
        if (!chain) continue;
        const firstOptional = chain.optional.indexOf(true);
        const path = firstOptional < 0 ? chain.path : chain.path.slice(0, firstOptional);
        const reason = impossibleRead(schema, path);
        if (reason) found = `reads ${[root, ...path].join('.')}, which can never be present: ${reason} (${of.apiVersion} ${of.kind})`;
        return node;
      }
      return undefined;
    },
  );
  return found;
}
