/**
 * Who owns an existing object, as the labels, ownerReferences and managedFields of the object tell, so a
 * deploy can refuse to take over what another instance (direct or KRO) or another tool made. Helm refuses
 * the same way ("invalid ownership metadata"); taking an object over is an explicit choice (`adopt`).
 */
import { LABELS, labelValue, type Ownership } from './labels.js';
import type { KubeObject } from './types.js';

/** KRO's labels on the children of its instances (kro `pkg/metadata/labels.go`). */
export const KRO_LABELS = {
  managedBy: 'kro',
  instance: 'kro.run/instance-name',
  instanceNamespace: 'kro.run/instance-namespace',
  instanceKind: 'kro.run/instance-kind',
  resourceId: 'kro.run/node-id',
  rgd: 'kro.run/resource-graph-definition-name',
} as const;
const KRO = KRO_LABELS;

/** Field managers that write only what the cluster derives (status, defaults): they own nothing a user made. */
const SYSTEM_MANAGERS = /^(kube-controller-manager|kube-scheduler|kubelet|kube-apiserver)$/;

/**
 * The instance a check is for, in either mode: a direct instance (TypeKro's labels, field manager `typekro`)
 * or a KRO instance (KRO's labels on its children, KRO's field managers).
 */
export type Claimant =
  | { readonly mode: 'direct'; readonly owner: Ownership }
  | { readonly mode: 'kro'; readonly kind: string; readonly instance: string; readonly namespace: string };

/** KRO's field managers: its applies (`kro.run/applyset`) and its labelling of instances (kro-facts §6). */
const KRO_MANAGERS = ['kro.run/applyset', 'kro.run/labeller'];
/** TypeKro's field manager in direct mode (the kube client's FIELD_MANAGER). */
const DIRECT_MANAGER = 'typekro';

/** Who else owns an object; `undefined` from {@link foreignOwner} means the instance itself (or nobody) does. */
export type ForeignOwner =
  | { readonly by: 'typekro'; readonly composition: string; readonly instance: string; readonly namespace: string }
  | { readonly by: 'kro'; readonly kind: string; readonly instance: string; readonly namespace: string; readonly rgd?: string }
  | { readonly by: 'controller'; readonly kind: string; readonly name: string }
  | { readonly by: 'managers'; readonly managers: readonly string[] };

interface Metadata {
  labels?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  managedFields?: { manager?: string; subresource?: string }[];
}

/**
 * True when the object carries `owner`'s instance labels (what `ownershipSelector` selects).
 *
 * @example
 * ```ts
 * ownedBy(finalizeManifest(configMap, 'config', owner, true), owner); // true
 * ```
 */
export function ownedBy(object: KubeObject, owner: Ownership): boolean {
  const labels = (object.metadata as Metadata | undefined)?.labels ?? {};
  return (
    labels[LABELS.composition] === labelValue(owner.composition) &&
    labels[LABELS.instance] === labelValue(owner.instance) &&
    labels[LABELS.instanceNamespace] === owner.namespace
  );
}

/** True when the object carries the claimant's own labels (TypeKro's in direct mode, KRO's in kro mode). */
function ownLabels(labels: Record<string, string>, object: KubeObject, claimant: Claimant): boolean {
  if (claimant.mode === 'direct') return ownedBy(object, claimant.owner);
  return labels[KRO.instance] === claimant.instance && labels[KRO.instanceNamespace] === claimant.namespace && labels[KRO.instanceKind] === claimant.kind;
}

/**
 * Who other than `claimant` owns an existing object: another TypeKro instance (its labels), a KRO instance
 * (KRO's labels), a controller (a controller ownerReference), or field managers other than the claimant's
 * own (the object was made by kubectl, Helm, an operator). `undefined` when the object is the claimant's own.
 *
 * @example
 * ```ts
 * const owner = { composition: 'webapp', instance: 'beta', namespace: 'dev' };
 * const alphas = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', labels: { 'typekro.dev/composition': 'webapp', 'typekro.dev/instance': 'alpha', 'typekro.dev/instance-namespace': 'dev' } } };
 * foreignOwner(alphas, { mode: 'direct', owner }); // { by: 'typekro', composition: 'webapp', instance: 'alpha', namespace: 'dev' }
 * ```
 */
export function foreignOwner(object: KubeObject, claimant: Claimant): ForeignOwner | undefined {
  const metadata = (object.metadata as Metadata | undefined) ?? {};
  const labels = metadata.labels ?? {};
  if (ownLabels(labels, object, claimant)) return undefined;
  const instance = labels[LABELS.instance];
  if (instance !== undefined) return { by: 'typekro', composition: labels[LABELS.composition] ?? '?', instance, namespace: labels[LABELS.instanceNamespace] ?? '?' };
  if (labels[KRO.instance] !== undefined || labels[LABELS.managedBy] === KRO.managedBy) {
    const rgd = labels[KRO.rgd];
    return { by: 'kro', kind: labels[KRO.instanceKind] ?? '?', instance: labels[KRO.instance] ?? '?', namespace: labels[KRO.instanceNamespace] ?? '?', ...(rgd ? { rgd } : {}) };
  }
  const controller = metadata.ownerReferences?.find((ref) => ref.controller);
  if (controller) return { by: 'controller', kind: controller.kind ?? '?', name: controller.name ?? '?' };
  const ours = claimant.mode === 'direct' ? [DIRECT_MANAGER] : KRO_MANAGERS;
  const managers = [
    ...new Set((metadata.managedFields ?? []).filter((f) => !f.subresource && f.manager && !ours.includes(f.manager) && !SYSTEM_MANAGERS.test(f.manager)).map((f) => f.manager!)),
  ];
  // An object only our field manager ever wrote (a label removed by hand, an old TypeKro) is not someone else's.
  return managers.length > 0 ? { by: 'managers', managers } : undefined;
}

/**
 * Whether `claimant` can take over an object `owner` owns. Direct mode can take over anything (its apply
 * relabels the object). KRO refuses a child that is in another instance's ApplySet (`ErrApplySetConflict`,
 * kro-facts §6), i.e. an object of another TypeKro or KRO instance, and adopts only unlabelled objects.
 *
 * @example
 * ```ts
 * adoptable({ by: 'managers', managers: ['kubectl'] }, { mode: 'kro', kind: 'App', instance: 'a', namespace: 'dev' }); // true
 * ```
 */
export function adoptable(owner: ForeignOwner, claimant: Claimant): boolean {
  return claimant.mode === 'direct' || owner.by === 'managers' || owner.by === 'controller';
}

/**
 * The owner in words, for error messages.
 *
 * @example
 * ```ts
 * describeOwner({ by: 'managers', managers: ['kubectl-client-side-apply'] }); // 'field manager "kubectl-client-side-apply" (not a TypeKro instance)'
 * ```
 */
export function describeOwner(owner: ForeignOwner): string {
  switch (owner.by) {
    case 'typekro':
      return `TypeKro instance "${owner.instance}" of composition "${owner.composition}" (namespace ${owner.namespace}, direct mode)`;
    case 'kro':
      return `KRO instance ${owner.kind} ${owner.namespace}/${owner.instance}${owner.rgd ? ` (ResourceGraphDefinition ${owner.rgd})` : ''}`;
    case 'controller':
      return `its controller ${owner.kind} "${owner.name}" (ownerReference)`;
    case 'managers':
      return `${owner.managers.length > 1 ? 'field managers' : 'field manager'} ${owner.managers.map((m) => `"${m}"`).join(', ')} (not a TypeKro instance)`;
  }
}
