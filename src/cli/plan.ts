/**
 * `plan`: what a deploy would do, asked of the API server. Every desired object is applied with a
 * server-side dry run (same field manager and force as a deploy) and compared with the live object.
 * Direct mode also lists owned objects that are no longer desired (a deploy prunes them).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { describeRef, refOfObject, type KubeClient } from '../runtime/kube/client.js';
import { comparable, diffObjects, type Change } from './diff.js';
import { DIRECT_LABELS, ownedObjects, type InstanceId } from './instance.js';
import type { AnyComposition } from './load.js';
import type { ClusterTarget } from './options.js';
import type { SpecObject } from './spec.js';

export type Action = 'create' | 'change' | 'unchanged' | 'delete' | 'conflict' | 'skipped' | 'error';

export interface PlannedObject {
  readonly action: Action;
  /** The resource id in the graph (`rgd` and `instance` in KRO mode). */
  readonly resource: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly changes?: readonly Change[];
  readonly message?: string;
}

export function parseManifests(yamlText: string): KubernetesObject[] {
  const docs = parseAllDocuments(yamlText);
  return (Array.isArray(docs) ? docs : []).map((doc) => doc.toJS() as KubernetesObject).filter((value) => value !== null);
}

/** The CRD of a KRO instance exists only once KRO accepted the graph: before that, the instance is new. */
function notServedYet(error: unknown): boolean {
  const message = (error as Error).message;
  if (/namespaces? "[^"]*" not found/.test(message)) return false;
  return (error as { status?: number }).status === 404 || /does not serve|could not find the requested resource/i.test(message);
}

async function planObject(client: KubeClient, desired: KubernetesObject, resource: string): Promise<PlannedObject> {
  const ref = refOfObject(desired);
  const base = { resource, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
  let live: KubernetesObject | undefined;
  try {
    live = await client.get(ref);
    const dry = await client.apply(desired, { dryRun: true, force: true });
    if (!live) return { ...base, action: 'create' };
    const changes = hideSecretValues(ref.kind, diffObjects(comparable(plain(live)), comparable(plain(dry))));
    return changes.length === 0 ? { ...base, action: 'unchanged' } : { ...base, action: 'change', changes };
  } catch (error) {
    if (!live && notServedYet(error)) return { ...base, action: 'create', message: `${ref.kind} is not served yet (created when the graph is accepted)` };
    return { ...base, action: 'error', message: (error as Error).message };
  }
}

const SENSITIVE = /password|passwd|secret|token|credential|api_?key|private/i;

/** Secret data and fields named like credentials never reach the terminal: only their paths. */
function hideSecretValues(kind: string, changes: Change[]): Change[] {
  return changes.map((change) => (kind === 'Secret' || SENSITIVE.test(change.path) ? { path: change.path } : change));
}

function plain(object: KubernetesObject): Record<string, unknown> {
  return JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
}

const keyOf = (object: KubernetesObject): string => `${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;

export interface PlanInput {
  readonly composition: AnyComposition;
  readonly spec: SpecObject;
  readonly id: InstanceId;
  readonly target: ClusterTarget;
  readonly client: KubeClient;
}

/**
 * `toYaml(spec)` names the instance from the spec; a deploy with `--name` labels the objects with that name
 * instead, so the labels are rewritten to match.
 */
function renamed(object: KubernetesObject, name: string): KubernetesObject {
  const labels = object.metadata?.labels;
  if (!labels?.[DIRECT_LABELS.instance] || labels[DIRECT_LABELS.instance] === name) return object;
  return { ...object, metadata: { ...object.metadata, labels: { ...labels, [DIRECT_LABELS.instance]: name } } };
}

/** The shape of `DirectFactory.plan()`'s result, read structurally (the factory may be another TypeKro copy's). */
interface FactoryPlanObject {
  readonly resourceId: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly knownAfterApply?: boolean;
  readonly note?: string;
}
interface FactoryPlan {
  readonly create: readonly FactoryPlanObject[];
  readonly change: readonly { resource: FactoryPlanObject; paths: readonly string[] }[];
  readonly unchanged: readonly FactoryPlanObject[];
  readonly prune: readonly FactoryPlanObject[];
  readonly conflicts: readonly { resource: FactoryPlanObject; conflicts: readonly { field: string; manager: string }[] }[];
  readonly skipped: readonly string[];
}
type Planner = (spec: SpecObject, options: { name: string }) => Promise<FactoryPlan>;

function fromFactory(action: Action, object: FactoryPlanObject, extra: { changes?: Change[]; message?: string } = {}): PlannedObject {
  const notes = [object.knownAfterApply ? 'values known after apply' : '', object.note ?? '', extra.message ?? ''].filter(Boolean);
  return {
    action,
    resource: object.resourceId,
    kind: object.kind,
    name: object.name ?? '(known after apply)',
    ...(object.namespace ? { namespace: object.namespace } : {}),
    ...(extra.changes ? { changes: extra.changes } : {}),
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}

/** The direct factory's own plan (dependency-aware, secrets redacted), in the CLI's terms. */
function planFromFactory(plan: FactoryPlan): PlannedObject[] {
  return [
    ...plan.create.map((o) => fromFactory('create', o)),
    ...plan.change.map((c) => fromFactory('change', c.resource, { changes: c.paths.map((path) => ({ path })) })),
    ...plan.conflicts.map((c) => fromFactory('conflict', c.resource, { message: `fields owned by other managers: ${c.conflicts.map((x) => `${x.field} (${x.manager})`).join(', ')}; deploy with --force to take them over` })),
    ...plan.prune.map((o) => fromFactory('delete', o, { message: 'no longer desired' })),
    ...plan.unchanged.map((o) => fromFactory('unchanged', o)),
    ...plan.skipped.map((resource): PlannedObject => ({ action: 'skipped', resource, kind: '', name: '', message: 'excluded by its condition' })),
  ];
}

export async function planDirect(input: PlanInput): Promise<PlannedObject[]> {
  const { composition, spec, id, target, client } = input;
  const factory = composition.factory('direct', { kubeConfig: target.kubeConfig, namespace: id.namespace });
  const planner = (factory as unknown as { plan?: Planner }).plan;
  if (typeof planner === 'function') return planFromFactory(await planner.call(factory, spec, { name: id.name }));
  // Without a plan() (an older TypeKro in the user's project): dry-run each rendered manifest ourselves.
  const desired = parseManifests(await factory.toYaml(spec)).map((object) => renamed(object, id.name));
  const planned = await Promise.all(desired.map((object) => planObject(client, object, object.metadata?.labels?.[DIRECT_LABELS.resourceId] ?? '')));
  const wanted = new Set(desired.map(keyOf));
  const stale = (await ownedObjects(target.kubeConfig, composition, id)).filter((object) => !wanted.has(keyOf(object)));
  return [
    ...planned,
    ...stale.map((object): PlannedObject => {
      const ref = refOfObject(object);
      const resource = object.metadata?.labels?.[DIRECT_LABELS.resourceId] ?? '';
      return { action: 'delete', resource, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), message: 'no longer desired' };
    }),
  ];
}

export async function planKro(input: PlanInput): Promise<PlannedObject[]> {
  const { composition, spec, id, target, client } = input;
  const [rgd] = parseManifests(composition.toYaml());
  const [instance] = parseManifests(composition.factory('kro', { kubeConfig: target.kubeConfig, namespace: id.namespace }).toYaml(spec));
  if (!rgd || !instance) throw new Error('the composition rendered no ResourceGraphDefinition or instance');
  // The factory names the instance from the spec; --name renames it as deploy does.
  instance.metadata = { ...instance.metadata, name: id.name };
  return Promise.all([planObject(client, rgd, 'rgd'), planObject(client, instance, 'instance')]);
}

export function describeObject(object: PlannedObject): string {
  return describeRef({ apiVersion: '', kind: object.kind, name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) });
}
