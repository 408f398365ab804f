/**
 * KRO mode's plan: what applying the ResourceGraphDefinition and the instance would change, each from a
 * server-side dry run compared with the live object (field paths, and values where the caller shows them:
 * `ShowValue`, which redacts). The instance's
 * children are planned beside it (children-plan.ts: what KRO will create, change and delete); those the spec names are checked for ownership
 * (`takeovers`: objects another instance or tool owns, which the deploy would refuse). An instance whose kind KRO does not serve yet
 * (the RGD is new) is a create.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '../engine/index.js';
import { diffFields, plannedChange, takeoverOf, type DeployPlan, type FieldDiff, type PlannedObject, type ShowValue } from '../direct/plan.js';
import { uncheckedNotes, type KroOwnership } from './ownership.js';
import { plain, refOf } from '../direct/objects.js';
import { KubeApiError, type CallOptions, type KubeClient } from '../kube/client.js';

type Outcome = { kind: 'create' | 'unchanged'; object: PlannedObject } | ({ kind: 'change'; object: PlannedObject } & FieldDiff);

/** How the plan shows the values of the RGD's and the instance's changed fields (each redacts its own secrets). */
export interface KroPlanValues {
  readonly rgd: ShowValue;
  readonly instance: ShowValue;
}

/** A 404 that a namespace will not fix: the namespace itself is missing. */
function missingNamespace(error: unknown): boolean {
  return error instanceof KubeApiError && /namespaces? "[^"]*" not found/i.test(error.message);
}

/** What the plan says about an object besides its outcome. */
export type PlanNote = Pick<PlannedObject, 'note' | 'remedies'>;

async function dryRun(client: KubeClient, resourceId: string, manifest: KubeObject, call: CallOptions, note: PlanNote = {}): Promise<Outcome> {
  const ref = refOf(manifest);
  const object: PlannedObject = { resourceId, apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), ...note };
  const live = await client.get(ref, call);
  let result: KubeObject;
  try {
    result = plain(await client.apply(manifest as KubernetesObject, { dryRun: true, force: true, ...call }));
  } catch (error) {
    if (live || !(error instanceof KubeApiError && error.status === 404) || missingNamespace(error)) throw error;
    return { kind: 'create', object: { ...object, note: `${ref.kind} is not served yet: KRO creates its CRD when it accepts the graph` } };
  }
  if (!live) return { kind: 'create', object };
  const fields = diffFields(plain(live), result);
  return fields.paths.length > 0 ? { kind: 'change', object, ...fields } : { kind: 'unchanged', object };
}

/**
 * @example
 * ```ts
 * const plan = await planKro(client, rgd, instance, { deadline: Date.now() + 30_000 });
 * plan.create.map((o) => o.resourceId); // ['rgd', 'instance'] on a fresh cluster
 * ```
 */
export async function planKro(client: KubeClient, rgd: KubeObject, instance: KubeObject, call: CallOptions, rgdNote?: PlanNote, ownership?: KroOwnership, values?: KroPlanValues): Promise<DeployPlan> {
  const notes = ownership ? uncheckedNotes(ownership) : [];
  const unchecked = notes.length > 0 ? { note: notes.join('; ') } : {};
  const outcomes = [await dryRun(client, 'rgd', rgd, call, rgdNote), await dryRun(client, 'instance', instance, call, unchecked)];
  return {
    create: outcomes.filter((o) => o.kind === 'create').map((o) => o.object),
    change: outcomes.flatMap((o) => (o.kind === 'change' ? [plannedChange(o.object, o, values?.[o.object.resourceId === 'rgd' ? 'rgd' : 'instance'])] : [])),
    unchanged: outcomes.filter((o) => o.kind === 'unchanged').map((o) => o.object),
    prune: [],
    conflicts: [],
    takeovers: (ownership?.findings ?? []).map((f) => takeoverOf(f.resourceId, f)),
    skipped: [],
  };
}

/**
 * Whether applying the RGD changes it: there is none yet, or a server-side dry run differs from the live one
 * (a deploy plans the other instances of the kind only then: an RGD KRO already has changes none of them).
 *
 * @example
 * ```ts
 * await rgdChanges(client, compileRgd(graph), { deadline: Date.now() + 30_000 }); // => false for the RGD deployed last
 * ```
 */
export async function rgdChanges(client: KubeClient, rgd: KubeObject, call: CallOptions): Promise<boolean> {
  return (await dryRun(client, 'rgd', rgd, call)).kind !== 'unchanged';
}
