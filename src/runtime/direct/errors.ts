/** Errors of direct deployments; each names the resource it is about. */
import type { TypeKroErrorCode } from '../../util/errors.js';
import { DeployFailedError } from '../engine/deploy-failed.js';

export { DeployFailedError } from '../engine/deploy-failed.js';

/**
 * The old name of {@link DeployFailedError} in direct mode: the same class (`instanceof` either is the same test).
 *
 * @deprecated use DeployFailedError
 * @example
 * import { DeployFailedError, DirectDeployError } from 'typekro';
 * new DirectDeployError('resource "web": the API server refused it', 'web') instanceof DeployFailedError; // => true
 */
export const DirectDeployError = DeployFailedError;
/** @deprecated use DeployFailedError */
export type DirectDeployError = DeployFailedError;

/**
 * A resource did not become ready (or its data never arrived) before the deadline.
 *
 * @example
 * import { DirectTimeoutError } from 'typekro';
 * new DirectTimeoutError('web was not ready after 300s', 'web').code; // => 'TIMEOUT'
 */
export class DirectTimeoutError extends DeployFailedError {
  override readonly name: string = 'DirectTimeoutError';
  override readonly code: TypeKroErrorCode = 'TIMEOUT';
}

/**
 * The deploy's AbortSignal fired: nothing more is applied; the message says what was done so far.
 *
 * @example
 * import { DirectAbortedError } from 'typekro';
 * new DirectAbortedError('aborted after applying 2 objects').code; // => 'ABORTED'
 */
export class DirectAbortedError extends DeployFailedError {
  override readonly name: string = 'DirectAbortedError';
  override readonly code: TypeKroErrorCode = 'ABORTED';
}

/**
 * `toYaml` needs data that only exists in the cluster.
 *
 * @example
 * import { OfflineRenderError } from 'typekro';
 * new OfflineRenderError('resource "config" reads web.status.loadBalancer, which only the cluster has', 'config').code; // => 'NEEDS_CLUSTER'
 */
export class OfflineRenderError extends DeployFailedError {
  override readonly name: string = 'OfflineRenderError';
  override readonly code: TypeKroErrorCode = 'NEEDS_CLUSTER';
}

/**
 * What happened to a failed first deploy with `rollbackOnFailure`: set on the thrown error as
 * `error.rollback`, and summarised in its message.
 *
 * @example
 * import type { RollbackReport } from 'typekro';
 * const report: RollbackReport = { deleted: 3, kept: 1 };
 * report.deleted; // => 3
 */
export interface RollbackReport {
  /** Objects deleted. */
  readonly deleted: number;
  /** Objects left because they existed before the instance did (they are not the instance's own). */
  readonly kept: number;
  /** Set when the rollback itself failed. */
  readonly error?: string;
}

/** Defined with the one ownership check of both modes (engine/ownership-check.ts). */
export { OwnershipConflictError } from '../engine/ownership-check.js';
/** Defined with the one object-name check of both modes (engine/name-check.ts). */
export { InvalidObjectNameError, type ObjectNameProblem } from '../engine/name-check.js';
