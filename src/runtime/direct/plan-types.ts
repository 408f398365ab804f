/**
 * What a plan reports (planDirect, and kro mode's plan): the objects a deploy would create, change (with
 * field paths and values), prune, the conflicts and takeovers it meets, and the instance it makes or updates.
 */
import type { FieldConflict } from '../kube/client.js';
import type { Remedy } from '../../util/remedy.js';

/**
 * One object in a plan. `name` is absent when it is not known before apply.
 *
 * @example
 * import type { DeployPlan, PlannedObject } from 'typekro';
 * const web: PlannedObject = { resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'dev' };
 * const plan: DeployPlan = { create: [web], change: [], prune: [], unchanged: [], skipped: [], conflicts: [], takeovers: [] };
 * plan.create.map((object) => object.resourceId); // => ['web']
 */
export interface PlannedObject {
  readonly resourceId: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Its values depend on objects that do not exist yet: "create (values known after apply)". */
  readonly knownAfterApply?: boolean;
  /** Why the object could not be checked by the dry run, what it waits for, or what its deploy would need. */
  readonly note?: string;
  /** What to do about the note, as data (a deploy option it needs); clients render them in their own terms. */
  readonly remedies?: readonly Remedy[];
}

/**
 * An object a deploy would change, with the field paths.
 *
 * @example
 * import type { PlannedChange } from 'typekro';
 * const change: PlannedChange = { resource: { resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, paths: ['spec.replicas'] };
 * change.paths; // => ['spec.replicas']
 */
export interface PlannedChange {
  readonly resource: PlannedObject;
  /** Field paths that would change (`spec.replicas`, `data.password`), sorted. */
  readonly paths: readonly string[];
  /**
   * Those of `paths` the deploy removes (the live object has them, the applied one would not): a key dropped
   * from a Secret's `data` or `stringData`, a label dropped. Absent when none is.
   */
  readonly removed?: readonly string[];
  /**
   * Each of `paths` with its value before and after, as short JSON text: a Secret's values (all but its labels
   * and type) and fields whose template reads a secret are `[redacted]`, as is any secret value the plan knows;
   * an old value holding text is `[old text not shown]` (an earlier version of the composition may have put a
   * secret there); long values are cut. Absent where the planner shows no values.
   */
  readonly values?: readonly PlannedValue[];
}

/**
 * A changed field's value before and after a deploy, as short JSON text (`before` absent: the field is added;
 * `after` absent: it is removed).
 *
 * @example
 * import type { PlannedValue } from 'typekro';
 * const value: PlannedValue = { path: 'spec.replicas', before: '1', after: '3' };
 * `${value.before} → ${value.after}`; // => '1 → 3'
 */
export interface PlannedValue {
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

/**
 * The instance a deploy would make or update: `new` when no instance of this name was deployed (in this
 * namespace, of this composition), `same-spec` when one was with this spec, `other-spec` when one was with
 * another spec. An instance's name defaults to the composition's name, so a second spec deployed without a
 * name updates the first instance: its objects are changed and those the new spec does not make are pruned.
 *
 * @example
 * import type { PlannedInstance } from 'typekro';
 * const instance: PlannedInstance = { name: 'svcs', deployed: 'other-spec' };
 * instance.deployed === 'other-spec' ? `updating instance ${instance.name} (deployed before with another spec)` : ''; // => 'updating instance svcs (deployed before with another spec)'
 */
export interface PlannedInstance {
  readonly name: string;
  readonly deployed: 'new' | 'same-spec' | 'other-spec';
}

/**
 * An object whose fields another field manager owns.
 *
 * @example
 * import type { PlannedConflict } from 'typekro';
 * const conflict: PlannedConflict = { resource: { resourceId: 'config', apiVersion: 'v1', kind: 'ConfigMap', name: 'app' }, conflicts: [{ field: '.data.a', manager: 'kubectl' }] };
 * conflict.conflicts.map((f) => f.manager); // => ['kubectl']
 */
export interface PlannedConflict {
  readonly resource: PlannedObject;
  /** Fields another field manager owns: the deploy would fail unless applied with force (see `forced`). */
  readonly conflicts: readonly FieldConflict[];
  /**
   * True when the deploy applies this object with force, taking the fields over: the instance's own object
   * (a field changed by hand since its last deploy is put back; the `force` option of direct mode).
   */
  readonly forced?: boolean;
}

/**
 * An object another instance or tool owns: deploy refuses to take it over unless adopted (`adopt: true`).
 *
 * @example
 * import type { PlannedTakeover } from 'typekro';
 * const takeover: PlannedTakeover = { resource: { resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'dev' }, owner: 'TypeKro instance "alpha" of composition "webapp" (namespace dev, direct mode)', adoptable: true };
 * takeover.adoptable; // => true
 */
export interface PlannedTakeover {
  readonly resource: PlannedObject;
  /** Who owns it now, in words. */
  readonly owner: string;
  /** Whether adopt may take it over (kro mode: KRO cannot take over an object of another instance). */
  readonly adoptable: boolean;
}

/**
 * What a direct deploy would do, from a server-side dry run: objects to create, change, prune, conflicts,
 * and objects it would have to take over from another owner.
 *
 * @example
 * import type { DeployPlan } from 'typekro';
 * function summary(plan: DeployPlan): string {
 *   return `${plan.create.length} to create, ${plan.change.length} to change`;
 * }
 * summary({ create: [], change: [], prune: [], unchanged: [], skipped: [], conflicts: [], takeovers: [] }); // => '0 to create, 0 to change'
 */
export interface DeployPlan {
  readonly create: readonly PlannedObject[];
  readonly change: readonly PlannedChange[];
  readonly unchanged: readonly PlannedObject[];
  readonly prune: readonly PlannedObject[];
  readonly conflicts: readonly PlannedConflict[];
  /**
   * Objects another instance or tool owns: the deploy fails naming them unless it adopts them. One the deploy
   * refuses (no adopt) is listed only here: not also as a create, change or conflict the deploy never makes.
   */
  readonly takeovers: readonly PlannedTakeover[];
  /** Resource ids excluded by includeWhen. */
  readonly skipped: readonly string[];
  /** The instance the deploy would make or update (direct mode; absent where the planner does not tell). */
  readonly instance?: PlannedInstance;
  /**
   * kro mode, when the deploy changes the ResourceGraphDefinition: every other live instance of the kind (in
   * every namespace), which KRO reconciles with the new graph too, and what KRO will do to its objects.
   * Absent when the ResourceGraphDefinition does not change (nothing happens to the other instances).
   */
  readonly otherInstances?: readonly PlannedOtherInstance[];
  /** Why `otherInstances` may be incomplete (the instances of other namespaces could not be listed). */
  readonly otherInstancesNote?: string;
}

/**
 * Another instance of the kind, as a changed ResourceGraphDefinition changes it (kro mode): what KRO will
 * create, change and delete among its objects, planned with its own live spec as the deployed instance's are.
 *
 * @example
 * import type { PlannedOtherInstance } from 'typekro';
 * const other: PlannedOtherInstance = { name: 'x', namespace: 'e2', create: [], change: [], unchanged: [], skipped: [], prune: [{ resourceId: 'gone', apiVersion: 'v1', kind: 'ConfigMap', name: 'x-gone', namespace: 'e2' }] };
 * other.prune.map((o) => o.name); // => ['x-gone']
 */
export interface PlannedOtherInstance {
  readonly name: string;
  readonly namespace?: string;
  readonly create: readonly PlannedObject[];
  readonly change: readonly PlannedChange[];
  readonly unchanged: readonly PlannedObject[];
  /** Its objects KRO deletes: the new graph no longer renders them for its spec. */
  readonly prune: readonly PlannedObject[];
  readonly skipped: readonly string[];
  /** Why its objects could not be planned, or what of the new graph fails for its spec. */
  readonly note?: string;
}
