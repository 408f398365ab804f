/**
 * `toResourceGraph`: the older two-function form. A resource builder returns resources by id; a status
 * builder maps the instance and those resources to the status. Both run once and are read from source.
 */
import { refusingRunValues } from './run-value-guard.js';
import type { Node } from '@babel/types';
import type { Binding } from '../analysis/scope.js';
import { E, type Expr } from '../ir/expr.js';
import type { CompositionGraph } from '../ir/graph.js';
import { rewriteExpr, rewriteValue, selectPath } from '../ir/rewrite.js';
import { T } from '../ir/types.js';
import { observedType } from '../model/kube-types.js';
import { createRef, throwTrapRefusal, refusingUnconsumedSpreads, withReferenceMarkers } from '../model/refs.js';
import { recordOf, type ResourceRecord } from '../model/resource.js';
import { loopHooks, withRun } from '../model/run.js';
import { schemaToCelType } from '../model/schema/index.js';
import { buildGraph, valueContext } from './build-graph.js';
import { graphHeader, type CompositionDefinition, type CompositionOptions } from './definition.js';
import { CompositionRun } from './run.js';
import { moduleValues } from './module-values.js';
import { locateFunctions, type CompositionSource } from './source-site.js';
import { buildStatus } from './status.js';
import { refuseDefinitionInRun } from '../model/outside.js';
import { TypeKroError } from '../util/errors.js';

const RESOURCES_ROOT = 'resources$';

export function defineResourceGraph(
  definition: CompositionDefinition,
  buildResources: (schema: unknown) => Record<string, unknown>,
  buildStatusValue: (schema: unknown, resources: Record<string, unknown>) => unknown,
  options: CompositionOptions = {},
): CompositionGraph {
  refuseDefinitionInRun(definition.name);
  const header = graphHeader(definition, options);
  const [resources, status] = locateFunctions([1, 2]);
  const resourceSource = resources && { ...resources, observed: moduleValues(buildResources) };
  const statusSource = status && { ...status, observed: moduleValues(buildStatusValue) };
  return withReferenceMarkers(() => {
    const run = new CompositionRun(resourceSource, schemaToCelType(header.spec), 'schema');
    const schema = createRef({ root: { kind: 'schema' }, path: [] }, loopHooks);
    // A refusal a reference proxy threw stands even when the user's code caught it (refs.ts, trapRefusal).
    const resources = withRun(run, () => refusingRunValues(() => buildResources(schema)));
    throwTrapRefusal();
    const ids = nameResources(resources);
    run.switchTo(statusSource, resourceBindings(statusSource, run.records, ids));
    const returned = withRun(run, () => refusingRunValues(() => buildStatusValue(schema, resources)));
    throwTrapRefusal();
    const declared = { name: header.name, ...(header.statusSchema && { schema: header.statusSchema }) };
    const status = rewriteValue(refusingUnconsumedSpreads(() => buildStatus(returned, run, valueContext(run, 'status'), declared)), (expr) => resolveAliases(expr, ids));
    return buildGraph(header, run, status);
  });
}

/** Resource ids are the keys of the object the resource builder returns (unless given explicitly). */
function nameResources(resources: Record<string, unknown>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [key, handle] of Object.entries(resources)) {
    const record = recordOf(handle) ?? collectionRecord(handle);
    if (!record) {
      throw new TypeKroError('DEFINITION_INVALID', 
        `toResourceGraph: "${key}" is not a resource created by a TypeKro factory, nor a collection made by a loop over a spec list (schema.spec.items.map((item) => Pod(...)))`,
      );
    }
    if (!record.explicitId) record.id = key;
    ids.set(key, record.id);
  }
  return ids;
}

/** `schema.spec.items.map((item) => F(...))`: JavaScript holds one placeholder handle of a forEach resource. */
function collectionRecord(value: unknown): ResourceRecord | undefined {
  if (!Array.isArray(value) || value.length !== 1) return undefined;
  const record = recordOf(value[0]);
  return record && record.forEach.length > 0 ? record : undefined;
}

/** The status builder's second parameter: `resources` (an object) or `{ deployment, service }`. */
function resourceBindings(source: CompositionSource | undefined, records: readonly ResourceRecord[], ids: ReadonlyMap<string, string>): Record<string, Binding> {
  const param: Node | undefined = source?.fn.params[1];
  const recordOf = (id: string) => records.find((candidate) => candidate.id === id);
  const isCollection = (id: string) => (recordOf(id)?.forEach.length ?? 0) > 0;
  const typeOf = (id: string) => {
    const record = recordOf(id);
    const type = record ? observedType(record.modelName, record.manifest) : T.dyn;
    // A collection's id stands for the list of its objects.
    return isCollection(id) ? T.list(type) : type;
  };
  if (param?.type === 'Identifier') {
    const fields = Object.fromEntries([...ids].map(([key, id]) => [key, { type: typeOf(id), optional: false }]));
    const collections = [...ids.values()].some(isCollection);
    return { [param.name]: { kind: 'value', expr: E.ident(RESOURCES_ROOT), type: T.object(fields), ...(collections && { fromSource: true as const }) } };
  }
  if (param?.type === 'ObjectPattern') {
    const bindings: Record<string, Binding> = {};
    for (const property of param.properties) {
      if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') continue;
      const id = ids.get(property.key.name);
      if (id) bindings[property.value.name] = { kind: 'value', expr: E.ident(id), type: typeOf(id), ...(isCollection(id) && { collection: true as const, fromSource: true as const }) };
    }
    return bindings;
  }
  return {};
}

/** `resources$.deployment.status.x` (from source analysis) → `deployment.status.x`. */
function resolveAliases(expr: Expr, ids: ReadonlyMap<string, string>): Expr {
  return rewriteExpr(expr, (node) => node, (node) => {
    const chain = selectPath(node, RESOURCES_ROOT);
    if (!chain || chain.path.length === 0) return undefined;
    const [key, ...rest] = chain.path;
    const id = ids.get(key!);
    if (!id) throw new TypeKroError('DEFINITION_INVALID', `toResourceGraph: the status reads resources.${key}, which the resource builder did not return`);
    return rest.reduce<Expr>((target, field, i) => E.select(target, field, chain.optional[i + 1] ?? false), E.ident(id));
  });
}
