/** Errors of direct deployments; each names the resource it is about. */

export class DirectDeployError extends Error {
  override readonly name: string = 'DirectDeployError';
  constructor(
    message: string,
    readonly resourceId?: string,
  ) {
    super(message);
  }
}

/** A resource did not become ready (or its data never arrived) before the deadline. */
export class DirectTimeoutError extends DirectDeployError {
  override readonly name = 'DirectTimeoutError';
}

/** `toYaml` needs data that only exists in the cluster. */
export class OfflineRenderError extends DirectDeployError {
  override readonly name = 'OfflineRenderError';
}
