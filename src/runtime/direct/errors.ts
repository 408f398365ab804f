/** Errors of direct deployments; each names the resource it is about. */
import { TypeKroError, type TypeKroErrorCode } from '../../util/errors.js';

export class DirectDeployError extends TypeKroError {
  override readonly name: string = 'DirectDeployError';
  constructor(
    message: string,
    readonly resourceId?: string,
    options?: ErrorOptions,
  ) {
    super('DEPLOY_FAILED', message, options);
  }
}

/** A resource did not become ready (or its data never arrived) before the deadline. */
export class DirectTimeoutError extends DirectDeployError {
  override readonly name: string = 'DirectTimeoutError';
  override readonly code: TypeKroErrorCode = 'TIMEOUT';
}

/** The deploy's AbortSignal fired: nothing more is applied; the message says what was done so far. */
export class DirectAbortedError extends DirectDeployError {
  override readonly name: string = 'DirectAbortedError';
  override readonly code: TypeKroErrorCode = 'ABORTED';
}

/** `toYaml` needs data that only exists in the cluster. */
export class OfflineRenderError extends DirectDeployError {
  override readonly name: string = 'OfflineRenderError';
  override readonly code: TypeKroErrorCode = 'NEEDS_CLUSTER';
}

/**
 * What happened to a failed first deploy with `rollbackOnFailure`: set on the thrown error as
 * `error.rollback`, and summarised in its message.
 */
export interface RollbackReport {
  /** Objects deleted. */
  readonly deleted: number;
  /** Objects left because they existed before the instance did (they are not the instance's own). */
  readonly kept: number;
  /** Set when the rollback itself failed. */
  readonly error?: string;
}
