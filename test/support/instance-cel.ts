/**
 * The CEL of a graph that KRO's cel-go can evaluate on a spec alone (tools/cel-oracle), and the OpenAPI
 * schema KRO types `schema.spec` by: shared by the *.go tests that hold compiled graphs to cel-go.
 */
import { printCel } from '../../src/compile/cel/print.js';
import type { CompositionGraph } from '../../src/ir/graph.js';
import type { SchemaNode } from '../../src/ir/schema.js';
import { exprLeaves, type Value } from '../../src/ir/value.js';
import { referencedRoots } from '../../src/ir/expr.js';
import type { OpenApiSchema } from '../cel/vectors.js';

/** The OpenAPI schema KRO derives for a spec schema (the parts generated specs use). */
export function openApiOf(node: SchemaNode): OpenApiSchema {
  switch (node.kind) {
    case 'string':
    case 'boolean':
    case 'integer':
      return { type: node.kind };
    case 'float':
      return { type: 'number' };
    case 'array':
      return { type: 'array', items: openApiOf(node.items) };
    case 'struct':
      return { type: 'object', properties: Object.fromEntries(Object.entries(node.fields).map(([k, v]) => [k, openApiOf(v)])), required: [...node.required] };
    case 'map':
      return { type: 'object', additionalProperties: openApiOf(node.values) };
    case 'object':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } as OpenApiSchema;
  }
}

/** CEL text of every expression of the graph that reads the instance only (no resource, iterator or `self`). */
export function instanceExpressions(graph: CompositionGraph): string[] {
  const values: Value[] = [graph.status, ...graph.resources.filter((r) => r.forEach.length === 0).map((r) => r.template ?? null)];
  const exprs = [...values.flatMap((value) => exprLeaves(value).map((leaf) => leaf.expr)), ...graph.resources.flatMap((r) => [...r.includeWhen, ...r.forEach.map((d) => d.source)])];
  return exprs.filter((expr) => referencedRoots(expr).every((root) => root === 'schema')).map((expr) => printCel(expr));
}
