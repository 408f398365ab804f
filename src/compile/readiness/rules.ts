/**
 * What ready means, per kind: the one definition of readiness. Each rule is CEL over the observed object
 * (`self`): `ready` (compiled into the RGD as the default `readyWhen`, and evaluated by direct mode),
 * `failed` (a terminal failure: waiting longer cannot help) and `reason` (why not ready, for people).
 */
import { E, type Expr } from '../../ir/expr.js';
import {
  and, concat, condition, conditionField, conditionTrue, describeCondition, eq, field, firstOf, ge, generation, hasCondition, gt, int, lt, ne, not, oneOf, or,
  otherConditions, present, str, text,
} from './dsl.js';

/** The three expressions of a rule, over one observed object. */
export interface ReadinessExprs {
  readonly ready: Expr;
  readonly failed: Expr;
  readonly reason: Expr;
}

/** A rule: what it means in words (the README's table) and its CEL, built over the object expression. */
export interface ReadinessRule {
  readonly name: string;
  readonly means: string;
  readonly build: (o: Expr) => ReadinessExprs;
}

const NEVER = E.bool(false);
const READY = str('ready');

const rule = (name: string, means: string, build: (o: Expr) => ReadinessExprs): ReadinessRule => ({ name, means, build });

/** The controller has seen the latest spec: `status.observedGeneration` reached `metadata.generation`. */
function observedCurrent(o: Expr): [Expr, Expr] {
  const observed = field(o, 'status.observedGeneration', int(0));
  return [ge(observed, generation(o)), concat('controller has not observed generation ', text(generation(o)), ' yet (observedGeneration ', text(observed), ')')];
}

/** Every counter at least `desired`, the first one short named in the reason (`1/3 availableReplicas`). */
function counters(o: Expr, desired: Expr, names: readonly string[]): ReadinessExprs {
  const [current, staleReason] = observedCurrent(o);
  const have = names.map((name) => field(o, `status.${name}`, int(0)));
  return withLazyReason(and(current, ...have.map((count) => ge(count, desired))), NEVER, () =>
    firstOf(
      [[not(current), staleReason], ...have.map((count, i): [Expr, Expr] => [lt(count, desired), concat(text(count), '/', text(desired), ` ${names[i]!}`, otherConditions(o))])],
      READY,
    ));
}

/**
 * A rule's expressions with `reason` built on first read (then kept): the RGD compiler reads only `ready`,
 * once per resource, and the reasons of the workload kinds are most of a rule's tree.
 */
function withLazyReason(ready: Expr, failed: Expr, reason: () => Expr): ReadinessExprs {
  let built: Expr | undefined;
  return {
    ready,
    failed,
    get reason(): Expr {
      return (built ??= reason());
    },
  };
}

const replicas = (o: Expr): Expr => field(o, 'spec.replicas', int(1));
/** A status count; the API server leaves a count of 0 out (`omitempty`), so absent is 0. */
const count = (o: Expr, name: string): Expr => field(o, `status.${name}`, int(0));
/** `1/3 availableReplicas`, the reason a count is short (or over: `3/1 updatedReplicas` while scaling down). */
const shortBy = (o: Expr, have: Expr, want: Expr, name: string): Expr => concat(text(have), '/', text(want), ` ${name}`, otherConditions(o));

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
const deployment = rule('Deployment', 'kubectl\'s rollout rule: the controller observed the current generation, `updatedReplicas` equals `spec.replicas` (default 1), `replicas` does not exceed `updatedReplicas` (no old replica pending termination) and `availableReplicas` reaches it (absent counts are 0); condition `Progressing`=False with reason `ProgressDeadlineExceeded` for the current generation fails the deployment (any other reason, such as `ReplicaSetCreateError`, is waited out)', (o) => {
  const [current, staleReason] = observedCurrent(o);
  const desired = replicas(o);
  const [updated, total, available] = [count(o, 'updatedReplicas'), count(o, 'replicas'), count(o, 'availableReplicas')];
  const ready = and(current, eq(updated, desired), ge(updated, total), ge(available, updated));
  const deadlineExceeded = progressDeadlineExceeded(o, current);
  return withLazyReason(ready, deadlineExceeded, () =>
    firstOf(
      [
        [not(current), staleReason],
        [deadlineExceeded, concat('rollout exceeded its progress deadline (spec.progressDeadlineSeconds ', text(field(o, 'spec.progressDeadlineSeconds', int(600))), 's): ', conditionField(o, 'Progressing', 'message'))],
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
const statefulSet = rule('StatefulSet', 'the controller observed the current generation, `readyReplicas` equals `spec.replicas` (default 1) and `availableReplicas` reaches it; for `RollingUpdate` (the default) also `updatedReplicas` reaches `spec.replicas` minus the partition, and without a partition `currentRevision` equals `updateRevision`', (o) => {
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

const replicaSet = rule('ReplicaSet', 'the controller observed the current generation and `readyReplicas` and `availableReplicas` reach `spec.replicas` (default 1)', (o) =>
  counters(o, replicas(o), ['readyReplicas', 'availableReplicas']));

/**
 * kubectl's rule for a DaemonSet: the generation observed and, for `RollingUpdate` (the default), every
 * scheduled pod updated; every one ready and available. (`OnDelete`: ready counts only.)
 */
const daemonSet = rule('DaemonSet', 'the controller observed the current generation, reported `desiredNumberScheduled`, and `numberReady`, `numberAvailable` and (for `RollingUpdate`, the default) `updatedNumberScheduled` reach it', (o) => {
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

const job = rule('Job', 'condition `Complete`=True, or `status.succeeded` reaches `spec.completions` (default 1); condition `Failed`=True fails the deployment', (o) => {
  const failed = conditionTrue(o, 'Failed');
  const completions = field(o, 'spec.completions', int(1));
  const succeeded = field(o, 'status.succeeded', int(0));
  return {
    ready: and(ne(conditionField(o, 'Failed', 'status'), str('True')), or(conditionTrue(o, 'Complete'), ge(succeeded, completions))),
    failed,
    reason: firstOf([[failed, concat('job failed: ', describeCondition(o, 'Failed'))], [lt(succeeded, completions), concat(text(succeeded), '/', text(completions), ' completions')]], READY),
  };
});

const pod = rule('Pod', 'phase `Succeeded`, or condition `Ready`=True; phase `Failed` fails the deployment', (o) => {
  const phase = field(o, 'status.phase', str('Pending'));
  const ready = or(eq(phase, str('Succeeded')), conditionTrue(o, 'Ready'));
  return { ready, failed: eq(phase, str('Failed')), reason: E.cond(ready, READY, concat('pod phase ', phase, otherConditions(o))) };
});

const service = rule('Service', 'type `LoadBalancer`: `status.loadBalancer.ingress` has an entry; any other type: exists', (o) => {
  const ready = or(ne(field(o, 'spec.type', str('ClusterIP')), str('LoadBalancer')), gt(E.call('size', [field(o, 'status.loadBalancer.ingress', E.list([]))]), int(0)));
  return { ready, failed: NEVER, reason: E.cond(ready, READY, str('waiting for a load balancer ingress')) };
});

const persistentVolumeClaim = rule('PersistentVolumeClaim', 'any phase but `Lost`: a claim of a `WaitForFirstConsumer` storage class binds only once a pod uses it, and that pod usually depends on the claim', (o) => {
  const phase = field(o, 'status.phase', str('Pending'));
  return {
    ready: ne(phase, str('Lost')),
    failed: NEVER,
    reason: firstOf([[eq(phase, str('Bound')), READY], [eq(phase, str('Lost')), str('claim lost its volume (phase Lost)')]], concat('phase ', phase, ' (binding may wait for its first consumer)')),
  };
});

const namespace = rule('Namespace', 'phase `Active`', (o) => {
  const phase = field(o, 'status.phase', str('unknown'));
  const ready = eq(phase, str('Active'));
  return { ready, failed: NEVER, reason: E.cond(ready, READY, concat('phase ', phase, ', waiting for Active')) };
});

const crd = rule('CustomResourceDefinition', 'condition `Established`=True', (o) => {
  const ready = conditionTrue(o, 'Established');
  return { ready, failed: NEVER, reason: E.cond(ready, READY, E.cond(hasCondition(o, 'Established'), describeCondition(o, 'Established'), str('waiting for condition Established'))) };
});

/** Ready reasons of helm-controller v2 that mean a Helm action failed (it retries them forever). */
const HELM_ACTION_FAILED = ['InstallFailed', 'UpgradeFailed', 'TestFailed', 'RollbackFailed', 'RollbackSucceeded', 'UninstallFailed', 'UninstallSucceeded'];

/** `chart hello@0.1.0 from HelmRepository charts: ` for a HelmRelease, so messages say which chart. */
function chartOf(o: Expr): Expr {
  const chart = field(o, 'spec.chart.spec.chart', str(''));
  const version = field(o, 'spec.chart.spec.version', str(''));
  const source = field(o, 'spec.chart.spec.sourceRef.name', str(''));
  return E.cond(
    eq(chart, str('')),
    str(''),
    concat('chart ', chart, E.cond(eq(version, str('')), str(''), concat('@', version)), E.cond(eq(source, str('')), str(''), concat(' from ', field(o, 'spec.chart.spec.sourceRef.kind', str('HelmRepository')), ' ', source)), ': '),
  );
}

/**
 * Flux: Ready=True, and the reconcile that wrote it was of the current generation. Only
 * `status.observedGeneration` says that: flux's patch helper writes conditions by re-reading the object and
 * stamping each changed condition with the generation it finds, so a reconcile of the previous generation
 * that ends after a spec change leaves Ready=True stamped with the new one; `status.observedGeneration` is
 * the reconciled object's own, written after the conditions (helm-controller leaves it at -1 until a release
 * first succeeds). Stalled=True fails at once. A HelmRelease whose Helm action failed fails at once when
 * the attempt was of the current generation (`status.lastAttemptedGeneration`, set from the reconciled
 * object) and so is its Ready condition.
 */
function flux(o: Expr, helmRelease: boolean): ReadinessExprs {
  const prefix = helmRelease ? chartOf(o) : str('');
  const statusObserved = field(o, 'status.observedGeneration', int(-1));
  const conditionCurrent = ge(field(condition(o, 'Ready'), 'observedGeneration', statusObserved), generation(o));
  const reconciled = ge(statusObserved, generation(o));
  const stalled = conditionTrue(o, 'Stalled');
  const readyStatus = conditionField(o, 'Ready', 'status');
  const attemptCurrent = ge(field(o, 'status.lastAttemptedGeneration', int(0)), generation(o));
  const actionFailed = helmRelease ? and(conditionCurrent, attemptCurrent, eq(readyStatus, str('False')), oneOf(conditionField(o, 'Ready', 'reason'), HELM_ACTION_FAILED)) : NEVER;
  const stalledDetail = E.call('join', [str(': ')], E.macro('filter', E.list([conditionField(o, 'Stalled', 'reason'), conditionField(o, 'Stalled', 'message'), E.cond(eq(conditionField(o, 'Ready', 'message'), conditionField(o, 'Stalled', 'message')), str(''), conditionField(o, 'Ready', 'message'))]), 's', ne(E.ident('s'), str(''))));
  const notYet = concat(prefix, 'Flux has not reconciled generation ', text(generation(o)), ' yet');
  return {
    ready: and(ne(conditionField(o, 'Stalled', 'status'), str('True')), reconciled, conditionCurrent, eq(readyStatus, str('True'))),
    failed: or(stalled, actionFailed),
    reason: firstOf(
      [
        [stalled, concat(prefix, 'Flux stopped retrying (Stalled): ', stalledDetail)],
        [not(conditionCurrent), notYet],
        [and(eq(readyStatus, str('True')), not(reconciled)), concat(notYet, ' (status.observedGeneration ', text(statusObserved), ')')],
        [eq(readyStatus, str('True')), READY],
        [not(hasCondition(o, 'Ready')), concat(prefix, 'waiting for Flux to report Ready')],
        [actionFailed, concat(prefix, conditionField(o, 'Ready', 'reason'), ': ', conditionField(o, 'Ready', 'message'), ' (Flux keeps retrying; fix the input and deploy again)')],
      ],
      concat(prefix, describeCondition(o, 'Ready')),
    ),
  };
}

const fluxMeans = 'condition `Ready`=True and `status.observedGeneration` at the current generation; `Stalled`=True fails the deployment';

const fluxObject = rule('Flux objects', fluxMeans, (o) => flux(o, false));

const helmRelease = rule('HelmRelease', `${fluxMeans}, and so does \`Ready\`=False for the current generation (and \`status.lastAttemptedGeneration\` at it) with reason ${HELM_ACTION_FAILED.map((r) => `\`${r}\``).join(', ')}`, (o) => flux(o, true));

const helmRepository = rule('HelmRepository', `\`spec.type\` \`oci\`: exists (source-controller never reports conditions for it); otherwise as Flux objects: ${fluxMeans}`, (o) => {
  const oci = eq(field(o, 'spec.type', str('default')), str('oci'));
  const rest = flux(o, false);
  return { ready: or(oci, rest.ready), failed: and(not(oci), rest.failed), reason: E.cond(oci, READY, rest.reason) };
});

/**
 * Any other kind: what its controller reports. The `Ready` condition when there is one, else `Available`,
 * else `status.observedGeneration`; a reported observedGeneration (of the status or of the condition)
 * must have reached the current generation. An object whose controller reported nothing is not ready.
 */
const custom = rule('custom kinds', 'condition `Ready`=True, else (no `Ready`) condition `Available`=True, else (neither) a `status.observedGeneration`; any observedGeneration reported (in the status or the condition) must reach `metadata.generation`. Nothing reported yet: not ready', (o) => {
  const gen = generation(o);
  const statusObserved = field(o, 'status.observedGeneration', gen);
  const conditionObserved = (type: string): Expr => field(condition(o, type), 'observedGeneration', gen);
  const current = (type: string): Expr => and(ge(statusObserved, gen), ge(conditionObserved(type), gen));
  const by = (type: string): Expr => and(conditionTrue(o, type), current(type));
  const hasReady = hasCondition(o, 'Ready');
  const hasAvailable = hasCondition(o, 'Available');
  const observedOnly = and(present(o, 'status.observedGeneration'), ge(statusObserved, gen));
  const staleReason = (type: string): Expr =>
    concat('controller has not observed generation ', text(gen), ' yet (observedGeneration ', text(E.cond(lt(conditionObserved(type), gen), conditionObserved(type), statusObserved)), ')');
  const reasonFor = (type: string): Expr => firstOf([[by(type), READY], [not(current(type)), staleReason(type)]], describeCondition(o, type));
  return {
    ready: firstOf([[hasReady, by('Ready')], [hasAvailable, by('Available')]], observedOnly),
    failed: NEVER,
    reason: firstOf(
      [
        [hasReady, reasonFor('Ready')],
        [hasAvailable, reasonFor('Available')],
        [present(o, 'status.observedGeneration'), E.cond(observedOnly, READY, concat('controller has not observed generation ', text(gen), ' yet (observedGeneration ', text(statusObserved), ')'))],
      ],
      str('waiting for its controller to report a Ready or Available condition or status.observedGeneration'),
    ),
  };
});

/** Rules by `group/kind` (core kinds have an empty group). */
export const KIND_RULES: ReadonlyMap<string, ReadinessRule> = new Map([
  ['apps/Deployment', deployment],
  ['apps/StatefulSet', statefulSet],
  ['apps/DaemonSet', daemonSet],
  ['apps/ReplicaSet', replicaSet],
  ['batch/Job', job],
  ['/Pod', pod],
  ['/Service', service],
  ['/PersistentVolumeClaim', persistentVolumeClaim],
  ['/Namespace', namespace],
  ['apiextensions.k8s.io/CustomResourceDefinition', crd],
  ['helm.toolkit.fluxcd.io/HelmRelease', helmRelease],
  ['source.toolkit.fluxcd.io/HelmRepository', helmRepository],
]);

/** Kinds of these API groups without a rule of their own follow the Flux rule. */
export const FLUX_RULE = fluxObject;
/** Kinds outside Kubernetes' own API groups follow the custom rule. */
export const CUSTOM_RULE = custom;
