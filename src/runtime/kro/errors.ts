/** Errors of the KRO driver, apart from it so that exporting them loads no Kubernetes client. */
import { TypeKroError } from '../../util/errors.js';

/**
 * KRO refused the RGD or the instance (its condition message is the error message).
 *
 * @example
 * import { KroRejectedError } from 'typekro';
 * new KroRejectedError('ResourceGraphDefinition app: schema is invalid').code; // => 'REJECTED'
 */
export class KroRejectedError extends TypeKroError {
  override readonly name = 'KroRejectedError';
  constructor(message: string, options?: ErrorOptions) {
    super('REJECTED', message, options);
  }
}

/**
 * A KRO-mode deploy failed at a resource (`resourceId`) for good: the resource's readiness rule reports a
 * terminal failure (a Deployment past its progress deadline, a failed Job, a Stalled HelmRelease), the
 * verdict direct mode stops on. KRO would keep waiting; the instance stays applied and KRO keeps
 * reconciling it.
 *
 * @example
 * import { KroDeployError } from 'typekro';
 * const error = new KroDeployError('resource "web" (Deployment dev/web) failed: rollout exceeded its progress deadline', 'web');
 * [error.code, error.resourceId]; // => ['DEPLOY_FAILED', 'web']
 */
export class KroDeployError extends TypeKroError {
  override readonly name: string = 'KroDeployError';
  constructor(
    message: string,
    readonly resourceId?: string,
    options?: ErrorOptions,
  ) {
    super('DEPLOY_FAILED', message, options);
  }
}

/**
 * A KRO-mode deploy stopped because its AbortSignal fired (the factory's `abortSignal` or the one given to
 * `deploy`); the message says what was applied, which stays (KRO keeps reconciling an applied instance).
 *
 * @example
 * import { KroAbortedError } from 'typekro';
 * new KroAbortedError('deploy of instance "web" (kro mode) aborted before anything was applied').code; // => 'ABORTED'
 */
export class KroAbortedError extends TypeKroError {
  override readonly name: string = 'KroAbortedError';
  constructor(message: string, options?: ErrorOptions) {
    super('ABORTED', message, options);
  }
}
