/**
 * The reconcile loop of a direct deployment (deploy.ts): plan, apply what is startable, wait for readiness or
 * re-read what is data-pending, then prune what is no longer desired, close the instance record and hydrate the
 * status.
 */
import { createPlanCache, instanceStatus, planInstance, type InstancePlan, type KubeObject, type NodePlan, type StatusResult } from '../engine/index.js';
import { applyNode, observeExternal, type ObservedMap } from './apply-node.js';
import { Settled } from './settled.js';
import { DeployFailedError, DirectTimeoutError } from './errors.js';
import { deleteInOrder, listOwned, objectKey } from './owned.js';
import { graphKinds, RecordKeeper } from './record.js';
import { schemasOf } from './schemas.js';
import { callOptions, plain, refOf, remainingMs, sleep, throwIfAborted, type DirectSession } from './session.js';

/** How long to wait before re-reading objects while something is data-pending (KRO requeues every 3 s). */
const PENDING_RETRY_MS = 1000;

export interface DeployResult {
  readonly plan: InstancePlan;
  readonly observed: ReadonlyMap<string, KubeObject | readonly KubeObject[]>;
  readonly status: StatusResult;
  /** Objects pruned because the graph no longer wants them. */
  readonly pruned: number;
}

/** What the run has done to each resource, for abort messages. */
export type Step = 'applying' | 'applied' | 'ready';

export async function reconcile(session: DirectSession, record: RecordKeeper, steps: Map<string, Step>, tasks: Map<string, Promise<void>>): Promise<DeployResult> {
  const observed: ObservedMap = new Map();
  const cache = createPlanCache();
  const started = new Set<string>();
  const announced = new Set<string>();
  const settled = new Settled();
  let reported = '';
  for (;;) {
    throwIfAborted(session.signal);
    const plan = planInstance(session.prepared, { spec: session.spec, instance: session.instance, observed, readiness: session.readiness, ...schemasOf(session) }, cache);
    for (const node of plan.nodes.values()) if (node.state === 'apply') for (const m of node.manifests) session.redactor?.addManifest(m);
    failOnError(plan);
    announceSkipped(session, plan, announced);
    if (plan.ready && tasks.size === 0) return finish(session, record, plan, observed);
    for (const node of startable(plan, started)) {
      started.add(node.id);
      steps.set(node.id, 'applying');
      const task = (node.state === 'apply' ? applyNode(session, node, observed) : observeExternal(session, node, observed)).then(() => {
        if (session.readiness !== 'exists' || node.state === 'external') steps.set(node.id, 'ready');
      });
      const tracked = task.finally(() => tasks.delete(node.id));
      tasks.set(node.id, tracked);
      settled.watch(tracked);
    }
    reported = reportWaiting(session, plan, reported);
    if (tasks.size > 0) {
      await settled.next();
      continue;
    }
    // Nothing in flight but not ready: some expression reads data that is not there yet. Re-read and retry.
    if (remainingMs(session) <= 0) throw stuckError(plan);
    await sleep(Math.min(PENDING_RETRY_MS, remainingMs(session)), session.signal);
    await refresh(session, observed);
  }
}

function startable(plan: InstancePlan, started: ReadonlySet<string>): Extract<NodePlan, { state: 'apply' | 'external' }>[] {
  const out: Extract<NodePlan, { state: 'apply' | 'external' }>[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id);
    if (node && (node.state === 'apply' || node.state === 'external') && !started.has(id)) out.push(node);
  }
  return out;
}

function failOnError(plan: InstancePlan): void {
  for (const node of plan.nodes.values()) {
    if (node.state === 'error') throw new DeployFailedError(`resource "${node.id}": ${node.message}`, node.id);
  }
}

function announceSkipped(session: DirectSession, plan: InstancePlan, announced: Set<string>): void {
  for (const node of plan.nodes.values()) {
    if (node.state !== 'skipped' || announced.has(node.id)) continue;
    announced.add(node.id);
    session.progress({ type: 'skipped', message: `${node.id} skipped: ${node.reason}`, resourceId: node.id, reason: node.reason });
  }
}

function reportWaiting(session: DirectSession, plan: InstancePlan, previous: string): string {
  const pending = [...plan.nodes.values()].filter((n) => n.state === 'pending');
  const text = pending.map((n) => `${n.id}: ${n.state === 'pending' ? n.reason : ''}`).join('\n');
  if (text !== previous) for (const n of pending) session.progress({ type: 'pending', message: `${n.id} waits for data: ${n.state === 'pending' ? n.reason : ''}`, resourceId: n.id });
  return text;
}

function stuckError(plan: InstancePlan): DirectTimeoutError {
  const blocked = [...plan.nodes.values()].filter((n) => n.state === 'pending' || n.state === 'waiting');
  const first = blocked[0];
  const lines = blocked.map((n) => `  - ${n.id}: ${'reason' in n ? n.reason : ''}`);
  return new DirectTimeoutError(`deadline reached while resources still wait for data:\n${lines.join('\n')}`, first?.id);
}

/** Re-reads the observed objects (of `only` when given): status fields change after apply. */
async function refresh(session: DirectSession, observed: ObservedMap, only?: readonly string[]): Promise<void> {
  await Promise.all(
    [...observed].filter(([id]) => !only || only.includes(id)).map(async ([id, value]) => {
      const items = Array.isArray(value) ? value : [value];
      const fresh = await Promise.all(items.map(async (item) => {
        const current = await session.client.get(refOf(item), callOptions(session));
        return current ? plain(current) : item;
      }));
      observed.set(id, Array.isArray(value) ? fresh : fresh[0]!);
    }),
  );
}

async function finish(session: DirectSession, record: RecordKeeper, plan: InstancePlan, observed: ObservedMap): Promise<DeployResult> {
  const pruned = await pruneUndesired(session, record, plan, observed);
  const namespaces = new Set<string>();
  for (const [id, value] of observed) {
    if (session.prepared.resource(id).externalRef) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const ns = refOf(item).namespace;
      if (ns) namespaces.add(ns);
    }
  }
  await record.finish(graphKinds(session.prepared), namespaces, callOptions(session));
  // Fresh values for the status; objects it does not read need no second look.
  await refresh(session, observed, session.prepared.statusDependencies);
  const status = instanceStatus(session.prepared, { spec: session.spec, instance: session.instance, observed, ...schemasOf(session) });
  session.progress({ type: 'status', message: `status: ${JSON.stringify(status.status)}${status.pending.length ? ` (pending: ${status.pending.join(', ')})` : ''}` });
  return { plan, observed, status, pruned };
}

/**
 * KRO's prune step (kro-facts §6): after a clean round, objects the instance owns that are no longer
 * desired (includeWhen now false, a collection that shrank, a resource or a whole kind removed from the
 * graph) are deleted, in reverse dependency order, and waited for.
 */
async function pruneUndesired(session: DirectSession, record: RecordKeeper, plan: InstancePlan, observed: ObservedMap): Promise<number> {
  const desired = new Set<string>();
  for (const [id, value] of observed) {
    if (session.prepared.resource(id).externalRef) continue;
    for (const item of Array.isArray(value) ? value : [value]) desired.add(objectKey(item));
  }
  const owned = await listOwned(session.client, session.owner, record.memberKinds, record.memberNamespaces, callOptions(session));
  const unwanted = owned.filter((object) => !desired.has(objectKey(object)));
  if (unwanted.length === 0) return 0;
  return deleteInOrder(session.client, unwanted, {
    order: plan.order,
    deadline: session.deadline,
    ...(session.signal ? { signal: session.signal } : {}),
    progress: session.progress,
    verb: 'pruned (no longer desired)',
    call: () => callOptions(session),
  });
}
