/**
 * Text lengths and positions as JavaScript counts them. JavaScript's `.length`, `indexOf` and `lastIndexOf`
 * count UTF-16 code units; CEL's `size`, `indexOf` and `lastIndexOf` count code points: a character outside
 * the Basic Multilingual Plane (an emoji, U+10000 and above) is one code point and two code units. The forms
 * here are exact for every text, in KRO's cel-go (v0.31, KRO v0.9.4) and in the runtime's engine:
 *
 * - the length is `size(s) + size(s.split("").filter(c, c > "\uffff"))`: `split("")` cuts text into code
 *   points and CEL orders strings by code point, so one character above "\uffff" is one outside the BMP;
 * - a search runs on the unit text of `s`, where each character outside the BMP is followed by a second
 *   code point, so that its code points stand one for one for the UTF-16 code units of `s` and CEL's
 *   position is JavaScript's (see `unitText` for why no match can start inside such a pair).
 *
 * JavaScript's strings may hold lone surrogates, but no text KRO or the API server holds can (JSON text is
 * UTF-8), so they are outside "every text" here.
 *
 * Text known to hold no character above U+FFFF (`highest`, text-alphabet.ts: a name, an enumeration, a field
 * with such a pattern) has one UTF-16 unit per code point, so there CEL's own `size`, `indexOf` and
 * `lastIndexOf` are JavaScript's and the forms above are not needed: a search text holding a character outside
 * the BMP is found in such text by neither (both give -1, and an empty search text is found alike).
 */
import { E, referencedRoots, type Expr } from '../ir/expr.js';
import { intLiteral } from './call-arguments.js';
import { ANY_CHAR, BMP } from './text-alphabet.js';

/** The last code point of the BMP: a single character compares above it exactly when it lies outside. */
const BMP_END = '\uffff';
/** The macro variable over the code points; only the variable itself is read in its bodies. */
const VAR = 'c';

const outsideBmp = (c: Expr): Expr => E.binary('>', c, E.str(BMP_END));
const codePoints = (s: Expr): Expr => E.call('split', [E.str('')], s);
const isOutsideBmp = (ch: string): boolean => (ch.codePointAt(0) ?? 0) > 0xffff;

/** The text of a string literal, or of a template of literal parts. */
export function constantString(e: Expr): string | undefined {
  if (e.kind === 'literal') return e.literal.kind === 'string' ? e.literal.value : undefined;
  if (e.kind === 'template' && e.parts.every((p) => typeof p === 'string')) return e.parts.join('');
  return undefined;
}

/**
 * JavaScript's `s.length`: CEL's `size(s)` plus one for each character outside the BMP; a constant text's
 * length is computed here, and text whose characters are at most `highest` <= U+FFFF is `size(s)`.
 *
 * @example printCel(utf16Length(E.path('schema', 'spec', 'name'))); // 'size(schema.spec.name) + size(schema.spec.name.split("").filter(c, c > "\uffff"))'
 * @example printCel(utf16Length(E.path('schema', 'spec', 'name'), 0x7f)); // 'size(schema.spec.name)'
 */
export function utf16Length(s: Expr, highest: number = ANY_CHAR): Expr {
  const text = constantString(s);
  if (text !== undefined) return E.int(text.length);
  if (highest <= BMP) return E.call('size', [s]);
  return E.binary('+', E.call('size', [s]), E.call('size', [E.macro('filter', codePoints(s), VAR, outsideBmp(E.ident(VAR)))]));
}

/**
 * What follows a character outside the BMP in the unit text: the character again (`double`), `_` (`mark`),
 * or, chosen when the search text `test`s outside the BMP (`t > "\uffff"`), `_`, else the character.
 */
type Filler = { readonly kind: 'double' } | { readonly kind: 'mark' } | { readonly kind: 'chosen'; readonly test: Expr };

/**
 * The unit text of `s`: each character outside the BMP followed by a filler. Its code points at the
 * character boundaries of `s` are the UTF-16 positions of `s`, and a match of the unit text of `t` that
 * starts there is a match of `t` in `s` (from a boundary the unit text reads back into characters one way:
 * a code point outside the BMP is always followed by its filler). A match could also start on a filler:
 * - with `mark` (`_`, inside the BMP) only if `t` starts with a character inside the BMP that is `_`, and
 *   with `double` (outside) only if `t` starts with that character outside the BMP. So filling with `_`
 *   when `t` starts outside the BMP and doubling otherwise leaves none (`searchFiller`);
 * - with `double` and any `t`, a match on a filler needs `t` to be one character X repeated k times and `s`
 *   to hold X k + 1 times there: matches at the boundary before and after exist too, so the first match and
 *   the last one of a whole-text search are never on a filler, and doubling alone is exact for those.
 */
function unitText(s: Expr, filler: Filler): Expr {
  const text = constantString(s);
  if (text !== undefined && (filler.kind !== 'chosen' || ![...text].some(isOutsideBmp))) {
    const second = (ch: string): string => (filler.kind === 'mark' ? '_' : ch);
    return E.str([...text].map((ch) => (isOutsideBmp(ch) ? ch + second(ch) : ch)).join(''));
  }
  const name = filler.kind === 'chosen' ? freshName(filler.test) : VAR;
  const c = E.ident(name);
  const second = filler.kind === 'double' ? c : filler.kind === 'mark' ? E.str('_') : E.cond(filler.test, E.str('_'), c);
  return E.call('join', [E.str('')], E.macro('map', codePoints(s), name, E.cond(outsideBmp(c), E.binary('+', c, second), c)));
}

/** A macro variable the filler's test does not read (the test is evaluated inside the macro's body). */
function freshName(test: Expr): string {
  const used = new Set(referencedRoots(test));
  let name = VAR;
  for (let i = 0; used.has(name); i++) name = `${VAR}${i}`;
  return name;
}

/** The filler for a search from a position (see `unitText`): by the search text's first character. */
function searchFiller(t: Expr): Filler {
  const text = constantString(t);
  if (text === undefined) return { kind: 'chosen', test: outsideBmp(t) };
  return isOutsideBmp(text) ? { kind: 'mark' } : { kind: 'double' };
}

/**
 * JavaScript's `s.indexOf(t)` / `s.lastIndexOf(t)`: CEL's, in the doubled text of `s` for the doubled text
 * of `t` (`s.split("").map(c, c > "\uffff" ? c + c : c).join("").indexOf(t)` for a `t` inside the BMP); CEL's
 * own where the characters of `s` are at most `highest` <= U+FFFF.
 *
 * @example printCel(utf16Search('indexOf', E.path('schema', 'spec', 'name'), E.str('-'))); // 'schema.spec.name.split("").map(c, c > "\uffff" ? c + c : c).join("").indexOf("-")'
 * @example printCel(utf16Search('indexOf', E.path('schema', 'spec', 'name'), E.str('-'), 0x7f)); // 'schema.spec.name.indexOf("-")'
 */
export function utf16Search(name: 'indexOf' | 'lastIndexOf', s: Expr, t: Expr, highest: number = ANY_CHAR): Expr {
  if (highest <= BMP) return E.call(name, [t], s);
  const filler: Filler = { kind: 'double' };
  return E.call(name, [unitText(t, filler)], unitText(s, filler));
}

/**
 * JavaScript's `s.indexOf(t, from)`: JavaScript clamps the position to [0, length]; cel-go (v0.31) errors on
 * a negative offset, answers -1 for a non-empty `t` from the end on, and clamps an empty `t`'s answer to the
 * end. So only a negative position is raised to 0 (`[from, 0].max()`), and one that is a literal at most 0
 * is the search from the start.
 */
export function utf16IndexOfFrom(s: Expr, t: Expr, from: Expr, highest: number = ANY_CHAR): Expr {
  const literal = intLiteral(from);
  if (literal !== undefined && literal <= 0n) return utf16Search('indexOf', s, t, highest);
  const start = literal !== undefined ? from : E.call('max', [], E.list([from, E.int(0)]));
  if (highest <= BMP) return E.call('indexOf', [t, start], s);
  const filler = searchFiller(t);
  return E.call('indexOf', [unitText(t, filler), start], unitText(s, filler));
}

/**
 * JavaScript's `s.lastIndexOf(t, from)`: the last match starting at or before the position clamped to
 * [0, length]. cel-go's `lastIndexOf(t, offset)` answers -1 for an offset at the end ('abc'.lastIndexOf('c', 3)
 * is 2 in JavaScript), so the search runs on the prefix that holds every match starting there or before:
 * `unit.substring(0, [from + size(t), length].min()).lastIndexOf(t)`. At a literal position at most 0 it is
 * `s.startsWith(t) ? 0 : -1`. Where the characters of `s` are at most `highest` <= U+FFFF, the unit texts are
 * the texts themselves: a `t` holding a character outside the BMP is found in neither, whatever `size(t)` says
 * of its length, and `end` stays within `s`.
 */
export function utf16LastIndexOfFrom(s: Expr, t: Expr, from: Expr, highest: number = ANY_CHAR): Expr {
  const literal = intLiteral(from);
  if (literal !== undefined && literal <= 0n) return E.cond(E.call('startsWith', [t], s), E.int(0), E.int(-1));
  const narrow = highest <= BMP;
  const filler = searchFiller(t);
  const unitT = narrow ? t : unitText(t, filler);
  const start = literal !== undefined ? from : E.call('max', [], E.list([from, E.int(0)]));
  // The unit text of t is as long as t in UTF-16.
  const searchLength = narrow && constantString(t) === undefined ? E.call('size', [t]) : utf16Length(t);
  const reach = literal !== undefined && searchLength.kind === 'literal' ? E.int(literal + BigInt(constantString(t)!.length)) : E.binary('+', start, searchLength);
  const end = E.call('min', [], E.list([reach, utf16Length(s, highest)]));
  return E.call('lastIndexOf', [unitT], E.call('substring', [E.int(0), end], narrow ? s : unitText(s, filler)));
}

/** The character just below the surrogates (U+D800 to U+DFFF): the marker of the order key. */
const BELOW_SURROGATES = '\ud7ff';

/**
 * JavaScript's `a < b` (or `<=`, `>`, `>=`) on two values of unknown type, which may both be text: JavaScript
 * orders text by UTF-16 code units, CEL by code points, which order a character above U+FFFF (its first unit a
 * surrogate) and one from U+E000 to U+FFFF differently. So two texts are compared by their order keys, where
 * each character above U+FFFF is written after U+D7FF and U+D7FF itself twice: U+D7FF and those two-character
 * words then sit, in code point order, between the characters below U+D7FF and those from U+E000, as their
 * first UTF-16 units do, no word is the start of another, and two characters above U+FFFF order alike in both.
 * Other values (numbers) compare as CEL compares them.
 *
 * @example printCel(utf16Order('<', E.ident('a'), E.ident('b'))); // 'type(a) == type("") && type(b) == type("") ? a.split("").map(c, c > "\uffff" ? "\ud7ff" + c : c == "\ud7ff" ? "\ud7ff\ud7ff" : c).join("") < b.split(…).join("") : a < b'
 */
export function utf16Order(op: '<' | '<=' | '>' | '>=', a: Expr, b: Expr): Expr {
  // `type("")` rather than the name `string`, which the graph's checks would read as a reference.
  const isText = (e: Expr): Expr => E.binary('==', E.call('type', [e]), E.call('type', [E.str('')]));
  return E.cond(E.binary('&&', isText(a), isText(b)), E.binary(op, orderKey(a), orderKey(b)), E.binary(op, a, b));
}

/** The order key of text (see `utf16Order`); the macro's body reads only its own variable. */
function orderKey(s: Expr): Expr {
  const c = E.ident(VAR);
  const marked = E.cond(E.binary('==', c, E.str(BELOW_SURROGATES)), E.str(BELOW_SURROGATES + BELOW_SURROGATES), c);
  return E.call('join', [E.str('')], E.macro('map', codePoints(s), VAR, E.cond(outsideBmp(c), E.binary('+', E.str(BELOW_SURROGATES), c), marked)));
}
