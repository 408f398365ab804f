/**
 * A resource only exists as part of a composition: the composition function's run collects it. A factory
 * called elsewhere (at module level, in a callback that runs later) would make a resource no RGD or
 * deployment ever contains, so it is an error at the call.
 */
import { formatLocation, userFrames } from './call-site.js';
import { TypeKroError } from '../util/errors.js';

/**
 * The error for a factory called while no composition function runs.
 *
 * @example if (!currentRun()) throw outsideComposition('Deployment');
 */
export function outsideComposition(factoryName: string): TypeKroError {
  return new TypeKroError('DEFINITION_INVALID', 
    `${formatLocation(userFrames()[0])}: ${factoryName}(...) was called outside a composition function, so no composition would contain the resource; ` +
      `call it inside the function passed to kubernetesComposition(...) (or toResourceGraph's resource builder), e.g. in a helper that function calls`,
  );
}
