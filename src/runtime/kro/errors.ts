/** Errors of the KRO driver, apart from it so that exporting them loads no Kubernetes client. */
import { TypeKroError } from '../../util/errors.js';
import { DeployFailedError } from '../engine/deploy-failed.js';
import { describeRef, type ObjectRef } from '../kube/errors.js';

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

/**
 * What an aborted deploy says: where it stopped, and what stays applied (KRO keeps reconciling an instance).
 * `applied`: the RGD, then the instance, as far as they were applied.
 *
 * @example
 * ```ts
 * abortedError('web', [], cause).message; // => 'deploy of instance "web" (kro mode) aborted before anything was applied'
 * ```
 */
export function abortedError(name: string, applied: readonly ObjectRef[], cause: unknown): KroAbortedError {
  const [rgd, instance] = applied;
  const what = instance
    ? `while waiting for it to become ready; ${describeRef(rgd!)} and ${describeRef(instance)} stay applied and KRO keeps reconciling the instance (delete it with deleteInstance or typekro delete)`
    : rgd
      ? `while waiting for KRO to accept ${describeRef(rgd)}, which stays applied; the instance was not applied`
      : 'before anything was applied';
  return new KroAbortedError(`deploy of instance "${name}" (kro mode) aborted ${what}`, { cause });
}
