/**
 * How the other instances a changed ResourceGraphDefinition changes are told (kro mode; kro-others.ts plans
 * them): pure text, so that the error that lists them loads no Kubernetes client.
 */
import type { PlannedOtherInstance } from '../runtime/direct/plan-types.js';

/** Whether KRO does anything to the instance's objects (or cannot, for this spec). */
export function affected(instance: PlannedOtherInstance): boolean {
  return instance.create.length + instance.change.length + instance.prune.length > 0 || instance.note !== undefined;
}

/** `Evo e2/x`: the kind and where the instance is. */
export function instanceLabel(kind: string, instance: { readonly name: string; readonly namespace?: string }): string {
  return `${kind} ${instance.namespace ? `${instance.namespace}/` : ''}${instance.name}`;
}

/**
 * One line of what KRO does to another instance: its counts, the objects it deletes by name.
 *
 * @example
 * ```ts
 * describeOther('Evo', { name: 'x', namespace: 'e2', create: [], change: [], unchanged: [], skipped: [], prune: [{ resourceId: 'gone', apiVersion: 'v1', kind: 'ConfigMap', name: 'x-gone', namespace: 'e2' }] });
 * // => 'Evo e2/x: 0 to create, 0 to change, 1 to delete (ConfigMap e2/x-gone)'
 * ```
 */
export function describeOther(kind: string, instance: PlannedOtherInstance): string {
  const deleted = instance.prune.map((o) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name ?? ''}`);
  const counts = `${instance.create.length} to create, ${instance.change.length} to change, ${instance.prune.length} to delete`;
  return `${instanceLabel(kind, instance)}: ${counts}${deleted.length > 0 ? ` (${deleted.join(', ')})` : ''}${instance.note ? `; ${instance.note}` : ''}`;
}
