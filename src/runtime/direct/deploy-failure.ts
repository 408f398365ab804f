/**
 * What a failed direct deployment says and does: which resources an abort caught in which step, the rollback
 * of a failed first deploy, and the objects it left in the cluster.
 */
import type { KubeObject, Ownership } from '../engine/index.js';
import { describeRef } from '../kube/client.js';
import { DirectAbortedError, type RollbackReport } from './errors.js';
import { deleteInOrder, listOwned, objectKey } from './owned.js';
import { RecordKeeper } from './record.js';
import { callOptions, refOf, type DirectSession, type ProgressEvent } from './session.js';
import { amendError } from '../../util/remedy.js';
import type { Step } from './reconcile.js';

export function abortedError(session: DirectSession, steps: ReadonlyMap<string, Step>, cause: unknown): DirectAbortedError {
  const by = (step: Step): string[] => [...steps].filter(([, s]) => s === step).map(([id]) => id);
  const notStarted = session.prepared.order.filter((id) => !steps.has(id));
  const reason = session.signal?.reason instanceof Error && session.signal.reason.name !== 'AbortError' ? `: ${session.signal.reason.message}` : '';
  const parts = [
    `ready: ${by('ready').join(', ') || 'none'}`,
    `applied, not ready: ${by('applied').join(', ') || 'none'}`,
    `being applied when stopped: ${by('applying').join(', ') || 'none'}`,
    `not started: ${notStarted.join(', ') || 'none'}`,
  ];
  return new DirectAbortedError(`deploy of instance "${session.instance.name}" aborted${reason}; nothing more was applied (${parts.join('; ')})`, undefined, { cause });
}

/**
 * Deletes every object this instance created (since its record exists), then the record. The objects are
 * what the instance owns (kinds the user may not list are skipped) plus what this attempt applied.
 */
export async function rollback(session: DirectSession, record: RecordKeeper, applied: readonly KubeObject[], budgetMs: number, progress: (event: ProgressEvent) => void): Promise<RollbackReport> {
  const deadline = Date.now() + budgetMs;
  const call = () => callOptions({ deadline });
  try {
    const listed = await listOwned(session.client, session.owner, record.memberKinds, record.memberNamespaces, call(), { skipForbidden: true });
    const keys = new Set(listed.map(objectKey));
    const owned = [...listed, ...applied.filter((object) => !keys.has(objectKey(object)))];
    const since = record.since ? Date.parse(record.since) : undefined;
    const created = (object: KubeObject): boolean => {
      const at = Date.parse(String((object.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? ''));
      return since === undefined || Number.isNaN(at) || at >= since;
    };
    const ours = owned.filter(created);
    progress({ type: 'rollback', message: `rolling back the failed first deploy of "${session.instance.name}": deleting ${ours.length} object(s)` });
    const deleted = await deleteInOrder(session.client, ours, { order: session.prepared.order, deadline, progress, verb: 'rolled back', call });
    await record.remove(call());
    return { deleted, kept: owned.length - ours.length };
  } catch (error) {
    return { deleted: 0, kept: 0, error: (error as Error).message };
  }
}

/** A failed deploy says what it applied and left in the cluster, and how to remove it. */
export function withLeftBehind(error: unknown, owner: Ownership, applied: readonly KubeObject[]): unknown {
  if (!(error instanceof Error)) return error;
  const shown = applied.slice(0, 10).map((object) => describeRef(refOf(object))).join(', ');
  const more = applied.length > 10 ? ` and ${applied.length - 10} more` : '';
  amendError(error, `(applied before the failure and left in the cluster: ${shown}${more}; deploy again once fixed, or remove them)`, [
    { purpose: 'remove them', action: 'delete-instance', mode: 'direct', name: owner.instance, namespace: owner.namespace },
    { purpose: 'remove them whenever a first deploy fails', action: 'option', option: 'rollbackOnFailure' },
  ]);
  Object.defineProperty(error, 'leftInCluster', { value: applied.map(refOf), enumerable: true });
  return error;
}

export function withRollback(error: unknown, report: RollbackReport): unknown {
  if (!(error instanceof Error)) return error;
  const summary = report.error
    ? `rollback failed: ${report.error}`
    : `rolled back: deleted ${report.deleted} object(s)${report.kept ? `, kept ${report.kept} that existed before this instance` : ''}`;
  amendError(error, `(${summary})`);
  Object.defineProperty(error, 'rollback', { value: report, enumerable: true });
  return error;
}
