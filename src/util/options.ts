/**
 * Options objects of the public calls: a key the call does not know would be dropped without a word (a
 * misspelling, or an option of an older shape), so it is refused with the keys there are.
 */
import { TypeKroError } from './errors.js';

/**
 * Throws a `USAGE` TypeKroError for the first key of `options` that is not in `known`; `hints` says what to
 * write instead of a key some other call takes.
 *
 * @example
 * refuseUnknownOptions('simulate', { namepsace: 'apps' }, ['observed', 'name', 'namespace']); // throws: unknown option `namepsace`
 */
export function refuseUnknownOptions(call: string, options: object, known: readonly string[], hints: Readonly<Record<string, string>> = {}): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    throw new TypeKroError('USAGE', `${call}: unknown option \`${key}\`; ${hints[key] ?? `the options are ${known.join(', ')}`}`);
  }
}
