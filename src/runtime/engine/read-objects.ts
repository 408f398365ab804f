/**
 * Which observed objects a deploy reads in a state (the one `simulate` is given, the cluster `typekro status`
 * reads). KRO reads (GETs) a resource only
 * once it can render it: every dependency ready and its own template resolved (`processNode` computes the
 * desired object first and returns data-pending before the read; the CEL context of a status field leaves an
 * unread resource out, so reads of it are pending and the field is omitted, KRO's status starting afresh
 * each round). Direct mode likewise applies and reads a resource only then. So a resource that exists while
 * one it depends on is not ready (a Deployment rolling out after its dependent ConfigMap was made) is not
 * read: the state is reachable, and what the instance shows in it is pending wherever it reads that resource.
 */
import type { InstancePlan, KubeObject, Observed } from './types.js';

/**
 * `observed` without the resources the plan does not render this round: waiting for a dependency to be
 * ready, or with data of their own template pending. What remains is what KRO and direct mode read.
 *
 * @example
 * // `idx` reads `d`, which is observed but not ready: the plan has idx waiting.
 * objectsRead(plan, new Map([['d', d], ['idx', idx]])); // => Map { 'd' => d }
 */
export function objectsRead(plan: InstancePlan, observed: Observed): Observed {
  const read = new Map<string, KubeObject | readonly KubeObject[]>();
  for (const [id, object] of observed) {
    const state = plan.nodes.get(id)?.state;
    if (state !== 'waiting' && state !== 'pending') read.set(id, object);
  }
  return read;
}
