/**
 * `kubernetesComposition`: define a custom Kubernetes API in TypeScript. The composition function runs
 * once, here, with typed references; its source is parsed once; the result is a frozen graph that every
 * output (RGD YAML, kro and direct factories) is derived from.
 */
import { refusingRunValues } from './run-value-guard.js';
import { placeholderFailure } from './placeholder-errors.js';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { CompositionGraph } from '../ir/graph.js';
import { createRef, firstTrapRefusal, hasMarkers, throwTrapRefusal, refusingUnconsumedSpreads, withReferenceMarkers } from '../model/refs.js';
import { loopHooks, withRun } from '../model/run.js';
import { schemaToCelType } from '../model/schema/index.js';
import type { Ref } from '../model/types.js';
import { buildGraph, valueContext } from './build-graph.js';
import { graphHeader, type CompositionDefinition, type CompositionOptions } from './definition.js';
import { CompositionRun } from './run.js';
import { moduleValues } from './module-values.js';
import { locateComposition, type CompositionSource } from './source-site.js';
import { syntaxError } from '../analysis/errors.js';
import { buildStatus } from './status.js';
import { refuseDefinitionInRun } from '../model/outside.js';
import { TypeKroError } from '../util/errors.js';

/**
 * The instance a composition is deployed as, for reading its own metadata (compiled to `schema.metadata`):
 * `instance.metadata.name`, `namespace`, `uid`, `labels`, `annotations`.
 *
 * @example
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ 'note?': 'string' }), status: type({ ready: 'boolean' }) },
 *   (spec, instance) => {
 *     ConfigMap({ name: `${instance.metadata.name}-config`, data: { owner: instance.metadata.uid } });
 *     return { ready: true };
 *   },
 * );
 * app.toYaml().includes('${schema.metadata.uid}'); // => true
 */
export interface CompositionInstance {
  readonly metadata: Ref<V1ObjectMeta>;
}

/** The function that builds resources from the spec (and the instance's metadata) and returns the status. */
export type CompositionFunction<TSpec, TStatus> = (spec: Ref<TSpec>, instance: CompositionInstance) => TStatus;

/**
 * Runs a composition function once and returns its graph, and the function's source as located on the stack
 * (without the module's values), for the caller that re-runs it with plain values: locating it again would
 * capture the stack and re-read the file a second time per definition.
 */
export function defineGraph<TSpec, TStatus>(
  definition: CompositionDefinition,
  compose: CompositionFunction<TSpec, TStatus>,
  options: CompositionOptions = {},
  argumentIndex = 1,
): { readonly graph: CompositionGraph; readonly located: CompositionSource | undefined } {
  refuseDefinitionInRun(definition.name);
  const header = graphHeader(definition, options);
  const located = locateComposition(argumentIndex);
  const source = located && { ...located, observed: moduleValues(compose) };
  // Refused before it runs: the part of an async function after its first `await` would never be seen.
  if (source?.fn.async) throw notSynchronous(definition.name, source, 'it is async');
  const graph = withReferenceMarkers(() => {
    const run = new CompositionRun(source, schemaToCelType(header.spec));
    const spec = createRef({ root: { kind: 'schema' }, path: ['spec'] }, loopHooks) as Ref<TSpec>;
    const instance: CompositionInstance = { metadata: createRef({ root: { kind: 'schema' }, path: ['metadata'] }, loopHooks) as Ref<V1ObjectMeta> };
    const returned = withRun(run, () => {
      try {
        const value = refusingRunValues(() => compose(spec, instance));
        // A refusal a reference proxy threw stands even when the user's code caught it (`try { ... } catch {}`).
        throwTrapRefusal();
        return value;
      } catch (error) {
        throw placeholderFailure(firstTrapRefusal(spreadMayExplain(error)) ?? error, source?.fn);
      }
    });
    if (returned instanceof Promise) throw notSynchronous(definition.name, source, 'it returned a Promise');
    run.makeSkippedCalls();
    // A spread of a reference is right only in an object compiled from source (factory arguments, status).
    const status = refusingUnconsumedSpreads(() => buildStatus(returned, run, valueContext(run, 'status'), { name: header.name, ...(header.statusSchema && { schema: header.statusSchema }) }));
    return buildGraph(header, run, status);
  });
  return { graph, located };
}

/**
 * Whether a spread of a reference made before `error` (pending until an object compiled from source takes it)
 * may be its cause: not when a built-in names a reference it received (`Buffer.from(spec.s)`: the marker in
 * its message), which fails whatever keys a spread gave; the spread shown instead would be one the call
 * being built compiles (trial 18 F4, `labels: { ...spec.labels }` beside it).
 */
function spreadMayExplain(error: unknown): boolean {
  return !(error instanceof Error) || error instanceof TypeKroError || !hasMarkers(error.message);
}

/** The refusal of a composition function that is not synchronous, at the function when its source is known. */
function notSynchronous(name: string, source: CompositionSource | undefined, why: string): Error {
  const message = `composition "${name}": the composition function must be synchronous (${why})`;
  if (!source) return new TypeKroError('DEFINITION_INVALID', message);
  return syntaxError(
    source.fn,
    message,
    'remove `async` and return the status object itself: TypeKro runs the function once, synchronously, when the composition is defined; await what you need before defining it and pass it in as a constant',
  );
}
