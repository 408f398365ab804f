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
import type { ResourceNode } from '../ir/graph.js';
import { isExprValue, type Value } from '../ir/value.js';
import { kindScope } from '../util/kinds.js';
import { duplicateObjectMessage } from '../util/object-identity.js';

/**
 * Fails the definition when two resources outside any forEach name the same object under the same conditions:
 * by literals, or by the same expression (compared as the KRO field text it compiles to), in the same namespace
 * (an absent one is the instance's, and a cluster-scoped kind has none).
 *
 * @example
 * ```ts
 * checkDuplicateNames(graph.resources); // throws for ConfigMap({ name: 'x' }), or ConfigMap({ name: `${spec.n}-cm` }), twice outside any `if`
 * ```
 */
export function checkDuplicateNames(resources: readonly ResourceNode[]): void {
  const seen = new Map<string, ResourceNode>();
  for (const resource of resources) {
    if (resource.externalRef || resource.forEach.length > 0) continue;
    const name = metadataField(resource, 'name');
    const cluster = kindScope(resource.apiVersion, resource.kind) === 'Cluster';
    // An empty namespace is an absent one: the instance's.
    const written = cluster ? undefined : metadataField(resource, 'namespace');
    const namespace = written === '' ? undefined : written;
    const [nameKey, namespaceKey] = [name === undefined ? undefined : valueKey(name), namespace === undefined ? INSTANCE_NAMESPACE : valueKey(namespace)];
    if (nameKey === undefined || namespaceKey === undefined) continue;
    // Only under the same conditions: resources in exclusive branches (`if (a) X; else Y`) are never made together.
    const key = JSON.stringify([resource.apiVersion, resource.kind, cluster ? '' : namespaceKey, nameKey, resource.includeWhen.map(printCel).sort()]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, resource);
      continue;
    }
    const shown = shownValue(name!);
    const shownNamespace = namespace === undefined || namespaceKey === INSTANCE_NAMESPACE ? {} : { namespace: shownValue(namespace) };
    const identity = { apiVersion: resource.apiVersion, kind: resource.kind, name: shown, ...shownNamespace };
    const where = resource.source ? `${resource.source.file}:${resource.source.line}:${resource.source.column}: ` : '';
    const hint = 'give each resource its own name';
    const computed = isExprValue(name) || isExprValue(namespace);
    throw new CompositionSyntaxError(`${where}${duplicateObjectMessage(first.id, resource.id, identity, computed)}\n  hint: ${hint}`, resource.source, `${resource.kind} "${shown}"`, hint);
  }
}

/** The key of an absent namespace: the instance's, as `instance.metadata.namespace` compiles. */
const INSTANCE_NAMESPACE = JSON.stringify(['expr', '${schema.metadata.namespace}']);

/** Equal for a literal text and for expressions that compile to the same KRO field; undefined for anything else. */
function valueKey(value: Value): string | undefined {
  if (typeof value === 'string') return JSON.stringify(['text', value]);
  return isExprValue(value) ? JSON.stringify(['expr', printFieldValue(value.expr)]) : undefined;
}

/** A name as the user wrote it: a literal as it is, an expression as template text (`${spec.n}-cm`, `${spec.name}`). */
function shownValue(value: Value): string {
  if (!isExprValue(value)) return String(value);
  const text = printAsJavaScript(value.expr);
  return value.expr.kind === 'template' ? text.slice(1, -1) : `\${${text}}`;
}
