/**
 * The highest code point of a text: the one measure of which characters a text holds, shared by the schema's
 * enumerations and literal alternatives (model/schema/arktype.ts) and the analyser's text types
 * (analysis/text-alphabet.ts), which both sit above util.
 */

/**
 * The highest code point of `text` (0 for the empty text).
 *
 * @example
 * ```ts
 * highestOf('a😀'); // 0x1f600
 * ```
 */
export function highestOf(text: string): number {
  let highest = 0;
  for (const ch of text) highest = Math.max(highest, ch.codePointAt(0)!);
  return highest;
}
