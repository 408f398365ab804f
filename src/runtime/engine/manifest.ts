/**
 * What direct mode adds to a rendered manifest before applying it: the factory namespace for namespaced
 * kinds without one (KRO's `normalizeNamespaces`), and labels that mark which instance owns the object so
 * `deleteInstance` can find exactly those objects again.
 */
import { applySetId, APPLYSET } from './applyset.js';
import { LABELS, labelValue, type Ownership } from './labels.js';
import { isClusterScopedKind } from '../../util/kinds.js';
import type { KubeObject } from './types.js';
import { reservedLabelProblem } from '../../util/label-syntax.js';
import { TypeKroError } from '../../util/errors.js';

export { LABELS, labelValue, ownershipSelector, type Ownership } from './labels.js';


/** Guess from the kind alone; the driver asks the API server instead. */
export function isNamespacedKindOffline(_apiVersion: string, kind: string): boolean {
  return !isClusterScopedKind(kind);
}

/**
 * A copy of the manifest with ownership labels and, for a namespaced kind, the default namespace.
 *
 * @example
 * ```ts
 * finalizeManifest(deployment, 'deployment', owner, true).metadata.namespace; // 'default'
 * ```
 */
export function finalizeManifest(manifest: KubeObject, resourceId: string, owner: Ownership, namespaced: boolean): KubeObject {
  const { name, namespace, labels, ...rest } = (manifest.metadata as Record<string, unknown> | undefined) ?? {};
  refuseReservedLabels(labels, resourceId, String(manifest.kind ?? ''));
  const metadata: Record<string, unknown> = name === undefined ? {} : { name };
  // KRO's normalizeNamespaces: a namespaced child without a namespace goes to the instance namespace.
  if (namespaced) metadata.namespace = namespace === undefined || namespace === '' ? owner.namespace : namespace;
  metadata.labels = {
    ...((labels as Record<string, string> | undefined) ?? {}),
    [LABELS.managedBy]: 'typekro',
    [LABELS.composition]: labelValue(owner.composition),
    [LABELS.instance]: labelValue(owner.instance),
    [LABELS.instanceNamespace]: owner.namespace,
    [LABELS.resourceId]: labelValue(resourceId),
    [APPLYSET.partOf]: applySetId(owner),
  };
  return { ...manifest, metadata: { ...metadata, ...rest } };
}

/**
 * A label map computed from the spec or the cluster (`labels: spec.labels`) holding a label both modes set
 * themselves: the user's value would be replaced without a word (literal ones are refused at definition).
 */
function refuseReservedLabels(labels: unknown, resourceId: string, kind: string): void {
  if (typeof labels !== 'object' || labels === null) return;
  for (const key of Object.keys(labels)) {
    const problem = reservedLabelProblem(key);
    if (problem) {
      throw new TypeKroError('SPEC_INVALID', `resource "${resourceId}" (${kind}): the label "${key}" ${problem}; it comes from a label map computed from the spec or the cluster: leave the key out of that map. Nothing was applied for this object.`);
    }
  }
}
