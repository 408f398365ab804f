/**
 * Readiness of the built-in workload kinds, as kubectl decides it (`kubectl rollout status`): Deployment,
 * StatefulSet, ReplicaSet, DaemonSet, Job and Pod.
 */
import { E, type Expr } from '../../ir/expr.js';
import {
  and, concat, conditionField, conditionTrue, describeCondition, eq, field, firstOf, ge, gt, int, lt, ne, not, or, otherConditions, present, str,
  text,
} from './dsl.js';
import { NEVER, READY, rule, observedCurrent, counters, withLazyReason, replicas, count, shortBy } from './rule.js';

/**
 * kubectl's one terminal verdict of a rollout (`kubectl rollout status` fails with "exceeded its progress
 * deadline"): once the controller has observed the current generation, `Progressing` has reason
 * `ProgressDeadlineExceeded` (with status False). The deployment controller sets that reason only when the
 * deadline passed; it sets Progressing=False for other reasons too (`ReplicaSetCreateError` when a quota
 * refuses the new ReplicaSet), which it retries: those are waited out, as kubectl does. An older generation's
 * condition says nothing about the spec just applied, hence `current`.
 */
function progressDeadlineExceeded(o: Expr, current: Expr): Expr {
  return and(current, eq(conditionField(o, 'Progressing', 'status'), str('False')), eq(conditionField(o, 'Progressing', 'reason'), str('ProgressDeadlineExceeded')));
}

/**
 * kubectl's rollout rule (`kubectl rollout status`): the counts of the status are those of the generation
 * observed, every replica is of the new ReplicaSet (`replicas <= updatedReplicas`: no old pod pending
 * termination; an old ready pod next to an unready new one is not a finished rollout) and every updated
 * replica is available. Then `readyReplicas` equals `spec.replicas` too (available pods are ready ones).
 */
export const deployment = rule('Deployment', 'kubectl\'s rollout rule: the controller observed the current generation, `updatedReplicas` equals `spec.replicas` (default 1), `replicas` does not exceed `updatedReplicas` (no old replica pending termination) and `availableReplicas` reaches it (absent counts are 0); condition `Progressing`=False with reason `ProgressDeadlineExceeded` for the current generation fails the deployment (any other reason, such as `ReplicaSetCreateError`, is waited out)', (o) => {
  const [current, staleReason] = observedCurrent(o);
  const desired = replicas(o);
  const [updated, total, available] = [count(o, 'updatedReplicas'), count(o, 'replicas'), count(o, 'availableReplicas')];
  const ready = and(current, eq(updated, desired), ge(updated, total), ge(available, updated));
  // Built on first read, once: the RGD compiler reads only `ready`.
  let deadline: Expr | undefined;
  const deadlineExceeded = (): Expr => (deadline ??= progressDeadlineExceeded(o, current));
  return withLazyReason(ready, deadlineExceeded, () =>
    firstOf(
      [
        [not(current), staleReason],
        [deadlineExceeded(), concat('rollout exceeded its progress deadline (spec.progressDeadlineSeconds ', text(field(o, 'spec.progressDeadlineSeconds', int(600))), 's): ', conditionField(o, 'Progressing', 'message'))],
        [ne(updated, desired), shortBy(o, updated, desired, 'updatedReplicas')],
        [gt(total, updated), concat(text(E.binary('-', total, updated)), ' old replicas pending termination', otherConditions(o))],
        // Not part of the rule (available pods are ready ones): the reason says which of the two is short.
        [lt(count(o, 'readyReplicas'), updated), shortBy(o, count(o, 'readyReplicas'), desired, 'readyReplicas')],
        [lt(available, updated), shortBy(o, available, desired, 'availableReplicas')],
      ],
      READY,
    ));
});

/**
 * kubectl's rule for a RollingUpdate StatefulSet: the generation observed, every replica ready and updated
 * (pods at `updateRevision`; with a partition, those from the partition up), and with no partition the
 * rollout finished (`currentRevision` reached `updateRevision`). Updated counts are of the new revision, so
 * a status the controller wrote for the new generation before it updated a pod is not ready. An `OnDelete`
 * StatefulSet updates a pod only when someone deletes it: ready counts only.
 */
export const statefulSet = rule('StatefulSet', 'the controller observed the current generation, `readyReplicas` equals `spec.replicas` (default 1) and `availableReplicas` reaches it; for `RollingUpdate` (the default) also `updatedReplicas` reaches `spec.replicas` minus the partition, and without a partition `currentRevision` equals `updateRevision`', (o) => {
  const [current, staleReason] = observedCurrent(o);
  const desired = replicas(o);
  const onDelete = ne(field(o, 'spec.updateStrategy.type', str('RollingUpdate')), str('RollingUpdate'));
  const partition = field(o, 'spec.updateStrategy.rollingUpdate.partition', int(0));
  const toUpdate = E.binary('-', desired, partition);
  const [readyCount, available, updated] = [count(o, 'readyReplicas'), count(o, 'availableReplicas'), count(o, 'updatedReplicas')];
  const [currentRevision, updateRevision] = [field(o, 'status.currentRevision', str('')), field(o, 'status.updateRevision', str(''))];
  const updatedOk = or(onDelete, ge(updated, toUpdate));
  const revisionOk = or(onDelete, gt(partition, int(0)), eq(currentRevision, updateRevision));
  const ready = and(current, eq(readyCount, desired), ge(available, desired), updatedOk, revisionOk);
  return withLazyReason(ready, NEVER, () =>
    firstOf(
      [
        [not(current), staleReason],
        [ne(readyCount, desired), shortBy(o, readyCount, desired, 'readyReplicas')],
        [lt(available, desired), shortBy(o, available, desired, 'availableReplicas')],
        [not(updatedOk), shortBy(o, updated, toUpdate, 'updatedReplicas')],
        [not(revisionOk), concat('rolling update to revision ', updateRevision, ' not finished (currentRevision ', currentRevision, ')')],
      ],
      READY,
    ));
});

export const replicaSet = rule('ReplicaSet', 'the controller observed the current generation and `readyReplicas` and `availableReplicas` reach `spec.replicas` (default 1)', (o) =>
  counters(o, replicas(o), ['readyReplicas', 'availableReplicas']));

/**
 * kubectl's rule for a DaemonSet: the generation observed and, for `RollingUpdate` (the default), every
 * scheduled pod updated; every one ready and available. (`OnDelete`: ready counts only.)
 */
export const daemonSet = rule('DaemonSet', 'the controller observed the current generation, reported `desiredNumberScheduled`, and `numberReady`, `numberAvailable` and (for `RollingUpdate`, the default) `updatedNumberScheduled` reach it', (o) => {
  const reported = present(o, 'status.desiredNumberScheduled');
  const onDelete = ne(field(o, 'spec.updateStrategy.type', str('RollingUpdate')), str('RollingUpdate'));
  const desired = field(o, 'status.desiredNumberScheduled', int(0));
  const base = counters(o, desired, ['numberReady', 'numberAvailable']);
  const updated = count(o, 'updatedNumberScheduled');
  const updatedOk = or(onDelete, ge(updated, desired));
  return withLazyReason(and(reported, base.ready, updatedOk), NEVER, () =>
    firstOf(
      [[not(reported), str('desiredNumberScheduled not reported yet')], [not(base.ready), base.reason], [not(updatedOk), shortBy(o, updated, desired, 'updatedNumberScheduled')]],
      READY,
    ));
});

export const job = rule('Job', 'condition `Complete`=True, or `status.succeeded` reaches `spec.completions` (default 1); condition `Failed`=True fails the deployment', (o) => {
  const failed = conditionTrue(o, 'Failed');
  const completions = field(o, 'spec.completions', int(1));
  const succeeded = field(o, 'status.succeeded', int(0));
  return {
    ready: and(ne(conditionField(o, 'Failed', 'status'), str('True')), or(conditionTrue(o, 'Complete'), ge(succeeded, completions))),
    failed,
    reason: firstOf([[failed, concat('job failed: ', describeCondition(o, 'Failed'))], [lt(succeeded, completions), concat(text(succeeded), '/', text(completions), ' completions')]], READY),
  };
});

export const pod = rule('Pod', 'phase `Succeeded`, or condition `Ready`=True; phase `Failed` fails the deployment', (o) => {
  const phase = field(o, 'status.phase', str('Pending'));
  const ready = or(eq(phase, str('Succeeded')), conditionTrue(o, 'Ready'));
  return { ready, failed: eq(phase, str('Failed')), reason: E.cond(ready, READY, concat('pod phase ', phase, otherConditions(o))) };
});
