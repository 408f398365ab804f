/**
 * `kubernetesComposition`: define a custom Kubernetes API in TypeScript. The composition function runs
 * once, here, with typed references; its source is parsed once; the result is a frozen graph that every
 * output (RGD YAML, kro and direct factories) is derived from.
 */
import type { CompositionGraph } from '../ir/graph.js';
import { lastCoercions } from '../model/refs.js';
import { createRef } from '../model/refs.js';
import { loopHooks, withRun } from '../model/run.js';
import { schemaToCelType } from '../model/schema/index.js';
import type { Ref } from '../model/types.js';
import { buildGraph, valueContext } from './build-graph.js';
import { graphHeader, type CompositionDefinition, type CompositionOptions } from './definition.js';
import { CompositionRun } from './run.js';
import { locateComposition } from './source-site.js';
import { buildStatus } from './status.js';

/** The function that builds resources from the spec and returns the status. */
export type CompositionFunction<TSpec, TStatus> = (spec: Ref<TSpec>) => TStatus;

/** Runs a composition function once and returns its graph. */
export function defineGraph<TSpec, TStatus>(
  definition: CompositionDefinition,
  compose: CompositionFunction<TSpec, TStatus>,
  options: CompositionOptions = {},
  argumentIndex = 1,
): CompositionGraph {
  const header = graphHeader(definition, options);
  const source = locateComposition(argumentIndex);
  const run = new CompositionRun(source, schemaToCelType(header.spec));
  lastCoercions.length = 0;
  const spec = createRef({ root: { kind: 'schema' }, path: ['spec'] }, loopHooks) as Ref<TSpec>;
  const returned = withRun(run, () => compose(spec));
  if (returned instanceof Promise) {
    throw new TypeError(`composition "${definition.name}": the composition function must be synchronous (it returned a Promise)`);
  }
  run.makeSkippedCalls();
  const status = buildStatus(returned, run, valueContext(run, 'status'));
  return buildGraph(header, run, status);
}
