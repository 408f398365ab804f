/** The CEL variables of an instance: `schema` (the instance without status) and each observed resource. */
import type { CompositionGraph } from '../../ir/graph.js';
import { jsonToCel, specToCel } from '../cel/index.js';
import type { PlanInput } from './types.js';

/**
 * `schema` as KRO exposes it: apiVersion, kind, metadata and the spec typed by the composition's schema.
 * Direct mode has no instance object, so only `metadata.name` and `metadata.namespace` exist (KRO also has
 * uid, labels... there; reading them here stays pending).
 */
export function schemaVariable(graph: CompositionGraph, input: Pick<PlanInput, 'spec' | 'instance'>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: input.instance.name };
  if (graph.scope !== 'Cluster' && input.instance.namespace !== undefined) metadata.namespace = input.instance.namespace;
  return {
    apiVersion: `${graph.group}/${graph.version}`,
    kind: graph.kind,
    metadata,
    spec: specToCel(graph.spec, input.spec ?? {}),
  };
}

/**
 * CEL forms of observed objects, by object identity: the planner runs after every watch event, and the
 * driver replaces an object (never mutates it) when it changes, so each one is converted once.
 */
const celForms = new WeakMap<object, unknown>();

function celOf(object: object): unknown {
  let converted = celForms.get(object);
  if (converted === undefined) {
    converted = jsonToCel(object);
    celForms.set(object, converted);
  }
  return converted;
}

/** `schema` plus every observed resource by id (a collection is a list). */
export function instanceVariables(graph: CompositionGraph, input: PlanInput): Record<string, unknown> {
  const variables: Record<string, unknown> = { schema: schemaVariable(graph, input) };
  for (const [id, object] of input.observed) variables[id] = Array.isArray(object) ? object.map((item: object) => celOf(item)) : celOf(object);
  return variables;
}
