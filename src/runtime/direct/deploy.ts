/**
 * Direct deployment: KRO's reconcile loop run once, in-process. Each resource is applied as soon as all
 * of its own dependencies are ready (not level by level); readiness comes from watches; data-pending
 * resources are retried with fresh objects, as KRO requeues; then the status is hydrated.
 */
import { instanceStatus, planInstance, type InstancePlan, type KubeObject, type NodePlan, type StatusResult } from '../engine/index.js';
import { applyNode, observeExternal, type ObservedMap } from './apply-node.js';
import { DirectDeployError, DirectTimeoutError } from './errors.js';
import { pruneUndesired } from './prune.js';
import { plain, refOf, remainingMs, sleep, throwIfAborted, type DirectSession } from './session.js';

/** How long to wait before re-reading objects while something is data-pending (KRO requeues every 3 s). */
const PENDING_RETRY_MS = 1000;

export interface DeployResult {
  readonly plan: InstancePlan;
  readonly observed: ReadonlyMap<string, KubeObject | readonly KubeObject[]>;
  readonly status: StatusResult;
}

/**
 * @throws DirectDeployError for a fatal expression error, DirectTimeoutError naming the resource that
 * did not become ready (with its last condition), KubeApiError when the API server refuses an object.
 */
export async function deployDirect(outer: DirectSession): Promise<DeployResult> {
  // Our own abort, so that when one resource fails the watches of the others stop at once.
  const stop = new AbortController();
  const signal = outer.signal ? AbortSignal.any([outer.signal, stop.signal]) : stop.signal;
  try {
    return await reconcile({ ...outer, signal });
  } finally {
    stop.abort(new Error('deployment finished'));
  }
}

async function reconcile(session: DirectSession): Promise<DeployResult> {
  const observed: ObservedMap = new Map();
  const started = new Set<string>();
  const tasks = new Map<string, Promise<void>>();
  let reported = '';
  for (;;) {
    throwIfAborted(session.signal);
    const plan = planInstance(session.prepared, { spec: session.spec, instance: session.instance, observed, readiness: session.readiness });
    failOnError(plan);
    if (plan.ready && tasks.size === 0) return finish(session, plan, observed);
    for (const node of startable(plan, started)) {
      started.add(node.id);
      const task = node.state === 'apply' ? applyNode(session, node, observed) : observeExternal(session, node, observed);
      tasks.set(node.id, task.finally(() => tasks.delete(node.id)));
    }
    reported = reportWaiting(session, plan, reported);
    if (tasks.size > 0) {
      await Promise.race(tasks.values());
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
    if (node.state === 'error') throw new DirectDeployError(`resource "${node.id}": ${node.message}`, node.id);
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

/** Re-reads every observed object (status fields change after apply). */
async function refresh(session: DirectSession, observed: ObservedMap): Promise<void> {
  await Promise.all(
    [...observed].map(async ([id, value]) => {
      const items = Array.isArray(value) ? value : [value];
      const fresh = await Promise.all(items.map(async (item) => {
        const current = await session.client.get(refOf(item));
        return current ? plain(current) : item;
      }));
      observed.set(id, Array.isArray(value) ? fresh : fresh[0]!);
    }),
  );
}

async function finish(session: DirectSession, plan: InstancePlan, observed: ObservedMap): Promise<DeployResult> {
  await pruneUndesired(session, plan, observed);
  await refresh(session, observed);
  const status = instanceStatus(session.prepared, { spec: session.spec, instance: session.instance, observed });
  session.progress({ type: 'status', message: `status: ${JSON.stringify(status.status)}${status.pending.length ? ` (pending: ${status.pending.join(', ')})` : ''}` });
  return { plan, observed, status };
}
