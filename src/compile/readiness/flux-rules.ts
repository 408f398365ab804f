/**
 * Readiness of Flux objects (Ready=True for the current generation, Stalled fails), HelmRelease (a failed Helm
 * action of the current generation fails too) and HelmRepository (an `oci` one is ready once it exists).
 */
import { E, type Expr } from '../../ir/expr.js';
import {
  and, concat, condition, conditionField, conditionTrue, describeCondition, eq, field, firstOf, ge, generation, hasCondition, int, ne, not, oneOf,
  or, str, text,
} from './dsl.js';
import { type ReadinessExprs, NEVER, READY, rule } from './rule.js';

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

export const fluxObject = rule('Flux objects', fluxMeans, (o) => flux(o, false));

export const helmRelease = rule('HelmRelease', `${fluxMeans}, and so does \`Ready\`=False for the current generation (and \`status.lastAttemptedGeneration\` at it) with reason ${HELM_ACTION_FAILED.map((r) => `\`${r}\``).join(', ')}`, (o) => flux(o, true));

export const helmRepository = rule('HelmRepository', `\`spec.type\` \`oci\`: exists (source-controller never reports conditions for it); otherwise as Flux objects: ${fluxMeans}`, (o) => {
  const oci = eq(field(o, 'spec.type', str('default')), str('oci'));
  const rest = flux(o, false);
  return { ready: or(oci, rest.ready), failed: and(not(oci), rest.failed), reason: E.cond(oci, READY, rest.reason) };
});
