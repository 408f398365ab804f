/**
 * Applying one resource (all its forEach items) and waiting, by watching, until it is ready. Updates the
 * shared `observed` map as objects change, so the planner sees live data.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { checkObjectNames, finalizeManifest, resourceReadiness, type KubeObject, type NodePlan, type Readiness } from '../engine/index.js';
import { describeRef, KubeApiError } from '../kube/client.js';
import { clusterNamespaceProblem, InvalidResourceError } from '../../compile/rgd/index.js';
import { describeResource } from '../../compile/rgd/errors.js';
import { DeployFailedError, DirectTimeoutError } from './errors.js';
import { applyGuarded } from './ownership.js';
import { schemasOf } from './schemas.js';
import { callOptions, plain, redactNames, refOf, remainingMs, throwIfAborted, type DirectSession } from './session.js';

type ApplyPlan = Extract<NodePlan, { state: 'apply' }>;
type ExternalPlan = Extract<NodePlan, { state: 'external' }>;
export type ObservedMap = Map<string, KubeObject | KubeObject[]>;

/** The final manifests of a node: ownership labels and the default namespace for namespaced kinds. */
export async function finalManifests(session: DirectSession, node: ApplyPlan): Promise<KubeObject[]> {
  return Promise.all(
    node.manifests.map(async (m) => {
      const namespaced = await session.namespaced(String(m.apiVersion), String(m.kind));
      checkPlaced(session, node.id, m, namespaced);
      return finalizeManifest(m, node.id, session.owner, namespaced);
    }),
  );
}

/**
 * A cluster-scoped instance has no namespace: a namespaced object that names none is refused (as KRO refuses
 * its RGD), not put in the factory's namespace. Kinds known offline are refused when the composition is
 * defined (compile/rgd validate-resource.ts); this is the same refusal for a kind only discovery knows.
 */
export function checkPlaced(session: Pick<DirectSession, 'instance' | 'prepared'>, id: string, manifest: KubeObject, namespaced: boolean): void {
  if (session.instance.namespace !== undefined || !namespaced) return;
  const namespace = (manifest.metadata as { namespace?: unknown } | undefined)?.namespace;
  if (typeof namespace === 'string' && namespace.trim() !== '') return;
  const { graph } = session.prepared;
  const resource = graph.resources.find((r) => r.id === id);
  const what = resource ? describeResource(resource) : `resource "${id}"`;
  throw new InvalidResourceError(`${clusterNamespaceProblem(what, String(manifest.kind), graph.kind, false)}. Nothing was applied for this object.`, id);
}

/** Server-side applies the node's manifests, records them as observed, then waits for readiness. */
export async function applyNode(session: DirectSession, node: ApplyPlan, observed: ObservedMap): Promise<void> {
  const manifests = await finalManifests(session, node);
  // Names that needed cluster data are known only now; the others passed the same check before the first apply.
  checkObjectNames(session.prepared, manifests.map((manifest) => ({ resourceId: node.id, manifest })), redactNames(session));
  await session.ownership?.check(manifests);
  const applied: KubeObject[] = [];
  for (const manifest of manifests) {
    throwIfAborted(session.signal);
    const ref = refOf(manifest);
    await session.record?.ensureNamespace(ref.namespace, callOptions(session));
    throwIfAborted(session.signal);
    await session.onApplying?.(node.id, ref);
    throwIfAborted(session.signal);
    const object = plain(await applyGuarded(session.client, session.ownership, manifest, { force: session.force }, () => callOptions(session)));
    applied.push(object);
    session.onApplied?.(node.id, object);
    session.progress({ type: 'apply', message: `applied ${describeRef(ref)}`, resourceId: node.id, object: ref });
  }
  if (applied[0]) await session.schemas?.remember(node.id, applied[0], callOptions(session));
  observed.set(node.id, node.collection ? applied : applied[0]!);
  if (session.readiness === 'exists') return;
  await Promise.all(applied.map((object, index) => waitReady(session, node, observed, object, index)));
  session.progress({ type: 'ready', message: `${node.id} is ready`, resourceId: node.id });
}

function waitReady(session: DirectSession, node: ApplyPlan, observed: ObservedMap, object: KubeObject, index: number): Promise<void> {
  const ref = refOf(object);
  let last: Readiness = { ready: false, reason: 'not observed yet' };
  let reported = '';
  const record = (current: KubeObject): void => {
    if (!node.collection) observed.set(node.id, current);
    else {
      const items = [...((observed.get(node.id) as KubeObject[] | undefined) ?? [])];
      items[index] = current;
      observed.set(node.id, items);
    }
  };
  const check = (current: KubernetesObject | undefined): true | undefined => {
    const lastObject = current ? plain(current) : undefined;
    if (!lastObject) {
      last = { ready: false, reason: 'deleted while waiting' };
      return undefined;
    }
    record(lastObject);
    // Readiness of this one object: a collection item is checked alone, with `each` bound to it.
    // Only what its expressions can read (itself and its dependencies): a copy of every observed object per
    // watch event was quadratic garbage at 1,000 resources.
    const scope = new Map(session.prepared.dependencies(node.id).flatMap((dep) => (observed.has(dep) ? [[dep, observed.get(dep)!] as const] : [])));
    const input = { spec: session.spec, instance: session.instance, readiness: session.readiness, observed: scope.set(node.id, node.collection ? [lastObject] : lastObject), ...schemasOf(session) };
    // Checked alone, the item is the collection's only one: `index` keeps its number in the reason ("item 2: ...").
    last = resourceReadiness(session.prepared, node.id, 1, input, index);
    // Waiting cannot help (the rule's terminal verdict, or a readyWhen that fails): the same words as kro mode's.
    if (last.failed) throw new DeployFailedError(`resource "${node.id}" (${describeRef(ref)}) failed: ${last.reason}`, node.id);
    if (!last.ready && last.reason !== reported) {
      reported = last.reason;
      const which = node.collection ? ` (${describeRef(ref)})` : '';
      session.progress({ type: 'waiting', message: `${node.id}${which} not ready: ${last.reason}`, resourceId: node.id, object: ref, reason: last.reason });
    }
    return last.ready ? true : undefined;
  };
  // The apply response is the object as it is now: many kinds are ready at once, with no read or watch.
  if (check(object)) return Promise.resolve();
  return session.client
    .waitFor(ref, check, { timeoutMs: remainingMs(session), ...(session.signal ? { signal: session.signal } : {}), describe: () => last.reason, initial: object as KubernetesObject })
    .then(() => undefined)
    .catch((error: unknown) => {
      if (error instanceof KubeApiError && /^timed out/.test(error.message)) {
        throw new DirectTimeoutError(`resource "${node.id}" (${describeRef(ref)}) not ready before the deadline: ${last.reason}`, node.id);
      }
      throw error;
    });
}

/** Waits for an external reference to exist and records it. */
export async function observeExternal(session: DirectSession, node: ExternalPlan, observed: ObservedMap): Promise<void> {
  const ref = node.target;
  try {
    const found = await session.client.waitFor(ref, (object) => object, {
      timeoutMs: remainingMs(session),
      ...(session.signal ? { signal: session.signal } : {}),
      describe: () => 'it does not exist',
    });
    const object = plain(found);
    await session.schemas?.remember(node.id, object, callOptions(session));
    observed.set(node.id, object);
    session.progress({ type: 'ready', message: `found external ${describeRef(ref)}`, resourceId: node.id, object: ref });
  } catch (error) {
    if (error instanceof KubeApiError && /^timed out/.test(error.message)) {
      throw new DirectTimeoutError(`external reference "${node.id}" (${describeRef(ref)}) was not found before the deadline`, node.id);
    }
    throw error;
  }
}
