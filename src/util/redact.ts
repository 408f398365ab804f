/**
 * What messages may show of the values they are about. Secret values (a Secret's `data` and `stringData`,
 * spec fields marked sensitive or flowing into a Secret) become `[redacted]` in every message, error, event
 * and plan; a long value (a 10 MB spec string echoed by the API server) is cut to its first characters and
 * its length; and no line of a message is longer than {@link LINE_LIMIT}. One class for both modes and the CLI.
 */

/** What a secret value becomes in text. */
export const REDACTED = '[redacted]';
/** Characters of one value a message may show; longer values are cut (see {@link clip}). */
export const ECHO_LIMIT = 200;
/** Characters of one line of a message; longer lines are cut. */
export const LINE_LIMIT = 1000;
/** Shorter secrets are not redacted: they would blank out ordinary words and numbers, and protect nothing. */
const MIN_SECRET = 4;

/**
 * `value` when it has at most `limit` characters, else its start and its length.
 *
 * @example
 * ```ts
 * import { clip } from './redact.js';
 * clip('x'.repeat(10_000)).endsWith('…(10000 characters)'); // => true
 * clip('short'); // => 'short'
 * ```
 */
export function clip(value: string, limit = ECHO_LIMIT): string {
  return value.length <= limit ? value : `${value.slice(0, Math.min(limit, 60))}…(${value.length} characters)`;
}

/** Cuts every line longer than `limit`: the last guard against a message that echoes a whole object. */
export function clipLines(text: string, limit = LINE_LIMIT): string {
  if (text.length <= limit) return text;
  return text
    .split('\n')
    .map((line) => (line.length <= limit ? line : `${line.slice(0, limit)}…(${line.length - limit} more characters)`))
    .join('\n');
}

/** What {@link Redactor.addManifest} reads of an object. */
export interface ManifestValues {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly data?: unknown;
  readonly stringData?: unknown;
}

/**
 * Replaces known secret values by `[redacted]` and long values by their start, in text, errors and data.
 *
 * @example
 * ```ts
 * import { Redactor, REDACTED } from './redact.js';
 * const redactor = new Redactor();
 * redactor.addSecret('hunter2-password');
 * redactor.text('login failed for hunter2-password'); // => `login failed for ${REDACTED}`
 * ```
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly long = new Set<string>();

  /** Remembers the values of `manifest` when it is a Secret: `data` decoded and encoded, `stringData` as is and encoded. */
  addManifest(manifest: ManifestValues): void {
    if (manifest.kind !== 'Secret' || manifest.apiVersion !== 'v1') return;
    for (const value of stringsOf(manifest.data)) {
      this.addSecret(value);
      this.addSecret(Buffer.from(value, 'base64').toString('utf8'));
    }
    for (const value of stringsOf(manifest.stringData)) this.addSecret(value);
  }

  /** A secret: the value, its base64 form and its JSON-escaped form (API server messages quote values). */
  addSecret(value: string): void {
    if (value.length < MIN_SECRET || this.secrets.has(value)) return;
    for (const form of [value, Buffer.from(value, 'utf8').toString('base64'), JSON.stringify(value).slice(1, -1)]) this.secrets.add(form);
  }

  /** A value messages may quote: remembered when it is longer than {@link ECHO_LIMIT}, to be cut. */
  addValue(value: string): void {
    if (value.length <= ECHO_LIMIT) return;
    this.long.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.long.add(escaped);
  }

  /** The text with long values cut, secrets redacted, and every line at most {@link LINE_LIMIT} characters. */
  text(text: string): string {
    let result = text;
    // Long values first, so that their shown start is redacted too.
    for (const value of byLength(this.long)) if (result.includes(value)) result = result.split(value).join(clip(value));
    for (const value of byLength(this.secrets)) if (result.includes(value)) result = result.split(value).join(REDACTED);
    return clipLines(result);
  }

  /** A copy of JSON data with every string passed through {@link Redactor.text}. */
  value<T>(data: T): T {
    if (typeof data === 'string') return this.text(data) as T;
    if (Array.isArray(data)) return data.map((item: unknown) => this.value(item)) as T;
    if (typeof data === 'object' && data !== null) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, this.value(v)])) as T;
    return data;
  }

  /** Redacts an error's message, stack and causes in place (keeping its class and fields), and returns it. */
  error<E>(error: E): E {
    for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
      // the message without its remedies (remedy.ts), which a client renders with remedies in its own terms
      const detail: unknown = (current as { detail?: unknown }).detail;
      if (typeof detail === 'string') Object.defineProperty(current, 'detail', { value: this.text(detail) });
      const message = this.text(current.message);
      if (message === current.message) continue;
      current.message = message;
      if (current.stack) current.stack = this.text(current.stack);
    }
    return error;
  }
}

function stringsOf(map: unknown): string[] {
  return typeof map === 'object' && map !== null ? Object.values(map).filter((v): v is string => typeof v === 'string') : [];
}

function byLength(values: ReadonlySet<string>): string[] {
  return [...values].sort((a, b) => b.length - a.length);
}
