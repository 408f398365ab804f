/**
 * Exit codes and error reporting. Errors are classified by their stable `code` property, never by class
 * or message: the composition file imports its own copy of TypeKro (the user's installed package, or the
 * source through tsx), so its error classes are not the CLI's, but their codes are the same.
 */
import type { TypeKroErrorCode } from '../util/errors.js';
import { clipLines } from '../util/redact.js';
import { cliMessage, type CliContext } from './remedies.js';

export const EXIT = {
  ok: 0,
  /** The operation failed: the API server or KRO refused, a resource failed, the instance does not exist. */
  failure: 1,
  /** Invalid input: arguments, files, spec, kubeconfig, a namespace that does not exist, or a composition that does not compile. */
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
  2    invalid input: arguments, files, spec, kubeconfig, a missing namespace, or a composition that does not compile
  3    not ready: timed out waiting for readiness, or \`status\` shows an instance that is not ready
  130  interrupted (Ctrl-C)`;

/** An error the user fixes by changing the command line or a file; printed with the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: string = 'USAGE';
}

/** An error with a chosen exit code and a message that is complete on its own (no stack needed). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: string = 'CLI';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Codes of invalid input: the user fixes a flag, a file, the spec, the kubeconfig or the composition, or names a
 * namespace that exists (or creates it).
 */
const INPUT_CODES: ReadonlySet<string> = new Set<TypeKroErrorCode>(['USAGE', 'SPEC_INVALID', 'DEFINITION_INVALID', 'CONFIG_INVALID', 'NAMESPACE_NOT_FOUND']);

/**
 * The stable code of an error TypeKro threw on purpose (`SPEC_INVALID`, `TIMEOUT`, `NOT_FOUND`; ERROR_CODES),
 * else undefined. Node's own codes are not TypeKro's: `ERR_*` (`ERR_MODULE_NOT_FOUND`) and system errors
 * (`ECONNREFUSED`, with `syscall`).
 */
export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) && !code.startsWith('ERR_') && syscall === undefined ? code : undefined;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  const code = codeOf(error);
  if (code === 'INTERRUPTED' || code === 'ABORTED') return EXIT.interrupted;
  if (code === 'TIMEOUT') return EXIT.notReady;
  return code !== undefined && INPUT_CODES.has(code) ? EXIT.usage : EXIT.failure;
}

/**
 * `typekro: <message>`, its remedies in CLI terms (the command line that failed gives the file and cluster
 * flags), plus the cause chain and the stack only with --debug.
 */
export function formatError(error: unknown, debug: boolean, context: CliContext = {}): string {
  // No line of an error echoes a whole value (the factories cut the values they know; this is the last guard).
  return clipLines(errorText(error, debug, context));
}

function errorText(error: unknown, debug: boolean, context: CliContext): string {
  if (!(error instanceof Error)) return `typekro: ${String(error)}`;
  if (debug) return `typekro: ${error.stack ?? error.message}${error.cause instanceof Error ? `\ncaused by: ${error.cause.stack ?? error.cause.message}` : ''}`;
  // An error with a code says what to do; anything else is a bug or a surprise: point at the stack.
  const hint = codeOf(error) !== undefined ? '' : `\n  (${error.name}; run with --debug for the stack trace)`;
  return `typekro: ${cliMessage(error, context)}${hint}`;
}
