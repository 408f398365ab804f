/**
 * The instance's events and logs as the user sees them: every message, log line and log error passed
 * through the instance's {@link Redactor} (see `redactorForObjects`), the same in both modes. Events quote
 * API server errors, and containers print their configuration: both can carry a secret.
 */
import type { LogFailure, PodLog } from '../runtime/direct/index.js';
import type { Redactor } from '../util/redact.js';
import type { InstanceEvent, StreamLogOptions } from './instances.js';

/**
 * Events with their messages redacted.
 *
 * @example
 * ```ts
 * import { Redactor } from '../util/redact.js';
 * import { redactEvents } from './sensitive-feed.js';
 * const redactor = new Redactor();
 * redactor.addSecret('hunter2-pw');
 * redactEvents(redactor, [event]).map((e) => e.message); // => ['Error: bad password [redacted]']
 * ```
 */
export function redactEvents(redactor: Redactor, events: readonly InstanceEvent[]): InstanceEvent[] {
  return events.map((event) => ({ ...event, message: redactor.text(event.message) }));
}

/**
 * Logs with their text and errors redacted.
 *
 * @example
 * ```ts
 * import { redactLogs } from './sensitive-feed.js';
 * redactLogs(redactor, [{ resourceId: 'web', pod: 'web-1', namespace: 'dev', container: 'app', log: 'pw=hunter2-pw' }])[0]?.log; // => 'pw=[redacted]'
 * ```
 */
export function redactLogs(redactor: Redactor, logs: readonly PodLog[]): PodLog[] {
  return logs.map((entry) => ({
    ...entry,
    ...(entry.log !== undefined ? { log: redactor.text(entry.log) } : {}),
    ...(entry.error !== undefined ? { error: redactor.text(entry.error) } : {}),
  }));
}

/**
 * Stream options whose `onLine` receives redacted lines.
 *
 * @example
 * ```ts
 * import { redactedStream } from './sensitive-feed.js';
 * const options = redactedStream(redactor, { onLine: (source, line) => console.log(line) });
 * options.onLine(source, 'pw=hunter2-pw'); // prints 'pw=[redacted]'
 * ```
 */
export function redactedStream<T extends Pick<StreamLogOptions, 'onLine'>>(redactor: Redactor, options: T): T {
  return { ...options, onLine: (source, line) => options.onLine(source, redactor.text(line)) };
}

/**
 * Log failures with the API server's reasons redacted.
 *
 * @example
 * ```ts
 * import { redactFailures } from './sensitive-feed.js';
 * redactFailures(redactor, failures).map((f) => f.message);
 * ```
 */
export function redactFailures(redactor: Redactor, failures: readonly LogFailure[]): LogFailure[] {
  return failures.map((failure) => ({ ...failure, message: redactor.text(failure.message) }));
}
