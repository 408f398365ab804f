/**
 * Which object a manifest makes (apiVersion, kind, namespace, name), as one key, and the one message for two
 * resources that make the same object: checked at definition for literal names and for names written as the same
 * expression (composition/duplicate-names.ts), and by the planner on every plan for other computed ones (runtime/engine/distinct-objects.ts).
 */

/** What names an object in the cluster; an absent namespace is the instance's (or the kind is cluster-scoped). */
export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/**
 * Equal for two identities exactly when they name the same object (an absent namespace equals '').
 *
 * @example
 * ```ts
 * objectKey({ apiVersion: 'v1', kind: 'ConfigMap', name: 'web' }) === objectKey({ apiVersion: 'v1', kind: 'ConfigMap', namespace: '', name: 'web' }); // => true
 * ```
 */
export function objectKey(identity: ObjectIdentity): string {
  return JSON.stringify([identity.apiVersion, identity.kind, identity.namespace ?? '', identity.name]);
}

/**
 * The sentence both checks start with: which resources, which object, and what would happen.
 *
 * @example
 * ```ts
 * duplicateObjectMessage('a', 'b', { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'dev', name: 'same' });
 * // => 'resources "a" and "b" both make ConfigMap "same" in namespace dev: one object would hold the last one\'s content'
 * duplicateObjectMessage('a', 'b', { apiVersion: 'v1', kind: 'ConfigMap', name: '${spec.n}-cm' }, true);
 * // => 'resources "a" and "b" both make ConfigMap "${spec.n}-cm": their names are the same expression, so for every spec one object would hold the last one\'s content'
 * ```
 */
export function duplicateObjectMessage(first: string, second: string, identity: ObjectIdentity, sameExpression = false): string {
  const who = first === second ? `resource "${second}" makes two objects` : `resources "${first}" and "${second}" both make`;
  const where = identity.namespace ? ` in namespace ${identity.namespace}` : '';
  // A name computed from the spec, written the same way twice: the same object whatever the spec holds.
  const why = sameExpression ? 'their names are the same expression, so for every spec ' : '';
  return `${who} ${identity.kind} "${identity.name}"${where}: ${why}one object would hold the last one's content`;
}
