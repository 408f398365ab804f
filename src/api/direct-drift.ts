/**
 * Direct mode's status compares the live objects with what a deploy of the instance's spec would apply, by
 * the same server-side dry run `plan` makes (runtime/direct/plan.ts): no second differ. KRO reconciles its
 * children again and again, so a hand edit (`kubectl patch`, `kubectl scale`, a label removed) is put back
 * within seconds in kro mode; direct mode applies only when deployed, so its status says which objects
 * differ and how, and the instance is not ready until a deploy puts them back (trial 19 F1: status said
 * "ready" for a Deployment scaled to 0 by hand).
 */
import type { DeployPlan, PlannedChange } from '../runtime/direct/plan-types.js';
import { KubeApiError } from '../runtime/kube/client.js';

/** One object whose live fields differ from the composition's: each change as `path: live → composition`. */
export interface DriftedObject {
  readonly resourceId: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly changes: readonly string[];
}

/** What the comparison found, or why it was not made. */
export type Drift = { readonly drift: readonly DriftedObject[] } | { readonly unchecked: string };

/**
 * The objects `plan` would change (values as `plan` shows them, secrets redacted). Objects missing are not
 * drift (status reports them as missing); values known only after an apply are not compared. A dry run the
 * account may not make (no `patch` permission), or that fails, leaves the drift unchecked, saying why.
 *
 * @example
 * ```ts
 * const found = await driftOf(() => factory.plan(spec));
 * 'drift' in found ? found.drift.map((d) => d.changes) : found.unchecked;
 * ```
 */
export async function driftOf(plan: () => Promise<DeployPlan>): Promise<Drift> {
  let planned: DeployPlan;
  try {
    planned = await plan();
  } catch (error) {
    if (error instanceof KubeApiError && (error.status === 403 || error.status === 401)) return { unchecked: `the dry run that compares them was refused: ${error.message}` };
    if ((error as Error | undefined)?.name === 'AbortError') throw error;
    // status reports what is there; a plan that cannot be made (a webhook refusing dry runs, a conflict, a
    // name two objects share) is said, not thrown (review 39 finding 5)
    return { unchecked: `the dry run that compares them failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { drift: planned.change.filter((change) => !change.resource.knownAfterApply && change.paths.length > 0).map(drifted) };
}

function drifted(change: PlannedChange): DriftedObject {
  const values = new Map((change.values ?? []).map((value) => [value.path, value]));
  const changes = change.paths.map((path) => {
    const value = values.get(path);
    if (!value) return `${path}${change.removed?.includes(path) ? ' (a deploy removes it)' : ''}`;
    return `${path}: ${value.before ?? '(none)'} → ${value.after ?? '(removed)'}`;
  });
  const { resourceId, kind, name, namespace } = change.resource;
  return { resourceId, kind, name: name ?? '', ...(namespace ? { namespace } : {}), changes };
}
