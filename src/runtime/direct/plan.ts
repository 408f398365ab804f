/**
 * `plan(spec)`: what a deploy would do, from a server-side dry run of the whole graph (nothing is
 * changed; the instance record is only read). Each resource is rendered in dependency order against what
 * the cluster has: an object that exists is dry-run applied and compared with the live one (changed field
 * paths, never values); an object that does not exist yet is a create, and its rendered manifest stands in
 * for it when dependents read it. A resource whose values need data only a real apply produces is reported
 * with `knownAfterApply`, its note naming the field: the status or server-assigned fields of an object not
 * created yet, and the status of one the deploy changes (its dry-run result stands in for it without
 * status: the deploy reads the status once the change is rolled out). Such a read is unknown whatever
 * JavaScript default surrounds it (`web.status.readyReplicas ?? 0` is not 0), and so is an object of such a
 * stand-in copied whole (see `cel/stand-in.ts`). Objects the instance owns that the graph no longer wants
 * are listed under `prune`.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { checkObjectNames, labelValue, mergeKinds, nextGeneration, OwnershipGuard, planInstance, type KubeObject, type NodePlan, type OwnershipFinding } from '../engine/index.js';
import { ApplyConflictError, KubeApiError, type FieldConflict } from '../kube/client.js';
import { finalManifests, type ObservedMap } from './apply-node.js';
import { DeployFailedError } from './errors.js';
import { listOwned, objectKey, resourceIdOf } from './owned.js';
import { ownershipReader } from './ownership.js';
import { assignedOf, graphKinds, readRecord } from './record.js';
import { SchemaCache } from './schemas.js';
import { Redactor } from '../../util/redact.js';
import type { Remedy } from '../../util/remedy.js';
import { callOptions, plain, redactNames, refOf, type DirectSession } from './session.js';

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
  /** Field paths that would change (`spec.replicas`, `data.password`), sorted; values are never shown. */
  readonly paths: readonly string[];
  /**
   * Those of `paths` the deploy removes (the live object has them, the applied one would not): a key dropped
   * from a Secret's `data` or `stringData`, a label dropped. Absent when none is.
   */
  readonly removed?: readonly string[];
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
  /** Fields another field manager owns: the deploy would fail unless applied with force. */
  readonly conflicts: readonly FieldConflict[];
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
}

/** Metadata the server manages: never reported as a change. */
const IGNORED_METADATA = new Set(['managedFields', 'resourceVersion', 'generation', 'creationTimestamp', 'uid', 'selfLink']);

/**
 * @example
 * ```ts
 * const plan = await planDirect(session);
 * plan.change; // [{ resource: { resourceId: 'deployment', kind: 'Deployment', name: 'web', ... }, paths: ['spec.replicas'] }]
 * ```
 */
export async function planDirect(session: DirectSession): Promise<DeployPlan> {
  const redactor = session.redactor ?? new Redactor();
  try {
    return await planWith({ ...session, redactor }, redactor);
  } catch (error) {
    throw redactor.error(error);
  }
}

async function planWith(session: DirectSession, redactor: Redactor): Promise<DeployPlan> {
  const call = () => callOptions(session, 10_000);
  const record = await readRecord(session.client, session.owner, call());
  // An instance deployed before has its uid and creation time; a new spec would be its next generation.
  const assigned = record ? assignedOf({ ...record, generation: nextGeneration(record, session.spec).generation }) : undefined;
  const instance = { ...session.instance, ...(assigned ? { assigned } : {}) };
  const schemas = session.schemas ?? new SchemaCache(session.client, session.openApiDocuments);
  const observed: ObservedMap = new Map();
  // The observed objects that only stand in for what the deploy will produce (creates and changes).
  const standIns = new Set<object>();
  const done = new Set<string>();
  const create: PlannedObject[] = [];
  const change: PlannedChange[] = [];
  const unchanged: PlannedObject[] = [];
  const conflicts: PlannedConflict[] = [];
  const guard = new OwnershipGuard(ownershipReader(session.client, call), { mode: 'direct', owner: session.owner }, session.adopt ?? false);
  const takeovers: PlannedTakeover[] = [];
  let nodes: ReadonlyMap<string, NodePlan> = new Map();
  let order: readonly string[] = session.prepared.order;
  for (;;) {
    const plan = planInstance(session.prepared, { spec: session.spec, instance, observed, readiness: 'exists', schemas: schemas.byId, standIns });
    nodes = plan.nodes;
    order = plan.order;
    for (const node of plan.nodes.values()) {
      if (node.state === 'apply') for (const m of node.manifests) redactor.addManifest(m);
      if (node.state === 'error') throw new DeployFailedError(`resource "${node.id}": ${node.message}`, node.id);
    }
    let progressed = false;
    for (const id of plan.order) {
      const node = plan.nodes.get(id);
      if (done.has(id) || !node) continue;
      if (node.state === 'external') {
        const found = await session.client.get(node.target, call());
        if (!found) continue; // stays unresolved: its dependents are reported as known after apply
        await schemas.remember(id, plain(found), call());
        observed.set(id, plain(found));
      } else if (node.state === 'apply') {
        const stand: KubeObject[] = [];
        const manifests = await manifestsOf(session, node);
        checkObjectNames(session.prepared, manifests.map((manifest) => ({ resourceId: id, manifest })), redactNames(session));
        const findings = await guard.findings(manifests);
        takeovers.push(...findings.map((f) => takeoverOf(id, f)));
        // An object the deploy refuses to take over is listed once, as the takeover: not also as the change
        // (or create) and field conflicts the deploy will never make. Its live object stands in for dependents.
        const refused = new Set(findings.filter((f) => !(session.adopt ?? false) || !f.adoptable).map((f) => objectKey(f.manifest)));
        for (const manifest of manifests) {
          if (refused.has(objectKey(manifest))) {
            stand.push((await liveObject(session, manifest, call)) ?? manifest);
            continue;
          }
          const result = await dryRun(session, id, manifest, call);
          if (result.kind === 'create') create.push(result.object);
          else if (result.kind === 'change') change.push(plannedChange(result.object, result));
          else if (result.kind === 'unchanged') unchanged.push(result.object);
          if (result.conflicts) conflicts.push({ resource: result.object, conflicts: result.conflicts });
          stand.push(result.standIn);
          if (result.kind !== 'unchanged') standIns.add(result.standIn);
        }
        // A kind the cluster does not serve yet has no schema: its stand-in stays plain JSON.
        if (stand[0]) await schemas.remember(id, stand[0], call());
        observed.set(id, node.collection ? stand : stand[0]!);
      } else continue;
      done.add(id);
      progressed = true;
    }
    if (!progressed) break;
  }

  // Objects the instance owns now, to tell creates from changes for unresolved resources, and for prune.
  const namespaces = new Set([session.owner.namespace, ...(record?.namespaces ?? [])]);
  for (const value of observed.values()) for (const item of Array.isArray(value) ? value : [value]) if (refOf(item).namespace) namespaces.add(refOf(item).namespace!);
  const owned = await listOwned(session.client, session.owner, mergeKinds(record?.kinds ?? [], graphKinds(session.prepared)), [...namespaces], call());
  const ownedBy = (id: string): KubeObject[] => owned.filter((o) => resourceIdOf(o) === labelValue(id));

  const skipped: string[] = [];
  const unknown = new Set<string>();
  for (const id of order) {
    const node = nodes.get(id);
    if (!node || done.has(id)) continue;
    if (node.state === 'skipped') {
      skipped.push(id);
      continue;
    }
    const resource = session.prepared.resource(id);
    if (resource.externalRef) continue;
    unknown.add(labelValue(id));
    const note = redactor.text('reason' in node ? node.reason : '');
    const existing = ownedBy(id);
    if (existing.length === 0) create.push({ resourceId: id, apiVersion: resource.apiVersion, kind: resource.kind, knownAfterApply: true, ...(note ? { note } : {}) });
    for (const object of existing) change.push({ resource: { ...describe(id, object), knownAfterApply: true, ...(note ? { note } : {}) }, paths: [] });
  }

  const desired = new Set<string>();
  for (const [id, value] of observed) if (!session.prepared.resource(id).externalRef) for (const item of Array.isArray(value) ? value : [value]) desired.add(objectKey(item));
  const prune = owned
    .filter((object) => !desired.has(objectKey(object)) && !unknown.has(resourceIdOf(object) ?? ''))
    .map((object) => describe(resourceIdOf(object) ?? '', object));
  // Deterministic output: dependency order, then object name.
  const rank = new Map(order.map((id, i) => [id, i]));
  const byOrder = (a: PlannedObject, b: PlannedObject): number =>
    (rank.get(a.resourceId) ?? order.length) - (rank.get(b.resourceId) ?? order.length) || (a.name ?? '').localeCompare(b.name ?? '');
  create.sort(byOrder);
  unchanged.sort(byOrder);
  prune.sort(byOrder);
  change.sort((a, b) => byOrder(a.resource, b.resource));
  conflicts.sort((a, b) => byOrder(a.resource, b.resource));
  takeovers.sort((a, b) => byOrder(a.resource, b.resource));
  return { create, change, unchanged, prune, conflicts, takeovers, skipped };
}

async function manifestsOf(session: DirectSession, node: Extract<NodePlan, { state: 'apply' }>): Promise<KubeObject[]> {
  // A kind the cluster does not serve yet (its CRD is part of the graph): guess its scope from the kind.
  const lenient: DirectSession = {
    ...session,
    namespaced: (apiVersion, kind) => session.namespaced(apiVersion, kind).catch(() => true),
  };
  return finalManifests(lenient, node);
}

/** A finding of the ownership check as a plan entry. */
export function takeoverOf(resourceId: string, finding: OwnershipFinding): PlannedTakeover {
  return { resource: describe(resourceId, finding.manifest), owner: finding.owner, adoptable: finding.adoptable };
}

function describe(resourceId: string, object: KubeObject): PlannedObject {
  const ref = refOf(object);
  return { resourceId, apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
}

type DryRun =
  | { kind: 'create' | 'unchanged'; object: PlannedObject; standIn: KubeObject; conflicts?: FieldConflict[] }
  | { kind: 'change'; object: PlannedObject; paths: string[]; removed: string[]; standIn: KubeObject; conflicts?: FieldConflict[] };

/** The object as the cluster has it, `undefined` when it does not exist. */
async function liveObject(session: DirectSession, manifest: KubeObject, call: () => { deadline: number; signal?: AbortSignal }): Promise<KubeObject | undefined> {
  try {
    const found = await session.client.get(refOf(manifest), call());
    return found ? plain(found) : undefined;
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 404)) throw error;
    return undefined;
  }
}

async function dryRun(session: DirectSession, id: string, manifest: KubeObject, call: () => { deadline: number; signal?: AbortSignal }): Promise<DryRun> {
  const object = describe(id, manifest);
  const live = await liveObject(session, manifest, call);
  let result: KubeObject | undefined;
  let conflicts: FieldConflict[] | undefined;
  let note: string | undefined;
  try {
    result = plain(await session.client.apply(manifest as KubernetesObject, { dryRun: true, force: session.force ?? false, ...call() }));
  } catch (error) {
    if (error instanceof ApplyConflictError) {
      conflicts = [...error.conflicts];
      // What a forced apply would give, to report the changes all the same.
      result = plain(await session.client.apply(manifest as KubernetesObject, { dryRun: true, force: true, ...call() }));
    } else if (error instanceof KubeApiError && error.status === 404) {
      // Its namespace or its kind does not exist yet (created earlier in the same deploy).
      note = `not checked by the dry run: ${session.redactor?.text(error.message) ?? error.message}`;
    } else throw error;
  }
  const noted = note ? { ...object, note } : object;
  // Not the dry-run result: what the server assigns in it (uid, clusterIP) is not what the create assigns.
  if (!live) return { kind: 'create', object: noted, standIn: manifest, ...(conflicts ? { conflicts } : {}) };
  const { paths, removed } = result ? diffFields(live, result) : { paths: [], removed: [] };
  const standIn = result ?? live;
  if (paths.length === 0) return { kind: 'unchanged', object: noted, standIn, ...(conflicts ? { conflicts } : {}) };
  // The live status is of the object before the change: the deploy reads the one after it.
  const { status: _before, ...changed } = standIn;
  return { kind: 'change', object: noted, paths, removed, standIn: changed, ...(conflicts ? { conflicts } : {}) };
}

/** A change as the plan reports it: `removed` only when the deploy removes something. */
export function plannedChange(resource: PlannedObject, fields: { readonly paths: readonly string[]; readonly removed: readonly string[] }): PlannedChange {
  return { resource, paths: fields.paths, ...(fields.removed.length > 0 ? { removed: fields.removed } : {}) };
}

/** Paths where `after` differs from `before`, ignoring status and server-managed metadata. */
export function diffPaths(before: KubeObject, after: KubeObject): string[] {
  return diffFields(before, after).paths;
}

/**
 * {@link diffPaths}, and which of them `after` no longer has (a removal, which a reader of a plan must tell
 * from a changed value: a revoked credential's key is one).
 */
export function diffFields(before: KubeObject, after: KubeObject): { paths: string[]; removed: string[] } {
  const paths: string[] = [];
  const removed: string[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (Object.is(a, b)) return;
    const objA = a !== null && typeof a === 'object' && !Array.isArray(a);
    const objB = b !== null && typeof b === 'object' && !Array.isArray(b);
    if (objA && objB) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const key of [...keys].sort()) {
        if (path === '' && key === 'status') continue;
        if (path === 'metadata' && IGNORED_METADATA.has(key)) continue;
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`));
      return;
    }
    paths.push(path);
    if (b === undefined) removed.push(path);
  };
  walk(before, after, '');
  return { paths, removed };
}
