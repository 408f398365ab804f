/**
 * CompositionGraph → ResourceGraphDefinition (plain JSON data) and the instance custom resource.
 *
 * Output decisions: `schema.group` is always written (the instance apiVersion depends on it, so make it
 * visible even when it is KRO's default `kro.run`); `schema.scope` only when `Cluster` (the default is
 * Namespaced); `shortNames` and `categories` in the order given, only when non-empty; `types`, `status` and `additionalPrinterColumns` only when non-empty; resource keys in the order id, includeWhen,
 * forEach, readyWhen, template/externalRef (conditions next to the id, the long template last).
 * `dependsOn` edges not implied by a reference are written as an annotation that reads the dependency (see deps.ts).
 */
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprValue, isExprValue, type Value } from '../../ir/value.js';
import { locatedSimpleSchema } from '../../model/schema/kro-sites.js';
import { isPlainObject, sortKeysDeep } from '../../util/json.js';
import { effectiveReadyWhen } from '../readiness/index.js';
import { DEPENDS_ON_ANNOTATION, dependsOnAnnotation } from './deps.js';
import { CompositionError, InvalidResourceError } from './errors.js';
import { dnsSubdomainProblem } from './names.js';
import { type Json, renderStatus, renderTemplate, standalone } from './values.js';
import { validateForKro } from './validate.js';

export type JsonObject = { [key: string]: Json };

/**
 * Compiles a graph to a `kro.run/v1alpha1` ResourceGraphDefinition.
 *
 * @example
 * ```ts
 * const rgd = compileRgd(graph);
 * writeFileSync('app.yaml', toYaml(rgd));
 * ```
 * @throws CompositionError (a subclass per problem) when KRO would reject the graph.
 */
export function compileRgd(graph: CompositionGraph): JsonObject {
  validateForKro(graph);
  const simple = locatedSimpleSchema(graph.spec);
  const schema: JsonObject = { apiVersion: graph.version, kind: graph.kind, group: graph.group };
  if (graph.scope === 'Cluster') schema['scope'] = 'Cluster';
  // KRO v0.9.4 copies both onto the generated CRD's names; written only when given, as older KROs refuse them
  if (graph.shortNames && graph.shortNames.length > 0) schema['shortNames'] = [...graph.shortNames];
  if (graph.categories && graph.categories.length > 0) schema['categories'] = [...graph.categories];
  schema['spec'] = simple.spec as Json;
  if (Object.keys(simple.types).length > 0) schema['types'] = simple.types as Json;
  const status = renderStatus(graph.status);
  if (status !== undefined) schema['status'] = sortKeysDeep(status);
  if (graph.printerColumns?.length) schema['additionalPrinterColumns'] = graph.printerColumns.map((column) => sortKeysDeep({ ...column }) as Json);
  const metadata: JsonObject = { name: graph.name };
  if (graph.annotations && Object.keys(graph.annotations).length > 0) metadata['annotations'] = sortKeysDeep({ ...graph.annotations });
  return {
    apiVersion: 'kro.run/v1alpha1',
    kind: 'ResourceGraphDefinition',
    metadata,
    spec: { schema, resources: graph.resources.map((r) => compileResource(r, graph)) },
  };
}

function compileResource(resource: ResourceNode, graph: CompositionGraph): JsonObject {
  const out: JsonObject = { id: resource.id };
  if (resource.includeWhen.length > 0) out['includeWhen'] = resource.includeWhen.map(standalone);
  if (resource.forEach.length > 0) out['forEach'] = resource.forEach.map((d) => ({ [d.name]: standalone(d.source) }));
  const readyWhen = effectiveReadyWhen(resource);
  if (readyWhen.length > 0) out['readyWhen'] = readyWhen.map(standalone);
  if (resource.externalRef) {
    const ref = resource.externalRef;
    const metadata: JsonObject = {};
    if (ref.name !== undefined) metadata['name'] = renderTemplate(ref.name);
    if (ref.namespace !== undefined) metadata['namespace'] = renderTemplate(ref.namespace);
    out['externalRef'] = { apiVersion: ref.apiVersion, kind: ref.kind, metadata };
  } else if (resource.template !== undefined) {
    out['template'] = compileTemplate(resource, withDependsOn(resource, graph));
  }
  return out;
}

/** The template with the dependsOn annotation added to its metadata, when one is needed. */
function withDependsOn(resource: ResourceNode, graph: CompositionGraph): Value {
  const annotation = dependsOnAnnotation(resource, graph);
  const template = resource.template!;
  if (!annotation) return template;
  const metadata = isPlainObject(template) && !isExprValue(template) ? (template as Record<string, Value>)['metadata'] : undefined;
  if (!isPlainObject(metadata) || isExprValue(metadata)) {
    throw new InvalidResourceError(`${resource.id}: dependsOn needs a literal metadata object to carry the ordering annotation`, resource.id);
  }
  const metadataObject = metadata as Record<string, Value>;
  const annotations = metadataObject['annotations'];
  if (annotations !== undefined && (!isPlainObject(annotations) || isExprValue(annotations))) {
    throw new InvalidResourceError(`${resource.id}: dependsOn needs metadata.annotations to be a literal object`, resource.id);
  }
  const merged = { ...(annotations as Record<string, Value> | undefined), [DEPENDS_ON_ANNOTATION]: exprValue(annotation) };
  return { ...(template as Record<string, Value>), metadata: { ...metadataObject, annotations: merged } };
}

/** apiVersion and kind first (from the node), then the template's own keys in the order they were built. */
function compileTemplate(resource: ResourceNode, template: Value): JsonObject {
  const out: JsonObject = { apiVersion: resource.apiVersion, kind: resource.kind };
  if (!isPlainObject(template) || isExprValue(template)) return out;
  for (const [key, value] of Object.entries(template)) {
    if (key !== 'apiVersion' && key !== 'kind') out[key] = renderTemplate(value as Value);
  }
  return out;
}

export interface InstanceOptions {
  readonly name: string;
  /** Omitted for cluster-scoped kinds. */
  readonly namespace?: string;
  /** The instance's labels and annotations (checked by the caller, util/instance-metadata.ts); omitted when empty. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * The custom resource that instantiates a compiled graph, e.g. for `factory('kro').toYaml(spec)`.
 * The spec is written as given (the API server applies schema defaults).
 *
 * @example
 * ```ts
 * compileInstance(graph, { name: 'web', replicas: 2 }, { name: 'web', namespace: 'dev' });
 * // { apiVersion: 'kro.run/v1alpha1', kind: 'WebApp', metadata: { name: 'web', namespace: 'dev' }, spec: { ... } }
 * ```
 */
export function compileInstance(graph: CompositionGraph, spec: unknown, options: InstanceOptions): JsonObject {
  const problem = dnsSubdomainProblem(options.name);
  if (problem) throw new CompositionError(`instance name "${options.name}" is not a valid Kubernetes name: ${problem}`);
  if (graph.scope === 'Cluster' && options.namespace !== undefined) {
    throw new CompositionError(`${graph.kind} is cluster-scoped; its instances have no namespace (drop the namespace option)`);
  }
  const metadata: JsonObject = { name: options.name };
  if (options.namespace !== undefined && graph.scope !== 'Cluster') metadata['namespace'] = options.namespace;
  if (options.labels && Object.keys(options.labels).length > 0) metadata['labels'] = { ...options.labels };
  if (options.annotations && Object.keys(options.annotations).length > 0) metadata['annotations'] = { ...options.annotations };
  return {
    apiVersion: `${graph.group}/${graph.version}`,
    kind: graph.kind,
    metadata,
    spec: (spec ?? {}) as Json,
  };
}
