/**
 * Exit codes and error reporting. Errors are classified by class *name* along the prototype chain, not by
 * `instanceof`: the composition file imports its own copy of TypeKro (the user's installed package, or the
 * source through tsx), so its error classes are not the CLI's.
 */

export const EXIT = {
  ok: 0,
  /** The operation failed: the API server or KRO refused, a resource failed, the instance does not exist. */
  failure: 1,
  /** Invalid input: arguments, files, spec, kubeconfig, or a composition that does not compile. */
  usage: 2,
  /** Not ready: a deadline passed while waiting for readiness, or `status` shows an instance not ready. */
  notReady: 3,
  /** Interrupted (Ctrl-C), as shells report SIGINT. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    the operation failed (API server or KRO refused, a resource failed, instance not found)
  2    invalid input: arguments, files, spec, kubeconfig, or a composition that does not compile
  3    not ready: timed out waiting for readiness, or \`status\` shows an instance that is not ready
  130  interrupted (Ctrl-C)`;

/** An error the user fixes by changing the command line or a file; printed with the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An error with a chosen exit code and a message that is complete on its own (no stack needed). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Class names of every constructor on the prototype chain (`DirectTimeoutError`, `DirectDeployError`, ...). */
export function classNames(error: unknown): string[] {
  const names: string[] = [];
  let proto: unknown = typeof error === 'object' && error !== null ? Object.getPrototypeOf(error) : undefined;
  while (proto && proto !== Object.prototype) {
    const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
    if (typeof ctor?.name === 'string') names.push(ctor.name);
    proto = Object.getPrototypeOf(proto);
  }
  if (error instanceof Error && !names.includes(error.name)) names.unshift(error.name);
  return names;
}

const INPUT_ERRORS = [
  'UsageError', 'SpecValidationError', 'CompositionSyntaxError', 'CompositionError', 'SchemaError', 'CelCompileError', 'KubeconfigError', 'CommanderError',
];
/** Errors TypeKro throws on purpose: their message says what to do, so no stack trace is needed. */
const KNOWN_ERRORS = [
  ...INPUT_ERRORS, 'CliError', 'TypeKroError', 'KubeApiError', 'KroRejectedError', 'BreakingChangeError', 'DirectDeployError', 'CelOutputError', 'AbortError',
];

export function isAbort(error: unknown): boolean {
  return classNames(error).includes('AbortError') || (error instanceof Error && error.message === 'interrupted');
}

function isTimeout(error: unknown): boolean {
  const names = classNames(error);
  if (names.includes('DirectTimeoutError')) return true;
  return names.includes('KubeApiError') && error instanceof Error && /^timed out/.test(error.message);
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isAbort(error)) return EXIT.interrupted;
  if (isTimeout(error)) return EXIT.notReady;
  const names = classNames(error);
  return names.some((name) => INPUT_ERRORS.includes(name)) ? EXIT.usage : EXIT.failure;
}

/** True when the message alone explains the problem; otherwise the user gets a hint about --debug. */
export function isKnownError(error: unknown): boolean {
  return classNames(error).some((name) => KNOWN_ERRORS.includes(name));
}

/** `typekro: <message>`, plus the cause chain, and the stack only with --debug. */
export function formatError(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return `typekro: ${String(error)}`;
  if (debug) return `typekro: ${error.stack ?? error.message}${error.cause instanceof Error ? `\ncaused by: ${error.cause.stack ?? error.cause.message}` : ''}`;
  const hint = isKnownError(error) ? '' : `\n  (${error.name}; run with --debug for the stack trace)`;
  return `typekro: ${error.message}${hint}`;
}
