/**
 * Ctrl-C during a cluster operation: the first SIGINT aborts through the factories' `abortSignal` (they stop
 * watching and reject), a second one exits at once.
 */
import { CliError, EXIT } from './errors.js';
import { err, type CliIo } from './io.js';

export class InterruptedError extends Error {
  // The DOM name for a cancelled operation.
  override readonly name = 'AbortError';
  readonly code: string = 'INTERRUPTED';
  constructor() {
    super('interrupted');
  }
}

export async function withInterrupt<T>(io: CliIo, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    err(io, '\ninterrupted: stopping (Ctrl-C again to exit at once)');
    controller.abort(new InterruptedError());
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  try {
    const result = await run(controller.signal);
    // An abort that raced a success still means the user asked to stop.
    if (controller.signal.aborted) throw controller.signal.reason;
    return result;
  } catch (error) {
    // Whatever the factory made of the abort (its message says what was left), the exit code is 130.
    if (controller.signal.aborted) throw new CliError(error instanceof Error ? error.message : 'interrupted', EXIT.interrupted);
    throw error;
  } finally {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  }
}
