/**
 * KRO's split between "data pending, retry" and "fatal" (`pkg/runtime/errors.go`): an error is pending iff
 * cel-go's message contains `no such key`, `no such field`, `no such attribute` or `index out of bounds`.
 * cel-js reports structured codes, so we map the codes whose cel-go counterparts carry those phrases,
 * never our own wording.
 */

/**
 * cel-js error codes whose cel-go counterpart message contains one of KRO's four pending phrases.
 * - `no_such_key`: a missing map key or object field (cel-go `no such key: x`).
 * - `index_out_of_bounds`: a list index past the end (cel-go `index out of bounds: 5`).
 * - `unknown_variable` at evaluation: a declared variable without a value (cel-go `no such attribute`).
 * - `NEEDS_CLUSTER`: offline, a field a rendered manifest does not set (`stand-in.ts`), unknown until the
 *   cluster has the object.
 */
const PENDING_CODES: ReadonlySet<string> = new Set(['no_such_key', 'index_out_of_bounds', 'unknown_variable', 'NEEDS_CLUSTER']);

/** The four phrases of `pkg/runtime/errors.go`, for errors that arrive as cel-go text (e.g. from an oracle). */
const PENDING_PHRASES = ['no such key', 'no such field', 'no such attribute', 'index out of bounds'] as const;

/** True when an evaluation error means "the data is not there yet". */
export function isPendingError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return PENDING_CODES.has(code);
  const message = error instanceof Error ? error.message : String(error);
  return isPendingMessage(message);
}

/** KRO's own test: the cel-go message contains one of the four phrases. */
export function isPendingMessage(message: string): boolean {
  return PENDING_PHRASES.some((phrase) => message.includes(phrase));
}

/** The short message of an engine error, without cel-js's source excerpt. */
export function errorSummary(error: unknown): string {
  const summary = (error as { summary?: unknown } | null)?.summary;
  if (typeof summary === 'string') return summary;
  return error instanceof Error ? error.message : String(error);
}
