/**
 * What `render` and `simulate` share: the composition's validated spec, the instance they are rendered for,
 * and the graph prepared with the runtime's CEL engine (the same one direct mode plans with).
 */
import type { Composition } from '../../api/composition.js';
import { checkedInstance } from '../../api/spec.js';
import { redactorFor } from '../../api/sensitive.js';
import { checkNamespaceName } from '../../api/validate-input.js';
import { concreteSourceOf, DerivedKey, derivedValue } from '../../composition/concrete-source.js';
import type { CompositionDefinition } from '../../composition/definition.js';
import type { CompositionGraph } from '../../ir/graph.js';
import { createCelEngine } from '../../runtime/cel/index.js';
import type { OpenApiSchema } from '../../ir/openapi.js';
import { observedSchemas } from '../../model/observed-schema.js';
import { checkObjectNames, prepareGraph, type InstanceIdentity, type KubeObject, type Ownership, type PreparedGraph } from '../../runtime/engine/index.js';
import { TypeKroError } from '../../util/errors.js';

import type { InstanceOptions } from '../../api/evaluate.js';

export type { InstanceOptions };

/** Everything one render or simulation works from. */
export interface TestContext {
  readonly graph: CompositionGraph;
  readonly definition: CompositionDefinition;
  /** The spec after validation, with schema defaults applied. */
  readonly spec: unknown;
  readonly instance: InstanceIdentity;
  readonly owner: Ownership;
  readonly prepared: PreparedGraph;
  /**
   * The schema each observed resource is typed by (of one item for a collection), as direct mode reads it
   * from the API server and KRO types it: the compiled CEL sees a Secret's `data` as bytes offline too.
   */
  readonly schemas: ReadonlyMap<string, OpenApiSchema>;
}

/**
 * The composition's prepared graph: preparing (dependency order, readiness rules) and compiling the CEL
 * programs cost far more than planning, and a test renders and simulates one composition many times. It is
 * derived from the frozen graph alone (programs are pure), so sharing it changes no result; it is kept on
 * the composition object, so no module-level state grows with the compositions a process renders.
 */
const PREPARED = new DerivedKey<PreparedGraph>('prepared graph');

/** The resources' schemas, derived from the frozen graph and the models alone, kept like the prepared graph. */
const SCHEMAS = new DerivedKey<ReadonlyMap<string, OpenApiSchema>>('observed schemas');

/**
 * Validates the spec (SpecValidationError names each field), the instance name and the namespace, by the
 * checks every factory and deploy runs (a spec or name a deploy refuses is refused here, with its message),
 * and prepares the graph.
 */
export function testContext<TSpec, TStatus>(composition: Composition<TSpec, TStatus>, spec: TSpec, options: InstanceOptions, caller: string): TestContext {
  const source = concreteSourceOf(composition);
  if (!source) throw new TypeKroError('USAGE', `${caller} takes a composition made by kubernetesComposition or toResourceGraph (got ${describe(composition)})`);
  const graph = composition.graph;
  if (options.namespace !== undefined) checkNamespaceName(options.namespace);
  const { spec: checked, name } = checkedInstance(source.definition, graph, spec, options.name);
  const namespace = options.namespace ?? 'default';
  const instance: InstanceIdentity = graph.scope === 'Cluster' ? { name } : { name, namespace };
  return {
    graph,
    definition: source.definition,
    spec: checked,
    instance,
    owner: { composition: graph.name, instance: name, namespace },
    prepared: derivedValue(composition, PREPARED, () => prepareGraph(graph, createCelEngine())),
    schemas: derivedValue(composition, SCHEMAS, () => observedSchemas(graph)),
  };
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object' && typeof value !== 'function') return JSON.stringify(value) ?? String(value);
  return typeof value === 'function' ? `function ${value.name || '(anonymous)'}` : 'an object';
}

/**
 * Refuses the names of rendered objects that the API server would refuse (`cfg-X` for a ConfigMap), with the
 * message a deploy, `check` and `factory('direct').toYaml` fail with before anything is applied (trial 21 F8:
 * `render` and `simulate` showed such an object rendered, and ready).
 */
export function checkRenderedNames(context: TestContext, objects: readonly { readonly resourceId: string; readonly manifest: KubeObject }[]): void {
  const redactor = redactorFor(context.graph, context.spec);
  checkObjectNames(context.prepared, objects, { redact: (text) => redactor.text(text) });
}
