/**
 * Secret values never leave a deployment in text: every value of a Secret the graph renders (`data`,
 * decoded and encoded, and `stringData`) is replaced by `[redacted]` in progress messages, Kubernetes event
 * messages, errors and plans. Values shorter than 4 characters are not redacted (they would blank out
 * ordinary words and numbers; a secret that short protects nothing anyway).
 */
import type { KubeObject } from '../engine/index.js';

export const REDACTED = '[redacted]';
const MIN_LENGTH = 4;

export class Redactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  /** Remembers the values of the manifest when it is a Secret. */
  addManifest(manifest: KubeObject): void {
    if (manifest.kind !== 'Secret' || manifest.apiVersion !== 'v1') return;
    for (const value of Object.values((manifest.data as Record<string, unknown> | undefined) ?? {})) {
      if (typeof value !== 'string') continue;
      this.add(value);
      this.add(Buffer.from(value, 'base64').toString('utf8'));
    }
    for (const value of Object.values((manifest.stringData as Record<string, unknown> | undefined) ?? {})) {
      if (typeof value !== 'string') continue;
      this.add(value);
      this.add(Buffer.from(value, 'utf8').toString('base64'));
    }
  }

  add(value: string): void {
    if (value.length < MIN_LENGTH || this.values.has(value)) return;
    this.values.add(value);
    // Also the JSON-escaped form, as API server messages quote values.
    const quoted = JSON.stringify(value).slice(1, -1);
    if (quoted !== value) this.values.add(quoted);
    this.pattern = undefined;
  }

  text(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp([...this.values].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
    return text.replace(this.pattern, REDACTED);
  }

  /** Redacts an error's message and stack in place (keeping its class and fields), and returns it. */
  error<E>(error: E): E {
    if (error instanceof Error) {
      const message = this.text(error.message);
      if (message !== error.message) {
        error.message = message;
        if (error.stack) error.stack = this.text(error.stack);
      }
    }
    return error;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
