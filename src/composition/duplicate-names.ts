/**
 * Two resources of a composition written with the same object name (same apiVersion, kind and namespace) under
 * the same conditions: every instance would make one object where the code says two. Checked for literal names
 * and for names written as the same expression (`${spec.n}-cm` twice), which are equal whatever the spec holds.
 * Other names computed from the spec are checked for each spec by the planner (engine/distinct-objects.ts):
 * deploy, plan, check, render and simulate all refuse them; the RGD (`toYaml`) only has this check.
 */
import { CompositionSyntaxError } from '../analysis/errors.js';
import { printAsJavaScript } from '../compile/cel/as-javascript.js';
import { printCel, printFieldValue } from '../compile/cel/print.js';
import { metadataField } from '../compile/rgd/index.js';
import type { Expr } from '../ir/expr.js';
import type { ResourceNode } from '../ir/graph.js';
import { isExprValue, type Value } from '../ir/value.js';
import { kindScope } from '../util/kinds.js';
import { duplicateObjectMessage, objectKey } from '../util/object-identity.js';

/**
 * Fails the definition when two resources name the same object by literals.
 *
 * @example
 * ```ts
 * checkLiteralNames(graph.resources); // throws for ConfigMap({ name: 'x' }) twice outside any `if`
 * ```
 */
export function checkLiteralNames(resources: readonly ResourceNode[]): void {
  const seen = new Map<string, ResourceNode>();
  for (const resource of resources) {
    const metadata = literalMetadata(resource);
    if (!metadata || resource.forEach.length > 0) continue;
    const identity = { apiVersion: resource.apiVersion, kind: resource.kind, ...metadata };
    // Only under the same conditions: resources in exclusive branches (`if (a) X; else Y`) are never made together.
    const key = JSON.stringify([objectKey(identity), resource.includeWhen.map(printCel).sort()]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, resource);
      continue;
    }
    const where = resource.source ? `${resource.source.file}:${resource.source.line}:${resource.source.column}: ` : '';
    const hint = 'give each resource its own name';
    throw new CompositionSyntaxError(`${where}${duplicateObjectMessage(first.id, resource.id, identity)}\n  hint: ${hint}`, resource.source, `${resource.kind} "${metadata.name}"`, hint);
  }
}

/** The name and namespace of an object the resource makes, when both are written as literals. */
function literalMetadata(resource: ResourceNode): { name: string; namespace?: string } | undefined {
  if (resource.externalRef) return undefined;
  const name = metadataField(resource, 'name');
  const namespace = metadataField(resource, 'namespace');
  if (typeof name !== 'string' || (namespace !== undefined && typeof namespace !== 'string')) return undefined;
  return { name, ...(typeof namespace === 'string' ? { namespace } : {}) };
}

/**
 * Fails the definition when two resources outside any forEach name their object by the same expression (and the
 * same namespace: an absent one is the instance's, and a cluster-scoped kind has none), under the same conditions.
 * Expressions are compared as the KRO field text they compile to.
 *
 * @example
 * ```ts
 * checkSameNameExpressions(graph.resources); // throws for ConfigMap({ name: `${spec.n}-cm` }) twice outside any `if`
 * ```
 */
export function checkSameNameExpressions(resources: readonly ResourceNode[]): void {
  const seen = new Map<string, ResourceNode>();
  for (const resource of resources) {
    if (resource.externalRef || resource.forEach.length > 0) continue;
    const name = metadataField(resource, 'name');
    if (!isExprValue(name)) continue;
    const cluster = kindScope(resource.apiVersion, resource.kind) === 'Cluster';
    const namespace = cluster ? undefined : metadataField(resource, 'namespace');
    const namespaceKey = cluster ? '' : namespace === undefined ? INSTANCE_NAMESPACE : valueKey(namespace);
    if (namespaceKey === undefined) continue;
    const key = JSON.stringify([resource.apiVersion, resource.kind, namespaceKey, valueKey(name), resource.includeWhen.map(printCel).sort()]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, resource);
      continue;
    }
    const shown = shownName(name.expr);
    const shownNamespace = namespace === undefined || namespaceKey === INSTANCE_NAMESPACE ? {} : { namespace: isExprValue(namespace) ? shownName(namespace.expr) : String(namespace) };
    const identity = { apiVersion: resource.apiVersion, kind: resource.kind, name: shown, ...shownNamespace };
    const where = resource.source ? `${resource.source.file}:${resource.source.line}:${resource.source.column}: ` : '';
    const hint = 'give each resource its own name';
    throw new CompositionSyntaxError(`${where}${duplicateObjectMessage(first.id, resource.id, identity, true)}\n  hint: ${hint}`, resource.source, `${resource.kind} "${shown}"`, hint);
  }
}

/** The key of an absent namespace: the instance's, as `instance.metadata.namespace` compiles. */
const INSTANCE_NAMESPACE = JSON.stringify(['expr', '${schema.metadata.namespace}']);

/** Equal for a literal text and for expressions that compile to the same KRO field; undefined for anything else. */
function valueKey(value: Value): string | undefined {
  if (typeof value === 'string') return JSON.stringify(['text', value]);
  return isExprValue(value) ? JSON.stringify(['expr', printFieldValue(value.expr)]) : undefined;
}

/** A name expression as the user wrote it, as template text: `${spec.n}-cm`, `${spec.name}`. */
function shownName(expr: Expr): string {
  const text = printAsJavaScript(expr);
  return expr.kind === 'template' ? text.slice(1, -1) : `\${${text}}`;
}
