/**
 * The API's errors name API calls and options (`deleteInstance("web")`, `rollbackOnFailure`); a CLI user
 * runs commands instead, so the CLI says the command that does the same.
 */

/** What the CLI knows about the command that failed: the composition file and the instance. */
export interface CliContext {
  readonly file: string;
  readonly name: string;
  /** Named in the command only when the user gave one (else the context's namespace applies again). */
  readonly namespace?: string;
}

/**
 * The error, its hints rewritten from API calls to CLI commands (only errors that carry them: a failed direct
 * deploy's `leftInCluster`). The error is changed in place and returned.
 *
 * @example
 * ```ts
 * import { withCliHints } from './hints.js';
 * const error = Object.assign(new Error('x\n(... or deleteInstance("gamma") to remove them; rollbackOnFailure removes them ...)'), { leftInCluster: [] });
 * withCliHints(error, { file: 'app.ts', name: 'gamma' }).message; // => 'x\n(... or typekro delete app.ts --name gamma to remove them; --rollback-on-failure removes them ...)'
 * ```
 */
export function withCliHints(error: unknown, context: CliContext): unknown {
  if (!(error instanceof Error) || !('leftInCluster' in error)) return error;
  const namespace = context.namespace !== undefined ? ` --namespace ${context.namespace}` : '';
  error.message = error.message
    .replace(`deleteInstance("${context.name}")`, `typekro delete ${context.file} --name ${context.name}${namespace}`)
    .replace('rollbackOnFailure removes', '--rollback-on-failure removes');
  return error;
}
