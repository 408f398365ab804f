/**
 * A one-resource graph around an observed object, for judging its readiness through the same paths a
 * deployment uses: the RGD compiler's readyWhen and direct mode's planner (single resource and collection).
 */
import { compileRgd } from '../../src/compile/rgd/index.js';
import { E } from '../../src/ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../src/ir/graph.js';
import type { SchemaNode } from '../../src/ir/schema.js';
import { exprValue } from '../../src/ir/value.js';

const spec: SchemaNode = { kind: 'struct', required: [], markers: {}, fields: { items: { kind: 'array', items: { kind: 'string', markers: {} }, markers: {} } } };

export const PROBE_ID = 'probe';

/** A graph with one resource of the object's kind; `collection` makes it a forEach over `spec.items`. */
export function probeGraph(object: { apiVersion: string; kind: string }, collection = false): CompositionGraph {
  const resource: ResourceNode = {
    id: PROBE_ID,
    apiVersion: object.apiVersion,
    kind: object.kind,
    template: { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: collection ? exprValue(E.ident('name')) : 'x' } },
    readyWhen: [],
    includeWhen: [],
    forEach: collection ? [{ name: 'name', source: E.path('schema', 'spec', 'items') }] : [],
    dependsOn: [],
  };
  return { name: 'probe', version: 'v1alpha1', group: 'test.typekro.dev', kind: 'Probe', scope: 'Namespaced', spec, status: {}, resources: [resource] };
}

/** The readyWhen the RGD gets for the probe resource, as CEL text without `${...}` (none: ready once it exists). */
export function rgdReadyWhen(graph: CompositionGraph): string[] {
  const rgd = compileRgd(graph) as { spec: { resources: { readyWhen?: string[] }[] } };
  return (rgd.spec.resources[0]!.readyWhen ?? []).map((text) => {
    const match = /^\$\{([\s\S]*)\}$/.exec(text);
    if (!match) throw new Error(`readyWhen is not a standalone expression: ${text}`);
    return match[1]!;
  });
}
