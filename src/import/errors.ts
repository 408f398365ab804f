/** The one error of `typekro import`: an input that cannot be read or is not what it claims to be. */
import { TypeKroError } from '../util/errors.js';

/**
 * A source `typekro import` cannot use (unreadable, not a CRD, an unknown module, an unreachable URL);
 * the message names the source and what to do. Code `USAGE`: the input given is wrong.
 *
 * @example
 * import { ImportError } from 'typekro/import';
 * new ImportError('crds.yaml: no CustomResourceDefinition found').code; // => 'USAGE'
 */
export class ImportError extends TypeKroError {
  override name = 'ImportError';
  constructor(message: string, options?: ErrorOptions) {
    super('USAGE', message, options);
  }
}
