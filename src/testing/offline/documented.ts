/**
 * The differences between the compiled CEL and JavaScript that README.md documents ("Where the CEL
 * differs"): a divergence they explain is what a deploy really does, not a TypeKro bug, so `simulate`
 * reports it as documented instead of throwing. Each explanation is narrow on purpose: it must not hide
 * a real divergence that merely looks alike.
 */

import { exprChildren, type Expr } from '../../ir/expr.js';
import { codePointWalkText, unitTextOf } from '../../analysis/utf16.js';

const SECTION = 'README.md, "Where the CEL differs"';
const CASE = `${SECTION}: toLowerCase()/toUpperCase() are lowerAscii()/upperAscii(), letters outside ASCII keep their case`;
const POSITIONS = `${SECTION}: the positions of substring() and charAt() count code points in CEL and UTF-16 code units in JavaScript (a character outside the BMP)`;
const ORDER = `${SECTION}: <, <=, >, >= on strings compare code points in CEL and UTF-16 code units in JavaScript (a character outside the BMP against one from U+E000 to U+FFFF)`;
const SPLIT = `${SECTION}: split('') and replaceAll('', x) cut text into code points in CEL and into UTF-16 code units in JavaScript (a character outside the BMP becomes two lone surrogates, which no manifest can hold)`;
const TRIM = `${SECTION}: trim() keeps U+FEFF, which JavaScript strips, and strips U+0085, which JavaScript keeps`;

/**
 * A status field computed from a resource that does not exist yet: KRO and direct mode evaluate it without
 * that resource (a read of it fails) and leave it out unless CEL's `||`/`&&` decide it from the other side,
 * where JavaScript reads the resource's fields as absent and computes a value (`missing ? a : b` is `b`).
 * @example NOT_CREATED_YET.startsWith('README.md'); // true
 */
export const NOT_CREATED_YET = `${SECTION}: a status field that reads a resource which does not exist yet is pending until it exists, unless || or && decide it from their other side (JavaScript reads the missing resource's fields as absent)`;

const NON_ASCII = /[^\u0000-\u007f]/;
/** What one trim strips and the other keeps: U+FEFF (JavaScript strips it) and U+0085 (CEL strips it). */
const TRIM_ONLY_ONE_SIDE = /[\ufeff\u0085]/;
const withoutOneSided = (text: string): string => text.replace(new RegExp(TRIM_ONLY_ONE_SIDE, 'g'), '');

/** A character outside the Basic Multilingual Plane (an emoji): one code point, two UTF-16 code units. */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
/** Characters JavaScript orders after an astral one (its high surrogate is below them) and CEL before. */
const HIGH_BMP = /[\ue000-\uffff]/u;
/** Beyond this JavaScript's numbers are not exact integers, and CEL's int64 ends soon after (2^63). */
const EXACT = 2 ** 53;

/**
 * The README difference that explains a compiled leaf differing from the JavaScript one, or `undefined`.
 * `inputs` are the strings of the spec and the observed objects: an ordering or a length differs only when
 * they hold a character outside the Basic Multilingual Plane.
 * @example documentedDifference('Äb', 'äb'); // 'README.md, "Where the CEL differs": toLowerCase()/toUpperCase() ...'
 */
export function documentedDifference(compiled: unknown, javascript: unknown, inputs: readonly string[] = []): string | undefined {
  const astral = inputs.some((text) => ASTRAL.test(text));
  if (typeof compiled === 'boolean' && typeof javascript === 'boolean' && astral && inputs.some((text) => HIGH_BMP.test(text))) {
    return ORDER;
  }
  if (typeof compiled === 'number' && typeof javascript === 'number' && astral) {
    return POSITIONS;
  }
  // An error on the compiled side (the field is left out) where JavaScript computed a number no manifest could hold.
  // Not NaN: a concrete evaluation reports NaN as pending (JSON has none), so a NaN here did not come from one.
  if (compiled === undefined && typeof javascript === 'number' && Math.abs(javascript) >= EXACT) {
    return `${SECTION}: numbers at the edges (an integer overflow beyond 64 bits, an integer division or remainder by zero, an integer beyond ±2^53) are errors in CEL`;
  }
  // A map read with a key from the data that names an inherited member: JavaScript finds the function, CEL nothing.
  if (inputs.some((text) => text in Object.prototype) && typeof compiled === typeof javascript && (typeof compiled === 'boolean' || typeof compiled === 'string')) {
    return `${SECTION}: a map key from the spec or the cluster that names a member every JavaScript object inherits (\`constructor\`, \`toString\`) reads the inherited function in JavaScript and nothing in CEL`;
  }
  if (typeof compiled !== 'string' || typeof javascript !== 'string') return undefined;
  // lowerAscii/upperAscii leave non-ASCII letters as they are: the two agree once both are case-mapped alike.
  if (NON_ASCII.test(compiled + javascript) && (compiled.toUpperCase() === javascript.toUpperCase() || compiled.toLowerCase() === javascript.toLowerCase())) {
    return CASE;
  }
  if (TRIM_ONLY_ONE_SIDE.test(compiled + javascript) && withoutOneSided(compiled) === withoutOneSided(javascript)) {
    return TRIM;
  }
  return undefined;
}

/**
 * The JavaScript spelling of the CEL functions that count string positions in code points (`slice` on a string
 * is `substring`). `.length`, `indexOf` and `lastIndexOf` of text compile to forms that count UTF-16 code units
 * (analysis/utf16.ts): their `size`, `indexOf` and `lastIndexOf` calls explain nothing.
 */
const POSITION_CALLS: Readonly<Record<string, string>> = { substring: 'substring()', charAt: 'charAt()' };
const ORDERING = new Set(['<', '<=', '>', '>=']);
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
const asciiUpper = (text: string): string => text.replace(/[a-z]+/g, (run) => run.toUpperCase());

/**
 * The README difference that a documented operation inside the compiled expression makes on the value it
 * is applied to here, or `undefined`: `lowerAscii`/`upperAscii` of text JavaScript's case mapping changes
 * otherwise, a `substring`/`charAt` position in text with a character outside the BMP, `split('')` or `replaceAll('', x)` of
 * such text, an ordering of such a character
 * against one from U+E000 to U+FFFF, `trim` of text with U+FEFF or U+0085. `valueOf` evaluates a part of the
 * expression with the instance's variables (`undefined` where it cannot: inside a comprehension, pending).
 * A difference one operation later (`s.toLowerCase() === s`, `s.substring(0, 3)` in a template) is explained
 * only by such an application, never by the look of the result, so a real divergence still fails.
 * @example documentedOperation(E.call('lowerAscii', [], E.path('schema', 'spec', 'name')), () => 'Äb'); // CASE + ' (here toLowerCase() of "Äb")'
 */
export function documentedOperation(expr: Expr, valueOf: (part: Expr) => unknown, show: (text: string) => string = JSON.stringify): string | undefined {
  const text = (part: Expr | undefined): string | undefined => {
    if (!part) return undefined;
    const value = valueOf(part);
    return typeof value === 'string' ? value : undefined;
  };
  const here = (difference: string, what: string): string => `${difference} (here ${what})`;
  const visit = (node: Expr): string | undefined => {
    // The UTF-16 forms of `.length`, `indexOf`, `lastIndexOf` (analysis/utf16.ts) count what JavaScript counts:
    // only the text they read may hold a documented operation (their `split("")`, `c > "\uffff"` and the
    // `substring` of a unit text are theirs, not JavaScript's).
    const walked = codePointWalkText(node);
    if (walked) return visit(walked);
    if (node.kind === 'call' && node.fn === 'substring' && node.target && unitTextOf(node.target)) return [node.target, ...node.args].map(visit).find((found) => found !== undefined);
    if (node.kind === 'call' && (node.fn === 'lowerAscii' || node.fn === 'upperAscii') && node.args.length === 0) {
      const input = text(node.target);
      const lower = node.fn === 'lowerAscii';
      if (input !== undefined && (lower ? input.toLowerCase() !== asciiLower(input) : input.toUpperCase() !== asciiUpper(input))) {
        return here(CASE, `${lower ? 'toLowerCase()' : 'toUpperCase()'} of ${show(input)}`);
      }
    }
    if (node.kind === 'call' && node.fn === 'trim' && node.args.length === 0) {
      const input = text(node.target);
      if (input !== undefined && TRIM_ONLY_ONE_SIDE.test(input)) return here(TRIM, `trim() of ${show(input)}`);
    }
    if (node.kind === 'call' && node.fn in POSITION_CALLS) {
      const input = text(node.target);
      if (input !== undefined && ASTRAL.test(input)) return here(POSITIONS, `${POSITION_CALLS[node.fn]} of ${show(input)}`);
    }
    // `split("")` and `replace("", x)` without a count (JavaScript's replaceAll('', x)) cut between code points.
    if (node.kind === 'call' && (node.fn === 'split' || (node.fn === 'replace' && node.args.length === 2)) && text(node.args[0]) === '') {
      const input = text(node.target);
      if (input !== undefined && ASTRAL.test(input)) return here(SPLIT, `${node.fn === 'split' ? "split('')" : "replaceAll('', …)"} of ${show(input)}`);
    }
    if (node.kind === 'binary' && ORDERING.has(node.op)) {
      const left = text(node.left);
      const right = left === undefined ? undefined : text(node.right);
      if (left !== undefined && right !== undefined && ASTRAL.test(left + right) && HIGH_BMP.test(left + right)) return here(ORDER, `${show(left)} ${node.op} ${show(right)}`);
    }
    for (const child of exprChildren(node)) {
      const found = visit(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(expr);
}
