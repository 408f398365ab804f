/**
 * CustomResourceDefinitions created by the same graph as objects of their kind. KRO reads the schema of every
 * kind an RGD creates when it accepts the RGD (to type-check the CEL), so a kind whose CRD is one of the RGD's
 * own resources cannot be accepted; direct mode can order them (the object waits for its CRD to be Established).
 */
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { isExprValue, type Value } from '../../ir/value.js';
import { isPlainObject } from '../../util/json.js';

/** A literal field of a template (`spec.names.kind`), undefined when absent or computed by an expression. */
function literalAt(template: Value | undefined, path: readonly string[]): string | undefined {
  let value: Value | undefined = template;
  for (const key of path) {
    if (!isPlainObject(value) || isExprValue(value)) return undefined;
    value = (value as Record<string, Value>)[key];
  }
  return typeof value === 'string' ? value : undefined;
}

function isCrd(resource: ResourceNode): boolean {
  return resource.kind === 'CustomResourceDefinition' && resource.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** `group/Kind` of a resource (core kinds have the empty group). */
function groupKind(resource: Pick<ResourceNode, 'apiVersion' | 'kind'>): string {
  const slash = resource.apiVersion.lastIndexOf('/');
  return `${slash < 0 ? '' : resource.apiVersion.slice(0, slash)}/${resource.kind}`;
}

/**
 * For each resource of the graph whose kind a CRD of the same graph defines: that resource and the CRD.
 * A CRD whose group or kind is an expression is not matched (its kind is known only per instance).
 */
export function kindsDefinedInGraph(graph: Pick<CompositionGraph, 'resources'>): { readonly resource: ResourceNode; readonly crd: ResourceNode }[] {
  const crds = new Map<string, ResourceNode>();
  for (const resource of graph.resources.filter(isCrd)) {
    const group = literalAt(resource.template, ['spec', 'group']);
    const kind = literalAt(resource.template, ['spec', 'names', 'kind']);
    if (group !== undefined && kind !== undefined && !crds.has(`${group}/${kind}`)) crds.set(`${group}/${kind}`, resource);
  }
  if (crds.size === 0) return [];
  return graph.resources.flatMap((resource) => {
    const crd = crds.get(groupKind(resource));
    return crd ? [{ resource, crd }] : [];
  });
}
