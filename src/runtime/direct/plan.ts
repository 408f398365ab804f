/**
 * `plan(spec)`: what a deploy would do, from a server-side dry run of the whole graph (nothing is
 * changed; the instance record is only read). Each resource is rendered in dependency order against what
 * the cluster has: an object that exists is dry-run applied and compared with the live one (changed field
 * paths and their values, secrets redacted: plan-diff.ts); an object that does not exist yet is a create, and its rendered manifest stands in
 * for it when dependents read it. A resource whose values need data only a real apply produces is reported
 * with `knownAfterApply`, its note naming the field: the status or server-assigned fields of an object not
 * created yet, and the status of one the deploy changes (its dry-run result stands in for it without
 * status: the deploy reads the status once the change is rolled out). Such a read is unknown whatever
 * JavaScript default surrounds it (`web.status.readyReplicas ?? 0` is not 0), and so is an object of such a
 * stand-in copied whole (see `cel/stand-in.ts`). Objects the instance owns that the graph no longer wants
 * are listed under `prune`. The instance record says whether the deploy makes the instance or updates
 * one deployed before, and with which spec.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { checkObjectNames, labelValue, mergeKinds, nextGeneration, OwnershipGuard, planInstance, type KubeObject, type NodePlan, type OwnershipFinding } from '../engine/index.js';
import { ApplyConflictError, KubeApiError, type FieldConflict } from '../kube/client.js';
import { finalManifests, type ObservedMap } from './apply-node.js';
import { DeployFailedError } from './errors.js';
import { listOwned, objectKey, resourceIdOf } from './owned.js';
import { applyForce, ownershipReader } from './ownership.js';
import { assignedOf, graphKinds, readRecord } from './record.js';
import { SchemaCache } from './schemas.js';
import { Redactor } from '../../util/redact.js';
import { diffFields, plannedChange, valueShower, type FieldDiff } from './plan-diff.js';
import type { DeployPlan, PlannedChange, PlannedConflict, PlannedInstance, PlannedObject, PlannedTakeover } from './plan-types.js';
import { callOptions, plain, redactNames, refOf, type DirectSession } from './session.js';

export type { DeployPlan, PlannedChange, PlannedConflict, PlannedInstance, PlannedObject, PlannedOtherInstance, PlannedTakeover, PlannedValue } from './plan-types.js';
export { diffFields, diffPaths, plannedChange, valueShower, type FieldDiff, type ShowValue } from './plan-diff.js';

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
  const next = record ? nextGeneration(record, session.spec) : undefined;
  const assigned = record && next ? assignedOf({ ...record, generation: next.generation }) : undefined;
  const deployed: PlannedInstance['deployed'] = !record?.specHash ? 'new' : record.specHash === next?.specHash ? 'same-spec' : 'other-spec';
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
          const result = await dryRun(session, id, manifest, call, applyForce(session.force, guard, manifest));
          if (result.kind === 'create') create.push(result.object);
          else if (result.kind === 'change') change.push(plannedChange(result.object, result, valueShower(result.object, redactor, session.secretFields)));
          else if (result.kind === 'unchanged') unchanged.push(result.object);
          if (result.conflicts) conflicts.push({ resource: result.object, conflicts: result.conflicts, ...(result.forced ? { forced: true } : {}) });
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
  return { create, change, unchanged, prune, conflicts, takeovers, skipped, instance: { name: session.instance.name, deployed } };
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

/** `forced`: the deploy applies this object with force, so its `conflicts` are fields it takes over, not a failure. */
type DryRun =
  | { kind: 'create' | 'unchanged'; object: PlannedObject; standIn: KubeObject; conflicts?: FieldConflict[]; forced?: boolean }
  | ({ kind: 'change'; object: PlannedObject; standIn: KubeObject; conflicts?: FieldConflict[]; forced?: boolean } & FieldDiff);

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

/**
 * The dry run of one object's apply. It is tried without force (unless `force: true` was asked), so the fields
 * other managers own are found even where the deploy applies with force (`forced`: the instance's own object,
 * where those fields are a hand edit the deploy puts back), and the result is then the forced one's.
 */
async function dryRun(session: DirectSession, id: string, manifest: KubeObject, call: () => { deadline: number; signal?: AbortSignal }, forced: boolean): Promise<DryRun> {
  const object = describe(id, manifest);
  const live = await liveObject(session, manifest, call);
  let result: KubeObject | undefined;
  let conflicts: FieldConflict[] | undefined;
  let note: string | undefined;
  try {
    result = plain(await session.client.apply(manifest as KubernetesObject, { dryRun: true, force: session.force === true, ...call() }));
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
  if (conflicts && forced) return { ...dryRunResult(live, noted, manifest, result, conflicts), forced: true };
  return dryRunResult(live, noted, manifest, result, conflicts);
}

function dryRunResult(live: KubeObject | undefined, noted: PlannedObject, manifest: KubeObject, result: KubeObject | undefined, conflicts: FieldConflict[] | undefined): DryRun {
  // Not the dry-run result: what the server assigns in it (uid, clusterIP) is not what the create assigns.
  if (!live) return { kind: 'create', object: noted, standIn: manifest, ...(conflicts ? { conflicts } : {}) };
  const fields = result ? diffFields(live, result) : { paths: [], removed: [], changes: [] };
  const standIn = result ?? live;
  if (fields.paths.length === 0) return { kind: 'unchanged', object: noted, standIn, ...(conflicts ? { conflicts } : {}) };
  // The live status is of the object before the change: the deploy reads the one after it.
  const { status: _before, ...changed } = standIn;
  return { kind: 'change', object: noted, ...fields, standIn: changed, ...(conflicts ? { conflicts } : {}) };
}
