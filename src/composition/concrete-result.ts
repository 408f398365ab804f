/**
 * What a concrete evaluation returns (composition/concrete.ts): each resource as JavaScript decided it, the
 * status, and what is pending; and what it evaluates with.
 */
import type { ObservedObjects } from './concrete-drafts.js';
import { OpaqueCel, type ConcreteData } from './concrete-value.js';

/**
 * One resource of a concrete evaluation.
 *
 * @example
 * import { type } from 'arktype';
 * import { evaluateConcrete, kubernetesComposition } from 'typekro';
 * import { ConfigMap } from 'typekro/simple';
 * const app = kubernetesComposition(
 *   { name: 'app', kind: 'App', spec: type({ regions: 'string[]' }), status: type({ count: 'number' }) },
 *   (spec) => {
 *     for (const region of spec.regions) ConfigMap({ id: 'regions', name: `app-${region}`, data: { region } });
 *     return { count: spec.regions.length };
 *   },
 * );
 * evaluateConcrete(app, { regions: ['eu', 'us'] }).resources.find((r) => r.id === 'regions')?.manifests.length; // => 2
 */
export interface ConcreteResource {
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** True when its factory call sits in a loop the graph compiles to a forEach: `manifests` has one entry per item (maybe none). */
  readonly collection: boolean;
  /** Every `withIncludeWhen` condition of every item holds (`if`s already decided whether the call happened). */
  readonly included: boolean | OpaqueCel;
  /** The manifests the factory built, one per item; none for an external reference. */
  readonly manifests: readonly ConcreteData[];
  /** The external object read, for an `externalRef`. */
  readonly external?: ConcreteData;
  /**
   * Manifest paths with no value yet: `undefined` (absent observed data), or computed from a read with no
   * value (an absent field, a field of a resource not observed; see composition/concrete-frame.ts
   * `pendingArguments`), prefixed `[i].` per item in a collection.
   */
  readonly pending: readonly string[];
  /**
   * The `withReadyWhen` answer per item when the resource has conditions: `true` only when every condition
   * is exactly `true`; `undefined` when the item is not observed; {@link OpaqueCel} for CEL conditions.
   */
  readonly ready?: readonly (boolean | OpaqueCel | undefined)[];
}

/**
 * The result of a concrete evaluation.
 *
 * @example
 * import { type } from 'arktype';
 * import { evaluateConcrete, kubernetesComposition, type ConcreteEvaluation } from 'typekro';
 * import { Deployment } from 'typekro/simple';
 * const webapp = kubernetesComposition(
 *   { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
 *   (spec) => {
 *     const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
 *     return { ready: deployment.status.readyReplicas > 0 };
 *   },
 * );
 * const { status, pendingStatus }: ConcreteEvaluation = evaluateConcrete(webapp, { replicas: 2 });
 * [status, pendingStatus]; // => [{}, ['ready']]
 */
export interface ConcreteEvaluation {
  readonly resources: readonly ConcreteResource[];
  /** The returned status as data: `undefined` fields are left out and listed in `pendingStatus`. */
  readonly status: { readonly [key: string]: ConcreteData };
  readonly pendingStatus: readonly string[];
  /**
   * The fields of `pendingStatus` computed from a resource that is not observed, by path (`a.b`), with the
   * value JavaScript gives them when that resource exists without a status (observed as `{}`; a field
   * JavaScript leaves undefined then is not listed). A cluster evaluates the field anyway: the
   * reads of the missing resource have no value, so it stays pending unless the rest of the expression decides
   * it without them (`a || b` with `b` true, `a && b` with `b` false), and then it is this value
   * (docs/guide/testing.md). `simulate`, which runs the compiled CEL, says which.
   */
  readonly unobservedValues?: { readonly [path: string]: ConcreteData };
  /**
   * The status fields JavaScript computed as a number no JSON can hold (`0 / 0` is NaN, `1 / 0` Infinity), as
   * `path: the double NaN has no JSON form`: both modes fail such a field (`simulate`'s `failedStatus` says it
   * alike), so it is neither a value nor pending. Present only when there is one. A NaN computed from an absent
   * read is pending instead, as the compiled CEL waits for the read.
   */
  readonly failedStatus?: readonly string[];
}

/**
 * What `runConcrete` evaluates with.
 * @example runConcrete(app, app.graph, { spec: { replicas: 2 }, observed: new Map(), instance: { name: 'app' } });
 */
export interface ConcreteInput {
  /** The spec with schema defaults applied (plain data). */
  readonly spec: unknown;
  readonly observed: ObservedObjects;
  /** The instance's identity (`schema.metadata` of `toResourceGraph`). */
  readonly instance: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
}
