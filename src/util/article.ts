/**
 * `word` with its indefinite article, for messages that name a type or kind ("an int", "a string",
 * "an Ingress", "a uint").
 */

/**
 * `a word` or `an word`, by the sound the word starts with (a vowel letter; `u` read as "you" takes `a`).
 *
 * @example
 * ```ts
 * import { withArticle } from './article.js';
 * withArticle('int'); // => 'an int'
 * withArticle('string'); // => 'a string'
 * withArticle('uint'); // => 'a uint'
 * ```
 */
export function withArticle(word: string): string {
  return /^(?:[aeio]|u(?!int|ni|se|ri))/i.test(word) ? `an ${word}` : `a ${word}`;
}
