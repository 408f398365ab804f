/**
 * JavaScript regexes become OpenAPI `pattern`s, which the API server and KRO compile with Go's RE2, and which
 * both modes check with RE2's meaning (`util/re2.ts`), per character (code point), as the API server does.
 * So the RE2 text must mean what the JavaScript regex means: constructs whose meaning differs are rewritten
 * (`\s` and `.` spelt out as JavaScript's sets, `\uXXXX` as `\x{XXXX}`, letters escaped for no reason as the
 * letter), and those RE2 lacks (lookaround, backreferences, the `m` flag's line breaks) are refused, named.
 */
import { TypeKroError } from '../../util/errors.js';
import type { Pattern } from './ark-json.js';

/** JavaScript's `\s`: WhiteSpace and LineTerminator (RE2's `\s` is only [\t\n\f\r ]). */
const JS_SPACES = '\\t\\n\\x0b\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
/** JavaScript's `.` stops at every line terminator (RE2's only at \n); with `s`, any character. */
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const ANY = '[\\x00-\\x{10ffff}]';
/** Characters a backslash escapes outside a class, in both engines. */
const META = new Set([...'\\^$.*+?()[]{}|']);
/** The highest character of JavaScript's `\d`, `\w` and `\s` (U+FEFF); their negations reach the top. */
const SET_TOPS: Readonly<Record<string, number>> = { d: 0x39, w: 0x7a, s: 0xfeff };
/** RE2 limits a repetition count to 1000. */
const MAX_REPEAT = 1000;

/** A construct the translation refuses: the sentence after "uses" (caught in toRe2, which gives the reason). */
class Unsupported extends TypeKroError {
  constructor(message: string) {
    super('DEFINITION_INVALID', message);
  }
}

/**
 * One RE2 pattern text for a JS regex, meaning the same per character, or a reason it has none.
 *
 * @example
 * ```ts
 * toRe2({ source: '^a+$', flags: 'i' }); // { ok: true, pattern: '(?i)^a+$' }
 * toRe2({ source: '^a\\s$', flags: '' }); // { ok: true, pattern: '^a[\\t\\n\\x0b\\f\\r \\x{a0}...]$' }
 * toRe2({ source: '(?=a)', flags: '' }); // { ok: false, reason: "uses a lookahead assertion ((?=), which Go's RE2 does not support" }
 * ```
 */
export function toRe2(pattern: Pattern): { ok: true; pattern: string } | { ok: false; reason: string } {
  try {
    const flags = flagsPrefix(pattern.flags);
    return { ok: true, pattern: `${flags}${new Translation(pattern.source, pattern.flags).run()}` };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: `uses ${error.message}` };
    throw error;
  }
}

/** The highest code point there is. */
const TOP = 0x10ffff;

/**
 * The highest code point of any text the pattern admits in full: what the API server lets a field with this
 * pattern hold. Only a pattern anchored at both ends (`^...$`, no `|` outside a group) bounds the whole text;
 * any other admits every character around its match (0x10FFFF). With `i`, a letter also matches what folds
 * to it (`ſ` for `s`, the Kelvin sign for `k`), so a bounded pattern admits up to U+FFFF.
 *
 * @example
 * ```ts
 * patternAlphabet({ source: '^[a-z0-9-]+$', flags: '' }); // 0x7a
 * patternAlphabet({ source: '[a-z]+', flags: '' }); // 0x10ffff
 * ```
 */
export function patternAlphabet(pattern: Pattern): number {
  try {
    flagsPrefix(pattern.flags);
    const translation = new Translation(pattern.source, pattern.flags);
    translation.run();
    const highest = translation.bounded() ? translation.highest : TOP;
    return pattern.flags.includes('i') && highest < 0x10000 ? 0xffff : highest;
  } catch (error) {
    if (error instanceof Unsupported) return TOP;
    throw error;
  }
}

function flagsPrefix(flags: string): string {
  for (const flag of flags) {
    if (flag === 'm') throw new Unsupported('the regex flag "m", whose ^ and $ also match at \\r, U+2028 and U+2029 in JavaScript but only at \\n in Go\'s RE2');
    if (!'isud'.includes(flag)) throw new Unsupported(`the regex flag "${flag}", which RE2 cannot express`);
  }
  return flags.includes('i') ? '(?i)' : '';
}

function hex(cp: number): string {
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\x{${cp.toString(16)}}`;
}

/** A code point as RE2 text outside a class (`inClass`: inside one). */
function literal(cp: number, inClass: boolean): string {
  if (cp >= 0xd800 && cp <= 0xdfff) throw new Unsupported(`a lone surrogate (${hex(cp)}), which is no character in Go's RE2`);
  const ch = String.fromCodePoint(cp);
  if (cp < 0x20 || cp >= 0x7f) return hex(cp);
  if (inClass) return '\\]^-['.includes(ch) ? `\\${ch}` : ch;
  return META.has(ch) ? `\\${ch}` : ch;
}

class Translation {
  private i = 0;
  private readonly unicode: boolean;
  private readonly dotAll: boolean;
  /** How many capturing groups the whole pattern has: `\N` is a backreference only up to it (non-u). */
  private readonly groups: number;
  /** The highest code point an atom read so far matches (patternAlphabet). */
  highest = 0;
  /** Group depth, and what the top level showed: its first and last token, an alternation. */
  private depth = 0;
  private tokens: string[] = [];
  private alternated = false;

  constructor(
    private readonly source: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u');
    this.dotAll = flags.includes('s');
    this.groups = capturingGroups(source);
  }

  run(): string {
    let out = '';
    while (this.i < this.source.length) {
      const start = this.i;
      const text = this.next();
      if (this.depth === 0 || text === '(' || text === '(?:') this.tokens.push(this.source.slice(start, this.i));
      out += text;
    }
    return out;
  }

  /** True when every match is the whole text: `^` first, `$` last, no `|` at the top level. */
  bounded(): boolean {
    return !this.alternated && this.tokens[0] === '^' && this.tokens.at(-1) === '$';
  }

  private admit(cp: number): void {
    this.highest = Math.max(this.highest, cp);
  }

  private next(): string {
    const s = this.source;
    const ch = s[this.i]!;
    if (ch === '\\') return this.escape(false).text;
    if (ch === '[') return this.charClass();
    if (ch === '.') {
      this.i++;
      this.admit(TOP);
      return this.dotAll ? ANY : JS_DOT;
    }
    if (ch === '(') return this.group();
    if (ch === '{') return this.brace();
    this.i++;
    if (ch === '|' && this.depth === 0) this.alternated = true;
    if (ch === ')') this.depth--;
    if ('^$|)*+?'.includes(ch)) return ch;
    if (ch === '}' || ch === ']') return `\\${ch}`;
    this.i--;
    const cp = s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    this.admit(cp);
    return literal(cp, false);
  }

  private group(): string {
    const rest = this.source.slice(this.i);
    if (rest.startsWith('(?=') || rest.startsWith('(?!')) throw new Unsupported(`a lookahead assertion (${rest.slice(0, 3)}), which Go's RE2 does not support`);
    if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) throw new Unsupported(`a lookbehind assertion (${rest.slice(0, 4)}), which Go's RE2 does not support`);
    this.depth++;
    if (rest.startsWith('(?:')) return (this.i += 3), '(?:';
    const named = /^\(\?<[^>]+>/.exec(rest);
    // Capturing changes nothing a pattern check sees; a plain group says the same in every Go version.
    if (named) return (this.i += named[0].length), '(?:';
    if (rest.startsWith('(?')) throw new Unsupported(`the group modifier ${rest.slice(0, 3)}, which Go's RE2 writes differently`);
    this.i++;
    return '(';
  }

  private brace(): string {
    const quantifier = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
    if (!quantifier) {
      this.i++;
      return '\\{';
    }
    if (Number(quantifier[1]) > MAX_REPEAT || Number(quantifier[3] || 0) > MAX_REPEAT) {
      throw new Unsupported(`the repetition ${quantifier[0]}, above Go's RE2 limit of ${MAX_REPEAT}`);
    }
    this.i += quantifier[0].length;
    return quantifier[0];
  }

  /** `[...]`: the same set, written in RE2. */
  private charClass(): string {
    const s = this.source;
    this.i++;
    const negated = s[this.i] === '^';
    if (negated) this.i++;
    // A negated class admits characters up to the top.
    if (negated) this.admit(TOP);
    if (s[this.i] === ']') {
      this.i++;
      if (negated) return ANY;
      throw new Unsupported("the empty class [], which matches nothing in JavaScript and is not a class in Go's RE2");
    }
    const items: string[] = [];
    let negatedSpaces = false;
    while (this.i < s.length && s[this.i] !== ']') {
      const first = this.classAtom();
      if (first.set === 'S') negatedSpaces = true;
      if (first.cp !== undefined && s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        const last = this.classAtom();
        if (last.cp === undefined) throw new Unsupported(`the class range ending in ${last.text}, which JavaScript and Go's RE2 read differently`);
        items.push(`${literal(first.cp, true)}-${literal(last.cp, true)}`);
        continue;
      }
      items.push(first.text);
    }
    this.i++;
    if (negatedSpaces) {
      if (items.length > 1 || negated) throw new Unsupported("\\S inside a class with other characters, which Go's RE2 cannot say with JavaScript's \\s");
      return `[^${JS_SPACES}]`;
    }
    // A - first or last is plain in both engines: keep the user's text (`[\\w.-]`).
    if (items.at(-1) === '\\-') items[items.length - 1] = '-';
    if (items[0] === '\\-') items[0] = '-';
    return `[${negated ? '^' : ''}${items.join('')}]`;
  }

  /** One member of a class: a character (`cp`) or a set escape (`text` only). */
  private classAtom(): { cp?: number; text: string; set?: string } {
    if (this.source[this.i] === '\\') {
      const escaped = this.escape(true);
      return escaped.cp === undefined ? { text: escaped.text, set: escaped.set } : { cp: escaped.cp, text: literal(escaped.cp, true) };
    }
    const cp = this.source.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    this.admit(cp);
    return { cp, text: literal(cp, true) };
  }

  /** The escape at `\`: a character (`cp`) or a set or assertion written in RE2. */
  private escape(inClass: boolean): { text: string; cp?: number; set?: string } {
    const s = this.source;
    const c = s[this.i + 1];
    if (c === undefined) throw new Unsupported('a trailing backslash');
    this.i += 2;
    const char = (cp: number): { text: string; cp: number } => (this.admit(cp), { text: literal(cp, inClass), cp });
    // The highest character of each set: 9, z, U+FEFF; the negated sets reach the top.
    this.admit(SET_TOPS[c] ?? ('DWS'.includes(c) ? TOP : 0));
    if ('dDwW'.includes(c)) return { text: `\\${c}`, set: c };
    if (c === 's') return { text: inClass ? JS_SPACES : `[${JS_SPACES}]`, set: c };
    if (c === 'S') return { text: `[^${JS_SPACES}]`, set: c };
    if (c === 'b') return inClass ? char(8) : { text: '\\b' };
    if (c === 'B' && !inClass) return { text: '\\B' };
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12 };
    if (controls[c] !== undefined) return char(controls[c]);
    if (c === '0' && !/[0-9]/.test(s[this.i] ?? '')) return char(0);
    if (/[0-9]/.test(c) && !this.unicode) {
      const digit = this.legacyDigitEscape(c, inClass);
      if (digit !== undefined) return char(digit);
    }
    if (/[1-9]/.test(c) || (c === 'k' && (this.unicode || s.includes('(?<')))) {
      throw new Unsupported(`a backreference (\\${c}), which Go's RE2 does not support`);
    }
    if (c === 'x') {
      const two = /^[0-9A-Fa-f]{2}/.exec(s.slice(this.i));
      if (two) return (this.i += 2), char(Number.parseInt(two[0], 16));
    }
    if (c === 'u') return this.unicodeEscape(inClass);
    if (c === 'c') {
      // In a class (not u), `\c` also takes a digit or `_` (Annex B's ClassControlLetter): `[\c1]` is U+0011.
      if (inClass && !this.unicode && /[0-9_]/.test(s[this.i] ?? '')) return char(s.charCodeAt(this.i++) % 32);
      if (!/[A-Za-z]/.test(s[this.i] ?? '')) throw new Unsupported('\\c without a control letter, which JavaScript reads as a backslash and Go\'s RE2 refuses');
      return char(s.charCodeAt(this.i++) % 32);
    }
    if ((c === 'p' || c === 'P') && this.unicode) {
      throw new Unsupported(`a Unicode property escape (\\${c}{...}), whose tables differ between JavaScript and Go's RE2`);
    }
    // An identity escape: the character itself (`\a` is "a" in JavaScript, a bell in RE2).
    this.i -= 1;
    const cp = s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return char(cp);
  }

  /**
   * `\` and the digit `c` (already read) outside u mode, where Annex B gives digits meanings of their own: the
   * character it stands for, or undefined for a backreference (`\N` outside a class, N up to the pattern's
   * capturing groups). Otherwise `\8` and `\9` are the digit itself, and up to three octal digits (at most
   * \377) are a legacy octal escape: `[\0-\177]` is [\x00-\x7f], `\08` is U+0000 then "8".
   */
  private legacyDigitEscape(c: string, inClass: boolean): number | undefined {
    const s = this.source;
    if (!inClass && c !== '0') {
      const number = Number(c + (/^[0-9]*/.exec(s.slice(this.i))?.[0] ?? ''));
      if (number <= this.groups) return undefined;
    }
    if (c === '8' || c === '9') return c.charCodeAt(0);
    const octal = /^[0-7]{0,2}/.exec(s.slice(this.i))![0].slice(0, c <= '3' ? 2 : 1);
    this.i += octal.length;
    return Number.parseInt(c + octal, 8);
  }

  /** `\uXXXX` (a surrogate pair of them is one character), `\u{X...}` with `u`, else the letter u. */
  private unicodeEscape(inClass: boolean): { text: string; cp: number } {
    const s = this.source;
    const braced = this.unicode ? /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(this.i)) : null;
    const four = /^[0-9A-Fa-f]{4}/.exec(s.slice(this.i));
    let cp = 0x75; // 'u'
    if (braced) {
      cp = Number.parseInt(braced[1]!, 16);
      this.i += braced[0].length;
    } else if (four) {
      cp = Number.parseInt(four[0], 16);
      this.i += 4;
      const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(s.slice(this.i));
      if (cp >= 0xd800 && cp <= 0xdbff && low) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (Number.parseInt(low[1]!, 16) - 0xdc00);
        this.i += low[0].length;
      }
    }
    this.admit(cp);
    return { text: literal(cp, inClass), cp };
  }
}

/**
 * The capturing groups of a regex source (`(`, `(?<name>`; not `(?:`, lookaround or a parenthesis escaped or in
 * a class): what decides whether `\N` is a backreference outside u mode.
 */
function capturingGroups(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(' && (source[i + 1] !== '?' || /^<[^=!]/.test(source.slice(i + 2, i + 4)))) count++;
  }
  return count;
}
