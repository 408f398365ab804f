/**
 * A resource only exists as part of a composition: the composition function's run collects it. A factory
 * called elsewhere (at module level, in a callback that runs later) would make a resource no RGD or
 * deployment ever contains, so it is an error at the call.
 */
import { formatLocation, userFrames } from './call-site.js';
import { trapRefusal } from './refs.js';
import { currentRun } from './run.js';
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

/**
 * Fails the definition of composition `name` when another composition's function is running: that function
 * runs once, on placeholders, and its source is read as one composition, so a composition defined inside it
 * would not be compiled as its own. Recorded as a refusal of the outer definition, so a user's `catch` around
 * the inner definition cannot turn it into resources silently left out.
 */
export function refuseDefinitionInRun(name: string): void {
  if (!currentRun()) return;
  throw trapRefusal(new TypeKroError(
    'DEFINITION_INVALID',
    `${formatLocation(userFrames()[0])}: composition "${name}" is defined inside the function of another composition, which TypeKro does not compile (that function runs once, on placeholders, to build its own graph)\n  hint: define it once at module level (\`const child = kubernetesComposition(...)\`) and call it in the function to nest it (\`child({ ... })\`)`,
  ));
}
