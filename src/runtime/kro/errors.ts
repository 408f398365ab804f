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
