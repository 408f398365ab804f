/** Errors of direct deployments; each names the resource it is about. */

export class DirectDeployError extends Error {
  override readonly name: string = 'DirectDeployError';
  /** Stable classification, the same in every copy of TypeKro. */
  readonly code: string = 'DEPLOY_FAILED';
  constructor(
    message: string,
    readonly resourceId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A resource did not become ready (or its data never arrived) before the deadline. */
export class DirectTimeoutError extends DirectDeployError {
  override readonly name: string = 'DirectTimeoutError';
  override readonly code: string = 'TIMEOUT';
}

/** The deploy's AbortSignal fired: nothing more is applied; the message says what was done so far. */
export class DirectAbortedError extends DirectDeployError {
  override readonly name: string = 'DirectAbortedError';
  override readonly code: string = 'ABORTED';
}

/** `toYaml` needs data that only exists in the cluster. */
export class OfflineRenderError extends DirectDeployError {
  override readonly name: string = 'OfflineRenderError';
  override readonly code: string = 'OFFLINE_RENDER';
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
