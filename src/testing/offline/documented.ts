/**
 * The differences between the compiled CEL and JavaScript that README.md documents ("Where the CEL
 * differs"): a divergence they explain is what a deploy really does, not a TypeKro bug, so `simulate`
 * reports it as documented instead of throwing. Each explanation is narrow on purpose: it must not hide
 * a real divergence that merely looks alike.
 */

const SECTION = 'README.md, "Where the CEL differs"';

const NON_ASCII = /[^\u0000-\u007f]/;
/** What one trim strips and the other keeps: U+FEFF (JavaScript strips it) and U+0085 (CEL strips it). */
const TRIM_ONLY_ONE_SIDE = /[\ufeff\u0085]/;
const withoutOneSided = (text: string): string => text.replace(new RegExp(TRIM_ONLY_ONE_SIDE, 'g'), '');

/**
 * The README difference that explains a compiled leaf differing from the JavaScript one, or `undefined`.
 * @example documentedDifference('Äb', 'äb'); // 'README.md, "Where the CEL differs": toLowerCase()/toUpperCase() ...'
 */
export function documentedDifference(compiled: unknown, javascript: unknown): string | undefined {
  if (typeof compiled !== 'string' || typeof javascript !== 'string') return undefined;
  // lowerAscii/upperAscii leave non-ASCII letters as they are: the two agree once both are case-mapped alike.
  if (NON_ASCII.test(compiled + javascript) && (compiled.toUpperCase() === javascript.toUpperCase() || compiled.toLowerCase() === javascript.toLowerCase())) {
    return `${SECTION}: toLowerCase()/toUpperCase() are lowerAscii()/upperAscii(), letters outside ASCII keep their case`;
  }
  if (TRIM_ONLY_ONE_SIDE.test(compiled + javascript) && withoutOneSided(compiled) === withoutOneSided(javascript)) {
    return `${SECTION}: trim() keeps U+FEFF, which JavaScript strips, and strips U+0085, which JavaScript keeps`;
  }
  return undefined;
}
