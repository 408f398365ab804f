/** The one error of a deploy that failed for good, in both modes (the kro and direct drivers throw it). */
import { TypeKroError } from '../../util/errors.js';

/**
 * A deploy failed at a resource (`resourceId`, when one is to blame) for good; the message says why. Both
 * modes throw it: direct mode for an expression that fails or a status field that fails to evaluate, kro mode
 * for a resource whose readiness rule reports a terminal failure (a Deployment past its progress deadline, a
 * failed Job) and for a status field that fails on the objects KRO made for this spec (`resourceId` absent),
 * where KRO would keep waiting (the instance stays applied and KRO keeps reconciling it).
 * `KroDeployError` and `DirectDeployError` are deprecated names of this class.
 *
 * @example
 * import { DeployFailedError } from 'typekro';
 * const error = new DeployFailedError('resource "web" (Deployment dev/web) failed: rollout exceeded its progress deadline', 'web');
 * [error instanceof DeployFailedError, error.code, error.resourceId]; // => [true, 'DEPLOY_FAILED', 'web']
 */
export class DeployFailedError extends TypeKroError {
  override readonly name: string = 'DeployFailedError';
  constructor(
    message: string,
    readonly resourceId?: string,
    options?: ErrorOptions,
  ) {
    super('DEPLOY_FAILED', message, options);
  }
}
