/**
 * What KRO will do to an instance's objects once it reconciles the planned spec: the same planner direct
 * mode's plan runs (the same CEL KRO evaluates), over the desired spec and the objects KRO owns now (found by
 * its labels, `children.ts`). Each object the spec renders is compared with KRO's own object: absent is a
 * create; present is a server-side dry run applied as KRO applies (its field manager `kro.run/applyset`,
 * force, its labels kept), whose changed field paths are the change. An object KRO owns that the spec no
 * longer renders (a false includeWhen, a shorter forEach, a resource gone from the graph) is a delete, as
 * KRO prunes it. A resource whose values need data only the cluster produces after KRO applied what it
 * depends on (a status, an assigned field) is "values known after apply", as in direct mode.
 *
 * The readiness KRO waits for between objects is not modelled: the plan is what KRO converges to.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { diffFields, plannedChange, valueShower, type DeployPlan, type PlannedChange, type PlannedObject } from '../direct/plan.js';
import { Redactor } from '../../util/redact.js';
import { plain, refOf } from '../direct/objects.js';
import { SchemaCache } from '../direct/schemas.js';
import { groupByResource } from '../direct/status.js';
import { planInstance, type InstanceIdentity, type KubeObject, type PreparedGraph } from '../engine/index.js';
import type { CallOptions, KubeClient } from '../kube/client.js';
import { kroResourceIdOf, listChildren, type ChildKind } from './children.js';

/** KRO's field manager for the children it applies (kro-facts §6). */
export const KRO_FIELD_MANAGER = 'kro.run/applyset';

/**
 * The labels and annotations KRO sets on every child (v0.9.4: its own, the ApplySet's, `managed-by: kro`, the
 * apply order): kept from the live object on the dry run, or it would remove them. A template may set none
 * of them (KRO and the compiler refuse them, util/label-syntax.ts).
 */
const KRO_LABEL = /^(kro\.run\/|applyset\.kubernetes\.io\/|app\.kubernetes\.io\/managed-by$)/;
const KRO_ANNOTATION = /^(internal\.kro\.run|kro\.run)\//;

/**
 * The children's part of a kro-mode plan: direct mode's plan without its ownership checks (KRO owns them).
 * `failed`: the resources whose values fail for this spec (`resource "id": message`), which KRO cannot apply.
 */
export type KroChildrenPlan = Pick<DeployPlan, 'create' | 'change' | 'unchanged' | 'prune' | 'skipped'> & { readonly failed?: readonly string[] };

const key = (o: KubeObject): string => {
  const r = refOf(o);
  return `${r.apiVersion}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
};

function describe(resourceId: string, object: KubeObject, extra: Partial<PlannedObject> = {}): PlannedObject {
  const r = refOf(object);
  return { resourceId, apiVersion: r.apiVersion, kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}), ...extra };
}

/** The manifest as KRO applies it: the instance's namespace for a namespaced kind without one, KRO's labels of the live object. */
async function asKroApplies(client: KubeClient, manifest: KubeObject, namespace: string | undefined, live: KubeObject | undefined, call: CallOptions): Promise<KubeObject> {
  const metadata = { ...((manifest.metadata ?? {}) as Record<string, unknown>) };
  if (metadata.namespace === undefined && namespace !== undefined && (await client.isNamespaced(String(manifest.apiVersion), String(manifest.kind), call).catch(() => true))) metadata.namespace = namespace;
  const liveMetadata = (live?.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  for (const [field, own] of [['labels', KRO_LABEL], ['annotations', KRO_ANNOTATION]] as const) {
    const kro = Object.entries(liveMetadata[field] ?? {}).filter(([k]) => own.test(k));
    if (kro.length > 0) metadata[field] = { ...((metadata[field] ?? {}) as Record<string, string>), ...Object.fromEntries(kro) };
  }
  return { ...manifest, metadata };
}

/**
 * @example
 * ```ts
 * const children = await planKroChildren(client, prepared, kinds, { spec, instance: { name: 'f', namespace: 't14k' } }, call);
 * children.create.map((o) => o.name); // ['f-d']
 * ```
 */
export async function planKroChildren(
  client: KubeClient,
  prepared: PreparedGraph,
  kinds: readonly ChildKind[],
  input: { readonly spec: unknown; readonly instance: InstanceIdentity },
  call: () => CallOptions,
  redactor: Redactor = new Redactor(),
  secretFields?: (resourceId: string, path: readonly string[]) => boolean,
): Promise<KroChildrenPlan> {
  const redact = (text: string): string => redactor.text(text);
  const at = { name: input.instance.name, ...(input.instance.namespace !== undefined ? { namespace: input.instance.namespace } : {}) };
  const owned = await listChildren(client, kinds, { ...at, kind: prepared.graph.kind }, call());
  const byId = groupByResource(prepared, owned, kroResourceIdOf);
  const liveByKey = new Map(owned.map((o) => [key(o), o]));
  const schemas = new SchemaCache(client);
  // As direct mode's plan: a resource is planned once what it reads is (an object KRO keeps as it is reads as
  // the live one; one KRO creates or changes reads as its manifest or dry-run result, without status).
  const observed = new Map<string, KubeObject | KubeObject[]>();
  const standIns = new Set<object>();
  const create: PlannedObject[] = [];
  const change: PlannedChange[] = [];
  const unchanged: PlannedObject[] = [];
  const desired = new Set<string>();
  const done = new Set<string>();
  let plan = planInstance(prepared, { spec: input.spec, instance: input.instance, observed, readiness: 'exists', schemas: schemas.byId, standIns });
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (const id of plan.order) {
      const node = plan.nodes.get(id);
      if (done.has(id) || !node) continue;
      if (node.state === 'external') {
        const found = await client.get(node.target, call());
        if (!found) continue; // its dependents stay unknown: values known after apply
        await schemas.remember(id, plain(found), call());
        observed.set(id, plain(found));
        done.add(id);
        progressed = true;
        continue;
      }
      if (node.state !== 'apply') continue;
      const stands: KubeObject[] = [];
      for (const rendered of node.manifests) {
        // An object KRO does not own yet (made by another tool) is adopted by KRO's apply: a change, not a create.
        const placed = await asKroApplies(client, rendered, at.namespace, undefined, call());
        const found = liveByKey.get(key(placed)) ?? (await client.get(refOf(placed), call()));
        const live0 = found ? plain(found) : undefined;
        const manifest = await asKroApplies(client, rendered, at.namespace, live0, call());
        desired.add(key(manifest));
        if (!live0) {
          create.push(describe(id, manifest));
          stands.push(manifest);
          standIns.add(manifest);
          continue;
        }
        const result = plain(await client.apply(manifest as KubernetesObject, { dryRun: true, force: true, fieldManager: KRO_FIELD_MANAGER, ...call() }));
        const fields = diffFields(live0, result);
        if (fields.paths.length === 0) {
          unchanged.push(describe(id, manifest));
          stands.push(live0);
          continue;
        }
        const object = describe(id, manifest);
        change.push(plannedChange(object, fields, valueShower(object, redactor, secretFields)));
        // Its status is the one before the change: KRO reads the one after it.
        const { status: _before, ...after } = result;
        stands.push(after);
        standIns.add(after);
      }
      if (stands[0]) await schemas.remember(id, stands[0], call());
      if (node.collection || stands[0]) observed.set(id, node.collection ? stands : stands[0]!);
      done.add(id);
      progressed = true;
    }
    if (progressed) plan = planInstance(prepared, { spec: input.spec, instance: input.instance, observed, readiness: 'exists', schemas: schemas.byId, standIns });
  }
  const skipped: string[] = [];
  const failed: string[] = [];
  const unknown = new Set<string>();
  for (const id of plan.order) {
    const node = plan.nodes.get(id)!;
    if (done.has(id) || node.state === 'external') continue;
    if (node.state === 'skipped') {
      skipped.push(id);
      continue;
    }
    if (prepared.resource(id).externalRef) continue;
    unknown.add(id);
    // A resource whose evaluation fails is named on the instance's line (ownership.ts `uncheckedNotes`).
    if (node.state === 'error') {
      failed.push(redact(`resource "${id}": ${node.message}`));
      continue;
    }
    const note = 'reason' in node ? redact(node.reason) : '';
    const existing = byId.get(id) ?? [];
    const resource = prepared.resource(id);
    if (existing.length === 0) create.push({ resourceId: id, apiVersion: resource.apiVersion, kind: resource.kind, knownAfterApply: true, ...(note ? { note } : {}) });
    for (const object of existing) change.push({ resource: describe(id, object, { knownAfterApply: true, ...(note ? { note } : {}) }), paths: [] });
  }
  const idOf = new Map([...byId].flatMap(([id, objects]) => objects.map((o) => [o, id] as const)));
  const prune = owned.filter((o) => !desired.has(key(o)) && !unknown.has(idOf.get(o) ?? '')).map((o) => describe(idOf.get(o) ?? kroResourceIdOf(o) ?? '', o));
  return { create, change, unchanged, prune, skipped, ...(failed.length > 0 ? { failed } : {}) };
}

/**
 * `children` without the objects the deploy refuses to take over (another instance's or tool's; any when
 * not adopting, else those adopt cannot take): the plan lists each once, as the takeover, not also as the
 * create, change or unchanged entry a deploy that stops before it never makes.
 *
 * @example
 * ```ts
 * withoutRefused(children, ownership.findings, false).unchanged; // the children no one else owns
 * ```
 */
export function withoutRefused(children: KroChildrenPlan, findings: readonly { readonly manifest: KubeObject; readonly adoptable: boolean }[], adopt: boolean): KroChildrenPlan {
  const key = (o: { apiVersion?: unknown; kind?: unknown; name?: unknown; namespace?: unknown }): string => JSON.stringify([o.apiVersion, o.kind, o.namespace ?? '', o.name]);
  const refused = new Set(findings.filter((f) => !adopt || !f.adoptable).map((f) => key({ apiVersion: f.manifest.apiVersion, kind: f.manifest.kind, ...(f.manifest.metadata as { name?: string; namespace?: string } | undefined) })));
  if (refused.size === 0) return children;
  const kept = (list: readonly PlannedObject[]): PlannedObject[] => list.filter((o) => !refused.has(key(o)));
  return { ...children, create: kept(children.create), change: children.change.filter((c) => !refused.has(key(c.resource))), unchanged: kept(children.unchanged) };
}
