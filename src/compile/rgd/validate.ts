/**
 * Checks a graph against the rules KRO applies when it accepts an RGD, so users get the error at compile
 * time with a hint, rather than as `GraphAccepted=False` in the cluster.
 */
import type { Expr } from '../../ir/expr.js';
import { referencedRoots } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprLeaves, exprsOf, isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';
import { withArticle } from '../../util/article.js';
import { kindsDefinedInGraph } from './crd-kinds.js';
import { checkKroTemplateStrings } from './kro-carried.js';
import { dependencyOrder } from './deps.js';
import {
  CrdInSameGraphError,
  DuplicateResourceIdError,
  InvalidDefinitionError,
  InvalidResourceError,
  InvalidResourceIdError,
  InvalidStatusError,
  ReservedResourceIdError,
  UnknownReferenceError,
  describeResource,
} from './errors.js';
import { KIND, RESOURCE_ID, VERSION, crdAliasesProblem, dnsSubdomainProblem, reservedNameProblem, suggestId } from './names.js';
import { checkHandWrittenCel } from './validate-cel.js';
import { checkClusterNamespace, checkForEach, checkName, checkReadyWhen, checkReservedMetadata } from './validate-resource.js';

/**
 * Throws the first problem found, as a `CompositionError` subclass.
 *
 * @example
 * ```ts
 * validateGraph(graph); // throws DuplicateResourceIdError: two resources have the id "web": ...
 * ```
 */
export function validateGraph(graph: CompositionGraph): void {
  checkDefinition(graph);
  checkIds(graph.resources);
  const ids = new Set(graph.resources.map((r) => r.id));
  const roots = new Set(['schema', ...ids]);
  for (const resource of graph.resources) {
    checkShape(resource);
    checkName(resource);
    checkClusterNamespace(resource, graph);
    checkReservedMetadata(resource);
    checkForEach(resource, ids);
    checkReferences(resource, ids, roots);
    checkReadyWhen(resource);
  }
  checkStatus(graph, ids);
  checkHandWrittenCel(graph);
  dependencyOrder(graph);
}

/** Marks a graph that {@link validateGraph} accepted; a frozen graph keeps it (a copy does not). */
const VALIDATED = Symbol('typekro.validatedGraph');

/**
 * Validates a graph once, when a composition is defined (both modes then see the same errors), and marks it so
 * that rendering it does not validate again. Call it before the graph is frozen.
 *
 * @example
 * ```ts
 * const checked = validatedGraph(graph); // throws DuplicateResourceIdError: two resources have the id "web": ...
 * ```
 */
export function validatedGraph<T extends CompositionGraph>(graph: T): T {
  validateGraph(graph);
  Object.defineProperty(graph, VALIDATED, { value: true });
  return graph;
}

/**
 * What KRO alone refuses (direct mode deploys it): the graph-wide checks run first unless the graph was
 * validated when it was defined.
 *
 * @example
 * ```ts
 * validateForKro(graph); // throws CrdInSameGraphError when the graph creates a CRD and an object of its kind
 * ```
 */
export function validateForKro(graph: CompositionGraph): void {
  if (!(VALIDATED in graph)) validateGraph(graph);
  checkCrdKinds(graph);
  checkKroTemplateStrings(graph);
}

/** KRO reads the schema of every kind when it accepts an RGD: a CRD created by the RGD itself comes too late. */
function checkCrdKinds(graph: CompositionGraph): void {
  const first = kindsDefinedInGraph(graph)[0];
  if (!first) return;
  const { resource, crd } = first;
  throw new CrdInSameGraphError(
    `${describeResource(resource)} is ${withArticle(`${resource.apiVersion} ${resource.kind}`)}, a kind defined by ${describeResource(crd)} ` +
      `(CustomResourceDefinition) of the same composition: KRO type-checks an RGD against the schemas of the kinds it creates, ` +
      `so it cannot accept this RGD while the CRD does not exist yet. Install the CRD first (e.g. the operator's bootstrap ` +
      `composition, or the CRD in a composition of its own deployed before this one) and keep only the ${resource.kind} here, ` +
      'or deploy this composition in direct mode, which applies the CRD and waits until it is Established before the ' +
      `${resource.kind}`,
    resource.id,
  );
}

function checkDefinition(graph: CompositionGraph): void {
  if (!KIND.test(graph.kind) || graph.kind.length > 63) {
    throw new InvalidDefinitionError(`kind "${graph.kind}" must be UpperCamelCase (letters and digits, starting with an upper-case letter, at most 63 characters), e.g. "WebApp"`);
  }
  if (!VERSION.test(graph.version)) {
    throw new InvalidDefinitionError(`version "${graph.version}" must look like v1, v1alpha1 or v2beta3 (the version only, without the group)`);
  }
  const nameProblem = dnsSubdomainProblem(graph.name);
  if (nameProblem) throw new InvalidDefinitionError(`RGD name "${graph.name}" is not a valid DNS subdomain: ${nameProblem}; e.g. "web-app"`);
  const groupProblem = dnsSubdomainProblem(graph.group) ?? (graph.group.includes('.') ? undefined : 'a CRD group needs at least one dot');
  if (groupProblem) throw new InvalidDefinitionError(`group "${graph.group}" is not valid: ${groupProblem}; e.g. "kro.run" or "example.com"`);
  for (const field of ['shortNames', 'categories'] as const) {
    const problem = graph[field] === undefined ? undefined : crdAliasesProblem(field, graph[field]);
    if (problem) throw new InvalidDefinitionError(problem);
  }
}


function checkIds(resources: readonly ResourceNode[]): void {
  const seen = new Map<string, ResourceNode>();
  for (const [index, resource] of resources.entries()) {
    const { id } = resource;
    const reserved = reservedNameProblem(id);
    if (reserved) {
      throw new ReservedResourceIdError(`${describeResource(resource)}: the id "${id}" ${reserved}; choose another, e.g. "${id}Resource"`, id);
    }
    if (!RESOURCE_ID.test(id)) {
      throw new InvalidResourceIdError(`${describeResource(resource)}: the id "${id}" must be lowerCamelCase letters and digits (^[a-z][a-zA-Z0-9]*$), e.g. "${suggestId(id)}"`, id);
    }
    const first = seen.get(id);
    if (first) {
      throw new DuplicateResourceIdError(`two resources have the id "${id}": #${resources.indexOf(first) + 1} ${first.kind}${locate(first)} and #${index + 1} ${resource.kind}${locate(resource)}; give each a unique id`, id);
    }
    seen.set(id, resource);
  }
}

function locate(resource: ResourceNode): string {
  return resource.source ? ` at ${resource.source.file}:${resource.source.line}:${resource.source.column}` : '';
}

function checkShape(resource: ResourceNode): void {
  const has = [resource.template !== undefined, resource.externalRef !== undefined];
  if (has[0] === has[1]) {
    throw new InvalidResourceError(`${describeResource(resource)}: needs exactly one of a template or an externalRef`, resource.id);
  }
  if (resource.externalRef && resource.forEach.length > 0) {
    throw new InvalidResourceError(`${describeResource(resource)}: an externalRef cannot be combined with forEach; reference each object separately`, resource.id);
  }
  const template = resource.template;
  if (template === undefined) return;
  if (!isPlainObject(template) || isExprValue(template)) throw new InvalidResourceError(`${describeResource(resource)}: the template must be an object`, resource.id);
  // The node's apiVersion/kind are authoritative; a template may repeat them but must agree.
  for (const field of ['apiVersion', 'kind'] as const) {
    const value = template[field];
    if (value !== undefined && value !== resource[field]) {
      throw new InvalidResourceError(`${describeResource(resource)}: template.${field} must be the literal "${resource[field]}" (KRO does not evaluate expressions there), got ${isExprValue(value) ? 'an expression' : JSON.stringify(value)}`, resource.id);
    }
  }
  if (!resource.apiVersion || !resource.kind) {
    throw new InvalidResourceError(`${describeResource(resource)}: apiVersion and kind must be non-empty`, resource.id);
  }
  const metadata = template['metadata'];
  if (!isPlainObject(metadata) || isExprValue(metadata)) {
    throw new InvalidResourceError(`${describeResource(resource)}: template.metadata must be an object with at least a name`, resource.id);
  }
}

/**
 * Every expression of a resource may use schema, the resource ids and (in its template and externalRef) its
 * own forEach iterators. The label of an expression is written only for a message: a graph of 1,000
 * resources has thousands of leaves to check.
 */
function checkReferences(resource: ResourceNode, ids: ReadonlySet<string>, base: ReadonlySet<string>): void {
  // `base` (schema + every id) is built once per graph: per resource it would be quadratic.
  const iterators = resource.forEach.map((d) => d.name);
  const withIterators: ReadonlySet<string> = iterators.length === 0 ? base : new Set([...base, ...iterators]);
  const values = [
    [resource.template, 'template'],
    [resource.externalRef?.name, 'externalRef.metadata.name'],
    [resource.externalRef?.namespace, 'externalRef.metadata.namespace'],
  ] as const;
  for (const [value, prefix] of values) {
    if (value === undefined) continue;
    // The leaves' paths (a copy each) only for the message: exprsOf gives the same leaves in the same order.
    const exprs = exprsOf(value);
    for (let i = 0; i < exprs.length; i++) {
      const unknown = unknownRoots(exprs[i]!, withIterators);
      if (unknown.length === 0) continue;
      const { path } = exprLeaves(value)[i]!;
      throw unknownReference(resource, ids, `${prefix}${path.length ? '.' : ''}${path.join('.')}`, unknown);
    }
  }
  for (let i = 0; i < resource.includeWhen.length; i++) {
    const unknown = unknownRoots(resource.includeWhen[i]!, base);
    if (unknown.length > 0) throw unknownReference(resource, ids, `includeWhen[${i}]`, unknown);
  }
  for (const dimension of resource.forEach) {
    const unknown = unknownRoots(dimension.source, base);
    if (unknown.length > 0) throw unknownReference(resource, ids, `forEach ${dimension.name}`, unknown);
  }
  for (const dep of resource.dependsOn) {
    if (!ids.has(dep)) throw new UnknownReferenceError(`${describeResource(resource)}: dependsOn names "${dep}", which is not a resource id in this composition`, resource.id);
  }
}

function unknownRoots(expr: Expr, allowed: ReadonlySet<string>): string[] {
  return referencedRoots(expr).filter((root) => !allowed.has(root));
}

function unknownReference(resource: ResourceNode, ids: ReadonlySet<string>, label: string, unknown: readonly string[]): UnknownReferenceError {
  const hint = unknown.includes('each') ? '; `each` is only available in readyWhen of a forEach resource' : '';
  return new UnknownReferenceError(`${describeResource(resource)}: ${label} references ${unknown.map((u) => `"${u}"`).join(', ')}, which is not schema, a resource id (${[...ids].join(', ') || 'none'}) or a forEach iterator of this resource${hint}`, resource.id);
}

/** KRO writes `state` and `conditions` itself; a user field with either name would clash. */
const KRO_STATUS_FIELDS = ['state', 'conditions'];

function checkStatus(graph: CompositionGraph, ids: ReadonlySet<string>): void {
  if (isPlainObject(graph.status) && !isExprValue(graph.status)) {
    const clash = KRO_STATUS_FIELDS.find((f) => f in (graph.status as Record<string, Value>));
    if (clash) throw new InvalidStatusError(`status.${clash} is written by KRO itself; rename this status field`);
  }
  const allowed = new Set(['schema', ...ids]);
  for (const leaf of exprLeaves(graph.status)) {
    const unknown = referencedRoots(leaf.expr).filter((root) => !allowed.has(root));
    if (unknown.length > 0) {
      throw new UnknownReferenceError(`status.${leaf.path.join('.')} references ${unknown.map((u) => `"${u}"`).join(', ')}; status may only use schema and resource ids (${[...ids].join(', ') || 'none'})`);
    }
  }
}
