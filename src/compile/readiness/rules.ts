/**
 * What ready means, per kind: the one definition of readiness. Each rule is CEL over the observed object
 * (`self`): `ready` (compiled into the RGD as the default `readyWhen`, and evaluated by direct mode),
 * `failed` (a terminal failure: waiting longer cannot help) and `reason` (why not ready, for people).
 */
import { E, type Expr } from '../../ir/expr.js';
import {
  and, concat, condition, conditionTrue, describeCondition, eq, field, firstOf, ge, generation, hasCondition, gt, int, lt, ne, not, or, present, str,
  text,
} from './dsl.js';
import { type ReadinessRule, NEVER, READY, rule } from './rule.js';
import { deployment, statefulSet, replicaSet, daemonSet, job, pod } from './workload-rules.js';
import { fluxObject, helmRelease, helmRepository } from './flux-rules.js';

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
