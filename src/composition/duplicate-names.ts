/**
 * Two resources of a composition written with the same literal object name (same apiVersion, kind and
 * namespace) under the same conditions: every instance would make one object where the code says two.
 * Names computed from the spec are checked for each spec by the planner (engine/distinct-objects.ts): deploy,
 * plan, check, render and simulate all refuse them.
 */
import { CompositionSyntaxError } from '../analysis/errors.js';
import { printCel } from '../compile/cel/print.js';
import { metadataField } from '../compile/rgd/index.js';
import type { ResourceNode } from '../ir/graph.js';
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
