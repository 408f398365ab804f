/**
 * A CRD's `pattern` as the API server reads it: Go's RE2 syntax (`regexp.MatchString`, an unanchored search).
 * JavaScript's RegExp differs in a few places, so a pattern is rewritten token by token into a RegExp with the
 * `u` flag (Go matches code points, as `u` does) that accepts exactly the strings Go's accepts, or not used at
 * all when no such rewrite is known. Every construct below either means the same in both or is rewritten:
 *
 * - `.` is any code point but `\n` in Go; JavaScript also stops at `\r`, U+2028 and U+2029: written `[^\n]`.
 * - `\s` is `[\t\n\f\r ]` in Go; JavaScript's also takes `\v` and Unicode spaces: written out.
 * - an escaped punctuation character is that character in Go; `u` rejects most such escapes: written `\u{..}`.
 * - `]` first in a class is a literal in Go, and `[` inside a class too: both escaped.
 *
 * Not used (the pattern is left to the API server): flags (`(?i)`), octal escapes (`\1` is a back-reference
 * in JavaScript), `\pN`/`\p{Greek}` (Go's and the JavaScript engine's Unicode tables and category `C` differ:
 * Go's excludes unassigned code points), POSIX classes (`[[:alpha:]]`), `\Q…\E`, `\A`, `\z`, `\C`, and
 * anything else the rewritten RegExp does not compile.
 */

/** Go's `\s`: ASCII whitespace without `\v`. */
const GO_SPACE = '\\t\\n\\f\\r ';
/** Escapes that mean the same single character or ASCII class in Go and in JavaScript's `u` mode. */
const SAME_ESCAPES = new Set(['d', 'D', 'w', 'W', 'f', 'n', 'r', 't', 'v']);

/**
 * The JavaScript RegExp that accepts exactly what Go's `regexp.MatchString(pattern, s)` accepts, or undefined
 * when the pattern uses a construct whose meaning differs and has no known rewrite.
 *
 * @example
 * ```ts
 * import { goPattern } from './go-regexp.js';
 * goPattern('^[a-z]([-a-z0-9]*[a-z0-9])?$')?.test('web-1'); // => true
 * goPattern('(?i)^web$'); // => undefined (Go's inline flags have no JavaScript form here)
 * ```
 */
export function goPattern(pattern: string): RegExp | undefined {
  const source = rewrite(pattern);
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

function rewrite(pattern: string): string | undefined {
  const chars = [...pattern];
  let out = '';
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const atClassStart = classStart;
    classStart = false;
    if (char === '\\') {
      const escaped = escape(chars[++i], inClass);
      if (escaped === undefined) return undefined;
      out += escaped;
    } else if (inClass) {
      if (char === '[') {
        if (chars[i + 1] === ':') return undefined;
        out += '\\[';
      } else if (char === ']' && atClassStart) out += '\\]';
      else if (char === '^' && atClassStart && out.endsWith('[')) {
        out += '^';
        classStart = true;
      } else {
        if (char === ']') inClass = false;
        out += char;
      }
    } else if (char === '[') {
      inClass = true;
      classStart = true;
      out += '[';
    } else if (char === '.') out += '[^\\n]';
    else if (char === '(' && chars[i + 1] === '?') {
      const group = groupOpening(chars, i);
      if (group === undefined) return undefined;
      out += group.text;
      i += group.length - 1;
    } else out += char;
  }
  return inClass ? undefined : out;
}

/** `(?:` and named groups mean the same; `(?P<name>` is Go's older spelling of `(?<name>`; flags are not rewritten. */
function groupOpening(chars: readonly string[], at: number): { text: string; length: number } | undefined {
  const next = chars.slice(at, at + 4).join('');
  if (next.startsWith('(?:')) return { text: '(?:', length: 3 };
  if (next === '(?P<') return { text: '(?<', length: 4 };
  if (next.startsWith('(?<') && chars[at + 3] !== '=' && chars[at + 3] !== '!') return { text: '(?<', length: 3 };
  return undefined;
}

function escape(char: string | undefined, inClass: boolean): string | undefined {
  if (char === undefined) return undefined;
  if (SAME_ESCAPES.has(char)) return `\\${char}`;
  if (char === 's') return inClass ? GO_SPACE : `[${GO_SPACE}]`;
  if (char === 'S') return inClass ? undefined : `[^${GO_SPACE}]`;
  // ASCII word boundaries in both (JavaScript's are Unicode-aware only with the `i` and `u` flags together).
  if ((char === 'b' || char === 'B') && !inClass) return `\\${char}`;
  // Go allows any punctuation to be escaped; `\u{..}` is the one escape `u` mode takes anywhere.
  if (/^[!-/:-@[-`{-~]$/.test(char)) return `\\u{${char.codePointAt(0)!.toString(16)}}`;
  return undefined;
}
