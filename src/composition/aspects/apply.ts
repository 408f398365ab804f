/**
 * Applying aspects: a new graph whose resource templates carry the aspects' labels, annotations and environment
 * variables. Values are compiled like any other value of a template (a reference to a number becomes
 * `string(...)`, as `String(x)` would in JavaScript); what cannot be merged faithfully (a label map or a
 * container list that is itself an expression) is refused, naming the resource. The result is validated like
 * a freshly defined graph.
 */
import { E, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { fieldOf, T, type CelType } from '../../ir/types.js';
import { exprValue, isExprValue, type Value } from '../../ir/value.js';
import { validatedGraph } from '../../compile/rgd/index.js';
import { refOf, refToExpr, describeRef, type RefData } from '../../model/refs.js';
import { schemaToCelType } from '../../model/schema/index.js';
import { isPlainObject } from '../../util/json.js';
import { TypeKroError } from '../../util/errors.js';
import { asString } from '../values.js';
import { schemaType } from '../parameters.js';
import { isAspect, type Aspect } from './aspect.js';

/** Where each workload kind (`apiVersion/kind`) keeps its pod spec. */
const POD_SPEC: Readonly<Record<string, readonly string[]>> = {
  'apps/v1/Deployment': ['spec', 'template', 'spec'],
  'apps/v1/StatefulSet': ['spec', 'template', 'spec'],
  'apps/v1/DaemonSet': ['spec', 'template', 'spec'],
  'apps/v1/ReplicaSet': ['spec', 'template', 'spec'],
  'batch/v1/Job': ['spec', 'template', 'spec'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  'v1/Pod': ['spec'],
};

/**
 * The graph with every aspect applied, in order (a later aspect's value wins); the graph itself when there
 * are none.
 *
 * @example
 * ```ts
 * import { type } from 'arktype';
 * import { kubernetesComposition } from 'typekro';
 * import { applyAspects, withLabels } from 'typekro/aspects';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
 *   (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
 * );
 * const labelled = applyAspects(app.graph, [withLabels({ team: 'platform' })]);
 * const metadata = (labelled.resources[0]!.template as { metadata: { labels: Record<string, unknown> } }).metadata;
 * metadata.labels['team']; // => 'platform'
 * ```
 */
export function applyAspects(graph: CompositionGraph, aspects: readonly Aspect[] | undefined): CompositionGraph {
  if (aspects === undefined) return graph;
  if (!Array.isArray(aspects) || !aspects.every(isAspect)) {
    throw new TypeKroError('USAGE', 'aspects must be a list of aspects made by withLabels, withAnnotations or withEnvVars (typekro/aspects)');
  }
  if (aspects.length === 0) return graph;
  const toText = textCompiler(graph);
  const resources = graph.resources.map((resource) => aspects.reduce((node, aspect) => applyOne(node, aspect, toText), resource));
  return deepFreeze(validatedGraph({ ...graph, resources }));
}

function applyOne(resource: ResourceNode, aspect: Aspect, toText: (value: unknown, where: string) => Value): ResourceNode {
  if (resource.template === undefined || !isPlainObject(resource.template) || isExprValue(resource.template)) return resource;
  const template = resource.template as Readonly<Record<string, Value>>;
  const where = `resource "${resource.id}" (${resource.kind})`;
  if (aspect.change === 'env') {
    const path = POD_SPEC[`${resource.apiVersion}/${resource.kind}`];
    if (!path) return resource;
    return { ...resource, template: updateAt(template, path, where, (podSpec) => withEnv(podSpec, aspect, where, toText)) as Value };
  }
  const field = aspect.change;
  const metadata = template['metadata'];
  if (!isPlainObject(metadata) || isExprValue(metadata)) return resource;
  const current = (metadata as Record<string, Value>)[field];
  const values = aspect.entries.map(([key, value]) => [key, toText(value, `${where}: metadata.${field}.${key}`)] as const);
  let merged: Value;
  if (isExprValue(current)) {
    // A map computed in CEL (`labels: spec.labels`): KRO's merge, the aspect's keys winning as in the original.
    merged = exprValue(E.call('merge', [E.map(values.map(([key, value]) => ({ key: E.str(key), value: textExpr(value) })))], current.expr));
  } else if (current !== undefined && !isPlainObject(current)) {
    throw new TypeKroError('DEFINITION_INVALID', `${where}: metadata.${field} is not a map, so the aspect's ${field} cannot be merged into it`);
  } else {
    merged = { ...(current as Record<string, Value> | undefined), ...Object.fromEntries(values) };
  }
  return { ...resource, template: { ...template, metadata: { ...(metadata as Record<string, Value>), [field]: merged } } };
}

/** An aspect value (text, or an expression typed as text) as CEL. */
function textExpr(value: Value): Expr {
  if (typeof value === 'string') return E.str(value);
  if (isExprValue(value)) return value.expr;
  throw new TypeKroError('INTERNAL', 'internal: an aspect value is neither text nor an expression');
}

/** Every container of the pod spec gets the variables; an existing one of the same name is replaced. */
function withEnv(podSpec: Readonly<Record<string, Value>>, aspect: Aspect, where: string, toText: (value: unknown, where: string) => Value): Value {
  const containers = podSpec['containers'];
  if (containers === undefined) return podSpec;
  if (!Array.isArray(containers)) throw notMergeable(where, 'containers');
  const updated = (containers as readonly Value[]).map((container, index) => {
    if (!isPlainObject(container) || isExprValue(container)) throw notMergeable(where, `containers[${index}]`);
    const env = (container as Record<string, Value>)['env'];
    if (env !== undefined && !Array.isArray(env)) throw notMergeable(where, `containers[${index}].env`);
    const list = [...((env as readonly Value[] | undefined) ?? [])];
    // A variable whose name is computed might be one the aspect sets: which one wins is unknown here.
    if (list.some((item) => !isPlainObject(item) || isExprValue(item) || typeof (item as Record<string, Value>)['name'] !== 'string')) {
      throw notMergeable(where, `containers[${index}].env`);
    }
    for (const [name, value] of aspect.entries) {
      const entry: Value = { name, value: toText(value, `${where}: containers[${index}].env ${name}`) };
      const existing = list.findIndex((item) => (item as Record<string, Value>)['name'] === name);
      if (existing >= 0) list[existing] = entry;
      else list.push(entry);
    }
    return { ...(container as Record<string, Value>), env: list };
  });
  return { ...podSpec, containers: updated };
}

function notMergeable(where: string, field: string): TypeKroError {
  return new TypeKroError('DEFINITION_INVALID', `${where}: ${field} is computed (an expression, or a variable with a computed name), so withEnvVars cannot add variables to it faithfully; list the containers and their env literally in the composition`);
}

/** The object at `path` replaced by `update(object)`; a missing or computed step is a clear error. */
function updateAt(object: Readonly<Record<string, Value>>, path: readonly string[], where: string, update: (inner: Readonly<Record<string, Value>>) => Value): Value {
  const [head, ...rest] = path;
  if (head === undefined) return update(object);
  const inner = object[head];
  if (inner === undefined) return object;
  if (!isPlainObject(inner) || isExprValue(inner)) throw notMergeable(where, path.join('.'));
  return { ...object, [head]: updateAt(inner as Record<string, Value>, rest, where, update) };
}

/**
 * Turns an aspect value into a template value of type string, as JavaScript's `String(x)`: text as is, a
 * reference converted with `string(...)` unless it is text already, an expression as given (typed by its maker).
 */
function textCompiler(graph: CompositionGraph): (value: unknown, where: string) => Value {
  const roots = schemaType(schemaToCelType(graph.spec));
  const ids = new Set(graph.resources.map((resource) => resource.id));
  const typeOf = (ref: RefData, where: string): CelType => {
    if (ref.root.kind !== 'schema') return T.dyn;
    let type = roots;
    for (const segment of ref.path) {
      if (typeof segment === 'number') type = type.kind === 'list' ? type.item : T.dyn;
      else {
        const field = fieldOf(type, segment);
        if (!field) throw new TypeKroError('DEFINITION_INVALID', `${where}: the aspect reads ${describeRef(ref)}, which the spec of "${graph.name}" does not declare`);
        type = field.type;
      }
    }
    return type;
  };
  return (value, where) => {
    if (typeof value === 'string') return value;
    if (isExprValue(value)) return value;
    const ref = refOf(value);
    if (!ref) throw new TypeKroError('INTERNAL', `internal: ${where} holds an aspect value that is not text`);
    if (ref.root.kind === 'resource' && !ids.has(ref.root.resource.id())) {
      throw new TypeKroError('DEFINITION_INVALID', `${where}: the aspect reads ${describeRef(ref)}, a resource of another composition`);
    }
    const expr: Expr = refToExpr(ref);
    const refType = typeOf(ref, where);
    try {
      return exprValue(asString(expr, refType));
    } catch (error) {
      throw new TypeKroError('DEFINITION_INVALID', `${where}: ${(error as Error).message}`);
    }
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}


