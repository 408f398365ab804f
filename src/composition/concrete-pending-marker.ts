/**
 * The pending marker of a concrete run: the character a string built from an absent placeholder carries where
 * no place in the composition function says it is pending (concrete-view.ts), and the check that none
 * reaches a result.
 */
import { TypeKroError } from '../util/errors.js';

/**
 * Marks a string built from a placeholder where no place in the composition function says it is pending (a
 * factory's own code, a callback run after the function): one control character no user text contains, so
 * whatever JavaScript cuts from a text holding it still holds all of it or none.
 */
export const PENDING_MARKER = '\u0004';

/**
 * True for a string built from a placeholder outside the composition function's own code (see {@link PENDING_MARKER}).
 * @example hasPendingMarker('\u0004-svc'); // true
 */
export function hasPendingMarker(text: string): boolean {
  return text.includes(PENDING_MARKER);
}

/**
 * Fails loudly when a status value holds a piece of the marker: a TypeKro bug, never a user value.
 * @example checkNoMarker({ a: 'ok' }, 'status'); // no throw
 */
export function checkNoMarker(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (hasPendingMarker(value)) {
      throw new TypeKroError('INTERNAL', `internal: ${where} holds a piece of the concrete run's pending marker (${JSON.stringify(value)}); a TypeKro bug, please report it`);
    }
  } else if (Array.isArray(value)) value.forEach((item, i) => checkNoMarker(item, `${where}[${i}]`));
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) checkNoMarker(item, `${where}.${key}`);
  }
}
