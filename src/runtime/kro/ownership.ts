/**
 * KRO mode's ownership check, before anything is applied (the RGD included): the objects the instance will
 * make are named by the direct runtime's planner from the spec (the same CEL KRO evaluates), read, and judged
 * by the one check of both modes (engine/ownership-check.ts). A resource whose name or namespace needs data
 * only the cluster produces (another object's status, the instance's uid) cannot be named beforehand: it is
 * listed as unchecked, and KRO's own refusal of another instance's objects (its ApplySet) guards it.
 *
 * Adoption in kro mode: KRO applies with force and adopts an object no instance's ApplySet holds (made by
 * kubectl, Helm, an operator), so `adopt` lets those through; it refuses a child of another TypeKro or KRO
 * instance (`ErrApplySetConflict`), so those are refused even with `adopt`, saying so.
 *
 * Between this check and KRO's apply there is a window this process cannot close: KRO makes the writes, with
 * no precondition. KRO still refuses objects another instance took meanwhile; an unlabelled object made by
 * another tool meanwhile is adopted by KRO.
 */
import { checkObjectNames, finalizeManifest, nameableObjects, OwnershipGuard, type KubeObject, type OwnershipFinding, type PreparedGraph } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { ownershipReader } from '../direct/ownership.js';

/** The instance a kro-mode check is for. */
export interface KroClaim {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly spec: unknown;
}

/** What the planner can name before anything exists, and the resources it cannot. */
export interface KroChildren {
  readonly manifests: readonly { readonly resourceId: string; readonly manifest: KubeObject }[];
  /** Resource ids whose objects cannot be named before KRO applies them: their names need cluster data. */
  readonly unchecked: readonly string[];
  /** Resources whose rendering fails for this spec by TypeKro's CEL engine (KRO evaluates the same CEL). */
  readonly failing: readonly { readonly resourceId: string; readonly message: string; readonly named: boolean }[];
}

/** Scope of a kind; a kind the cluster does not serve yet (the graph makes its CRD) counts as namespaced. */
export type NamespacedLookup = (apiVersion: string, kind: string) => Promise<boolean>;

/**
 * The objects of the instance the planner can name from the spec alone (engine/nameable.ts, as direct
 * mode's preflight), reduced to what names them.
 *
 * @example
 * ```ts
 * const { manifests, unchecked } = await kroChildren(prepared, { kind: 'WebApp', name: 'shop', namespace: 'dev', spec }, namespaced);
 * ```
 */
export async function kroChildren(prepared: PreparedGraph, claim: KroClaim, namespaced: NamespacedLookup): Promise<KroChildren> {
  const instance = { name: claim.name, namespace: claim.namespace };
  // KRO puts a namespaced child without a namespace into the instance's namespace.
  const finalize = async (m: KubeObject, id: string): Promise<KubeObject> =>
    identityOnly(finalizeManifest(m, id, { composition: '', instance: '', namespace: claim.namespace }, await namespaced(String(m.apiVersion), String(m.kind)).catch(() => true)), m);
  const { manifests, unnamed, failing } = await nameableObjects(prepared, { spec: claim.spec, instance }, finalize);
  return { manifests, unchecked: unnamed, failing };
}

/**
 * What names the object (the ownership check reads it) and the composition's own labels and annotations (the
 * name check judges them as direct mode's does before anything is applied; trial 16: a label KRO's apply
 * refused left the instance in ERROR). Nothing of TypeKro's labels goes anywhere.
 */
function identityOnly(manifest: KubeObject, rendered: KubeObject): KubeObject {
  const { name, namespace } = (manifest.metadata ?? {}) as { name?: string; namespace?: string };
  const { labels, annotations } = (rendered.metadata ?? {}) as { labels?: unknown; annotations?: unknown };
  return { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
}

/** What the check found: objects another owner has (by resource id), and resources it could not check. */
export interface KroOwnership {
  readonly findings: readonly (OwnershipFinding & { readonly resourceId: string })[];
  readonly unchecked: readonly string[];
  readonly failing: KroChildren['failing'];
  /** Throws OwnershipConflictError for the findings `adopt` does not cover. */
  refuse(): void;
}

/**
 * Checks the names of the instance's nameable objects (InvalidObjectNameError), then reads and judges them
 * (nothing is written).
 *
 * @example
 * ```ts
 * const ownership = await checkKroOwnership(client, prepared, claim, { adopt: false, namespaced, call });
 * ownership.refuse(); // OwnershipConflictError naming each object another instance or tool owns
 * ```
 */
export async function checkKroOwnership(
  client: KubeClient,
  prepared: PreparedGraph,
  claim: KroClaim,
  options: { readonly adopt: boolean; readonly namespaced: NamespacedLookup; readonly call: () => CallOptions; readonly redact?: (text: string) => string },
): Promise<KroOwnership> {
  const children = await kroChildren(prepared, claim, options.namespaced);
  // Before anything is applied, the RGD included: KRO would fail on the object when its turn came.
  checkObjectNames(prepared, children.manifests, { nothingApplied: true, ...(options.redact ? { redact: options.redact } : {}) });
  const guard = new OwnershipGuard(ownershipReader(client, options.call), { mode: 'kro', kind: claim.kind, instance: claim.name, namespace: claim.namespace }, options.adopt);
  const findings = await guard.findings(children.manifests.map((c) => c.manifest));
  const idOf = new Map(children.manifests.map((c) => [c.manifest, c.resourceId]));
  return {
    findings: findings.map((f) => ({ ...f, resourceId: idOf.get(f.manifest) ?? '' })),
    unchecked: children.unchecked,
    failing: children.failing,
    // before anything is applied, the RGD included
    refuse: () => guard.refuse(findings, true),
  };
}

/**
 * What the check could not do, and why, one note each: names that need cluster data, and resources whose
 * rendering fails for the spec (with the error, and whether their object's ownership was checked).
 *
 * @example
 * ```ts
 * uncheckedNotes({ unchecked: ['late'], failing: [] });
 * // => ['ownership of late not checked: its name needs data only the cluster has (KRO refuses objects of another instance)']
 * ```
 */
export function uncheckedNotes(ownership: Pick<KroOwnership, 'unchecked' | 'failing'>): string[] {
  const notes: string[] = [];
  if (ownership.unchecked.length > 0) {
    const names = ownership.unchecked.length === 1 ? 'its name needs' : 'their names need';
    notes.push(`ownership of ${ownership.unchecked.join(', ')} not checked: ${names} data only the cluster has (KRO refuses objects of another instance)`);
  }
  for (const { resourceId, message, named } of ownership.failing) {
    const checked = named ? '' : '; its ownership was not checked';
    notes.push(`resource "${resourceId}" fails to render for this spec by TypeKro's CEL engine (KRO evaluates the same CEL): ${message}${checked}`);
  }
  return notes;
}
