/** Per-resource checks: identity (metadata.name), forEach dimensions, readyWhen scope. */
import { referencedRoots } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprLeaves, isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';
import { withArticle } from '../../util/article.js';
import { describeResource, ForEachError, InvalidResourceError, InvalidResourceNameError, MissingNameError, ReadyWhenReferenceError } from './errors.js';
import { RESOURCE_ID, reservedNameProblem } from './names.js';
import { describeSyntax, nameProblem, nameSyntaxOf } from '../../util/object-names.js';
import { kindScope } from '../../util/kinds.js';
import { LABEL_VALUE_RULE, labelValueProblem, QUALIFIED_NAME_RULE, qualifiedNameProblem, reservedLabelProblem } from '../../util/label-syntax.js';

/** KRO's limit on forEach dimensions (`--rgd-max-collection-dimension-size` default). */
const MAX_DIMENSIONS = 10;

/**
 * A resource's `metadata.name` or `metadata.namespace` as written (an external reference's own), or undefined.
 *
 * @example
 * ```ts
 * metadataField(resource, 'name'); // => 'web'
 * ```
 */
export function metadataField(resource: ResourceNode, field: 'name' | 'namespace'): Value | undefined {
  if (resource.externalRef) return resource.externalRef[field];
  const metadata = isPlainObject(resource.template) && !isExprValue(resource.template) ? resource.template['metadata'] : undefined;
  return isPlainObject(metadata) && !isExprValue(metadata) ? (metadata as Record<string, Value>)[field] : undefined;
}

/** metadata.name must exist; a literal one must be a DNS-1123 subdomain. */
export function checkName(resource: ResourceNode): void {
  const name = metadataField(resource, 'name');
  if (name === undefined || name === null || name === '') {
    throw new MissingNameError(`${describeResource(resource)} (${resource.kind}) has no metadata.name; set a name (a string or an expression on schema, e.g. \`\${spec.name}-${resource.id.toLowerCase()}\`)`, resource.id);
  }
  if (isExprValue(name)) return;
  if (typeof name !== 'string') {
    throw new InvalidResourceNameError(`${describeResource(resource)} (${resource.kind}): metadata.name must be a string, got ${JSON.stringify(name)}`, resource.id);
  }
  const syntax = nameSyntaxOf(resource.apiVersion, resource.kind);
  const problem = nameProblem(name, syntax);
  if (problem) {
    throw new InvalidResourceNameError(
      `${describeResource(resource)} (${resource.kind}): metadata.name "${name}" is not a valid ${resource.kind} name: it ${problem} (${describeSyntax(syntax)}); it is set in the composition: change it there`,
      resource.id,
    );
  }
}

/**
 * A cluster-scoped composition's instance has no namespace for its namespaced resources to inherit: each must
 * name its own (KRO v0.9.4 refuses the RGD otherwise, `pkg/graph/validation.go`, and direct mode would put
 * it where the factory's namespace option says, which KRO cannot). Kinds whose scope is not known offline
 * are left to KRO and to direct mode's discovery (runtime/direct/apply-node.ts).
 */
export function checkClusterNamespace(resource: ResourceNode, graph: Pick<CompositionGraph, 'scope' | 'kind'>): void {
  if (graph.scope !== 'Cluster' || kindScope(resource.apiVersion, resource.kind) !== 'Namespaced') return;
  const namespace = metadataField(resource, 'namespace');
  if (namespace !== undefined && namespace !== null && (typeof namespace !== 'string' || namespace.trim() !== '')) return;
  throw new InvalidResourceError(clusterNamespaceProblem(describeResource(resource), resource.kind, graph.kind, resource.externalRef !== undefined), resource.id);
}

/**
 * Why a namespaced resource that names no namespace cannot be part of a cluster-scoped composition, and the
 * way out (the same words at definition time and, for a kind only discovery knows, in direct mode's deploy).
 *
 * @example
 * ```ts
 * clusterNamespaceProblem('resource "cm"', 'ConfigMap', 'Tenant', false);
 * // => 'resource "cm" is a ConfigMap, a namespaced kind, and names no namespace; Tenant is cluster-scoped, ...'
 * ```
 */
export function clusterNamespaceProblem(what: string, kind: string, compositionKind: string, external: boolean): string {
  const where = external ? 'give the external reference a namespace' : `give it a namespace in its factory call, e.g. ${kind}({ ..., namespace: 'default' }) or namespace: spec.namespace`;
  return (
    `${what} is ${withArticle(kind)}, a namespaced kind, and names no namespace; ${compositionKind} is cluster-scoped, so its instances have no ` +
    `namespace for it to go to (KRO requires metadata.namespace here, and both modes place it the same way): ${where}`
  );
}

function rootsIn(value: Value | undefined): Set<string> {
  return new Set(value === undefined ? [] : exprLeaves(value).flatMap((l) => referencedRoots(l.expr)));
}

/** Label and annotation prefixes KRO v0.9.4 keeps for itself (`pkg/metadata/prefixes.go`); a template using one is refused. */
const KRO_PREFIXES = ['kro.run/', 'internal.kro.run/'] as const;

/** A literal label key or value, or annotation key, Kubernetes refuses (one rule each; computed ones are checked before apply). */
function checkLiteralLabel(resource: ResourceNode, what: 'label' | 'annotation', key: string, value: Value): void {
  const keyProblem = qualifiedNameProblem(key);
  const valueProblem = what === 'label' && typeof value === 'string' ? labelValueProblem(value) : undefined;
  if (keyProblem === undefined && valueProblem === undefined) return;
  const subject = keyProblem !== undefined ? `the ${what} key "${key}" is not a valid ${what} key: it ${keyProblem} (${QUALIFIED_NAME_RULE})` : `the value "${String(value)}" of label "${key}" is not a valid label value: it ${valueProblem} (${LABEL_VALUE_RULE})`;
  throw new InvalidResourceError(`${describeResource(resource)} (${resource.kind}): ${subject}; it is set in the composition: change it there`, resource.id);
}

/** No literal label or annotation key of a template may start with a prefix KRO reserves. */
export function checkReservedMetadata(resource: ResourceNode): void {
  const metadata = isPlainObject(resource.template) && !isExprValue(resource.template) ? resource.template['metadata'] : undefined;
  if (!isPlainObject(metadata) || isExprValue(metadata)) return;
  for (const [field, what] of [['labels', 'label'], ['annotations', 'annotation']] as const) {
    const map = (metadata as Record<string, Value>)[field];
    if (!isPlainObject(map) || isExprValue(map)) continue;
    for (const [key, value] of Object.entries(map as Record<string, Value>)) {
      checkLiteralLabel(resource, what, key, value);
      const reserved = what === 'label' ? reservedLabelProblem(key) : undefined;
      if (reserved) {
        throw new InvalidResourceError(`${describeResource(resource)} (${resource.kind}): the label "${key}" ${reserved}; leave it out, or use a label of your own (e.g. "example.com/${key.slice(key.indexOf('/') + 1)}")`, resource.id);
      }
      const prefix = KRO_PREFIXES.find((p) => key.startsWith(p));
      if (prefix) {
        throw new InvalidResourceError(
          `${describeResource(resource)} (${resource.kind}): the ${what} "${key}" uses the prefix "${prefix}", which KRO reserves for its own ${field}; ` +
            `use a prefix of your own, e.g. "example.com/${key.slice(prefix.length)}"`,
          resource.id,
        );
      }
    }
  }
}

function iteratorNameProblem(name: string, ids: ReadonlySet<string>, names: ReadonlySet<string>): string | undefined {
  if (!RESOURCE_ID.test(name)) return 'must be lowerCamelCase';
  const reserved = reservedNameProblem(name);
  if (reserved) return reserved;
  if (ids.has(name)) return 'is also a resource id';
  return names.has(name) ? 'is used twice' : undefined;
}

/** Iterator names, their sources, and KRO's rule that every iterator is part of the identity. */
export function checkForEach(resource: ResourceNode, ids: ReadonlySet<string>): void {
  const dims = resource.forEach;
  if (dims.length === 0) return;
  if (dims.length > MAX_DIMENSIONS) throw new ForEachError(`${describeResource(resource)}: forEach has ${dims.length} dimensions; KRO allows at most ${MAX_DIMENSIONS}`, resource.id);
  const names = new Set<string>();
  for (const { name, source } of dims) {
    const problem = iteratorNameProblem(name, ids, names);
    if (problem) throw new ForEachError(`${describeResource(resource)}: forEach iterator "${name}" ${problem}; rename the loop variable`, resource.id);
    names.add(name);
    const crossed = referencedRoots(source).filter((r) => dims.some((d) => d.name === r));
    if (crossed.length > 0) {
      throw new ForEachError(`${describeResource(resource)}: forEach "${name}" iterates over a list read from the item of another loop (${crossed.join(', ')}); KRO's forEach dimensions are independent (a cartesian product), so a loop over an outer loop item's list cannot be compiled. Iterate over schema or resource data instead (e.g. a flat list of pairs in the spec)`, resource.id);
    }
  }
  // KRO: every iterator must appear in metadata.name (or metadata.namespace of a namespaced kind).
  const identity = new Set([...rootsIn(metadataField(resource, 'name')), ...rootsIn(metadataField(resource, 'namespace'))]);
  const missing = dims.map((d) => d.name).filter((n) => !identity.has(n));
  if (missing.length > 0) {
    throw new ForEachError(`${describeResource(resource)}: every forEach iterator must be used in metadata.name so each item gets a unique name; missing: ${missing.join(', ')} (e.g. name: \`\${spec.name}-\${${missing[0]}}\`)`, resource.id);
  }
}

/** readyWhen may only read the resource itself (`each` for a collection); KRO rejects anything else. */
export function checkReadyWhen(resource: ResourceNode): void {
  const self = resource.forEach.length > 0 ? 'each' : resource.id;
  for (const [i, expr] of resource.readyWhen.entries()) {
    const others = referencedRoots(expr).filter((r) => r !== self);
    if (others.length > 0) {
      throw new ReadyWhenReferenceError(`${describeResource(resource)}: readyWhen[${i}] references ${others.map((o) => `"${o}"`).join(', ')}; readyWhen may only read ${self === 'each' ? '`each` (the collection item)' : `the resource itself ("${self}")`}. Move conditions on other resources or the spec to includeWhen or status`, resource.id);
    }
  }
}
