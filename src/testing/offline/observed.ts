/**
 * Typical states a cluster reports, for `simulate`'s `observed`. Each builds the object from the manifest a
 * deploy applied (so "available" means every replica the manifest asks for), plus what the API server adds
 * (`metadata.generation`, `uid`) and what the kind's controller writes into `status`.
 */

import type { ObservedState } from '../../composition/observed-state.js';

export { isObservedState, type ObservedState } from '../../composition/observed-state.js';

/**
 * One observed object: a plain partial object (laid over the applied manifest) or an {@link ObservedState}.
 *
 * @example
 * import { jobSucceeded, type ObservedInput } from 'typekro/testing';
 * const inputs: ObservedInput[] = [jobSucceeded(), { status: { succeeded: 1 } }];
 * inputs.length; // => 2
 */
export type ObservedInput = ObservedState | Readonly<Record<string, unknown>>;
