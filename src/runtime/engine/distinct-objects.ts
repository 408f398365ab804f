/**
 * Two resources of one instance that name the same object (same apiVersion, kind, namespace and name, e.g.
 * both named from spec fields that happen to be equal): applying both would leave one object holding the
 * last one's content while the deploy reports both. Checked on the objects named before anything is applied.
 */
import { TypeKroError } from '../../util/errors.js';
import { duplicateObjectMessage, objectKey } from '../../util/object-identity.js';
import type { KubeObject } from './types.js';

/**
 * Throws SPEC_INVALID naming both resource ids and the object when two resources name the same object.
 *
 * @example
 * ```ts
 * checkDistinctObjects([
 *   { resourceId: 'a', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'dev' } } },
 *   { resourceId: 'b', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'dev' } } },
 * ]); // throws: resources "a" and "b" both make ConfigMap "same" in namespace dev ...
 * ```
 */
export function checkDistinctObjects(entries: readonly { readonly resourceId: string; readonly manifest: KubeObject }[]): void {
  const seen = new Map<string, string>();
  for (const { resourceId, manifest } of entries) {
    const { name, namespace } = (manifest.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof name !== 'string') continue;
    const identity = { apiVersion: String(manifest.apiVersion), kind: String(manifest.kind), name, ...(typeof namespace === 'string' ? { namespace } : {}) };
    const key = objectKey(identity);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, resourceId);
      continue;
    }
    throw new TypeKroError('SPEC_INVALID', `${duplicateObjectMessage(first, resourceId, identity)}. Nothing was applied; give them different names (check the spec values their names are made of)`);
  }
}
