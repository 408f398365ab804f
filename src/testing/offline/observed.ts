/**
 * Typical states a cluster reports, for `simulate`'s `observed`. Each builds the object from the manifest a
 * deploy applied (so "available" means every replica the manifest asks for), plus what the API server adds
 * (`metadata.generation`, `uid`) and what the kind's controller writes into `status`.
 */

/**
 * An observed state: the object a cluster would report for one resource, built from the manifest a deploy
 * applied. `apiVersion`/`kind` are the kind it describes (absent: any kind); `simulate` refuses it for a
 * resource of another kind.
 *
 * @example
 * import { deploymentAvailable, type ObservedState } from 'typekro/testing';
 * const state: ObservedState = deploymentAvailable();
 * [state.kind, state.description]; // => ['Deployment', 'Deployment available']
 */
export interface ObservedState {
  readonly apiVersion?: string;
  readonly kind?: string;
  /** What it models (`Deployment available`), for messages. */
  readonly description: string;
  /** The object as the API server would return it, from the applied manifest (undefined when it is not rendered yet). */
  object(applied: Record<string, unknown> | undefined): Record<string, unknown>;
}

/**
 * One observed object: a plain partial object (laid over the applied manifest) or an {@link ObservedState}.
 *
 * @example
 * import { jobSucceeded, type ObservedInput } from 'typekro/testing';
 * const inputs: ObservedInput[] = [jobSucceeded(), { status: { succeeded: 1 } }];
 * inputs.length; // => 2
 */
export type ObservedInput = ObservedState | Readonly<Record<string, unknown>>;

/** True for an {@link ObservedState} built by these helpers or by hand. */
export function isObservedState(value: unknown): value is ObservedState {
  return typeof value === 'object' && value !== null && typeof (value as { object?: unknown }).object === 'function' && typeof (value as { description?: unknown }).description === 'string';
}

