/** Errors of the KRO driver, apart from it so that exporting them loads no Kubernetes client. */
import { TypeKroError } from '../../util/errors.js';
import { DeployFailedError } from '../engine/deploy-failed.js';

export { DeployFailedError } from '../engine/deploy-failed.js';

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
 * The old name of {@link DeployFailedError} in kro mode: the same class (`instanceof` either is the same test).
 *
 * @deprecated use DeployFailedError
 * @example
 * import { DeployFailedError, KroDeployError } from 'typekro';
 * new KroDeployError('resource "web" failed', 'web') instanceof DeployFailedError; // => true
 */
export const KroDeployError = DeployFailedError;
/** @deprecated use DeployFailedError */
export type KroDeployError = DeployFailedError;

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
