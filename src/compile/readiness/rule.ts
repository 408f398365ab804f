/**
 * What a readiness rule is (three CEL expressions over the observed object `self`) and the pieces the rules
 * share: the generation the controller observed, replica counters, reasons built on first read.
 */
import { E, type Expr } from '../../ir/expr.js';
import { and, concat, field, firstOf, ge, generation, int, lt, not, otherConditions, str, text } from './dsl.js';

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

export const NEVER = E.bool(false);
export const READY = str('ready');

export const rule = (name: string, means: string, build: (o: Expr) => ReadinessExprs): ReadinessRule => ({ name, means, build });

/** The controller has seen the latest spec: `status.observedGeneration` reached `metadata.generation`. */
export function observedCurrent(o: Expr): [Expr, Expr] {
  const observed = field(o, 'status.observedGeneration', int(0));
  return [ge(observed, generation(o)), concat('controller has not observed generation ', text(generation(o)), ' yet (observedGeneration ', text(observed), ')')];
}

/** Every counter at least `desired`, the first one short named in the reason (`1/3 availableReplicas`). */
export function counters(o: Expr, desired: Expr, names: readonly string[]): ReadinessExprs {
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
 * once per resource, and the reasons of the workload kinds are most of a rule's tree. `failed` may be built on
 * first read too (a function), for the same reason: a Deployment's progress-deadline test is a third of its tree.
 */
export function withLazyReason(ready: Expr, failed: Expr | (() => Expr), reason: () => Expr): ReadinessExprs {
  let built: Expr | undefined;
  let failure = typeof failed === 'function' ? undefined : failed;
  return {
    ready,
    get failed(): Expr {
      return (failure ??= (failed as () => Expr)());
    },
    get reason(): Expr {
      return (built ??= reason());
    },
  };
}

export const replicas = (o: Expr): Expr => field(o, 'spec.replicas', int(1));
/** A status count; the API server leaves a count of 0 out (`omitempty`), so absent is 0. */
export const count = (o: Expr, name: string): Expr => field(o, `status.${name}`, int(0));
/** `1/3 availableReplicas`, the reason a count is short (or over: `3/1 updatedReplicas` while scaling down). */
export const shortBy = (o: Expr, have: Expr, want: Expr, name: string): Expr => concat(text(have), '/', text(want), ` ${name}`, otherConditions(o));
