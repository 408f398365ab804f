/**
 * RE2 patterns (Go's `regexp`, which cel-go's `matches`, Kubernetes' CEL `find`/`findAll` and the API
 * server's CRD `pattern` use) on JavaScript's engine: the pattern is translated from RE2 syntax to an
 * equivalent `u`-mode RegExp (`u`, as Go, matches code points), and what RE2 rejects (lookaround,
 * backreferences) is rejected here too. RE2 features a translation cannot express (inline flags after the
 * start, `(?U)`, negated POSIX classes) are errors: a pattern never silently gets a different match.
 * Unicode classes (`\pL`, `\p{Greek}`) use the JavaScript engine's Unicode tables, which may be a Unicode
 * version apart from Go's. Matching is backtracking, not linear-time.
 */
import { TypeKroError } from './errors.js';

/**
 * Compiled patterns by their RE2 text. A pure cache: the key is an immutable string and the RegExp is
 * derived from it alone; it is emptied past 500 entries, so it cannot grow with the number of compositions
 * or evaluations (issue 10's invariant), only save recompiling a composition's or a CRD's few patterns.
 */
const cache = new Map<string, RegExp>();

/**
 * A `u`-mode RegExp that matches as Go's `regexp.MatchString(pattern, s)` does (an unanchored search);
 * throws {@link Re2SyntaxError} for what RE2 rejects or the translation cannot express.
 *
 * @example
 * ```ts
 * import { compileRe2 } from './re2.js';
 * compileRe2('^a.b$').test('a\rb'); // => true (RE2's . stops only at \n)
 * ```
 */
export function compileRe2(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const { source, flags } = translateRe2(pattern);
    try {
      re = new RegExp(source, `${flags}u`);
    } catch (error) {
      throw unsupported((error as Error).message);
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GENERAL_CATEGORIES = new Set('C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '));
/** Characters JavaScript's `u` mode lets us escape with a backslash. */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

/**
 * A pattern RE2 rejects, or whose meaning the translation cannot express in JavaScript.
 *
 * @example
 * ```ts
 * import { Re2SyntaxError, translateRe2 } from './re2.js';
 * try { translateRe2('a(?=b)'); } catch (error) { error instanceof Re2SyntaxError; } // => true
 * ```
 */
export class Re2SyntaxError extends TypeKroError {
  override readonly name = 'Re2SyntaxError';
  constructor(message: string) {
    // A pattern is part of a composition's CEL or of a CRD schema: a definition problem where it is reported.
    super('DEFINITION_INVALID', message);
  }
}

function unsupported(what: string): Re2SyntaxError {
  return new Re2SyntaxError(`error parsing regexp: ${what}`);
}

/**
 * RE2 syntax → a JavaScript `u`-mode source and flags (`i`, `m`, `s` from a leading `(?flags)`).
 *
 * @example
 * ```ts
 * import { translateRe2 } from './re2.js';
 * translateRe2('\\s'); // => { source: '[\\t\\n\\f\\r ]', flags: '' }
 * ```
 */
export function translateRe2(pattern: string): { source: string; flags: string } {
  let i = 0;
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(pattern);
  if (leading) {
    if (leading[1]!.includes('U')) throw unsupported('the ungreedy flag (?U) is not supported by TypeKro');
    flags = [...new Set(leading[1])].join('');
    i = leading[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const [text, next] = escape(pattern, i, inClass);
      out += text;
      i = next;
      continue;
    }
    if (inClass) {
      if (ch === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        const name = end > 0 ? pattern.slice(i + 2, end) : '';
        if (name.startsWith('^')) throw unsupported(`negated POSIX class [:${name}:] is not supported by TypeKro`);
        const expansion = POSIX[name];
        if (!expansion) throw unsupported(`invalid character class range: \`[:${name}:]\``);
        out += expansion;
        i = end + 2;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch === '[' ? '\\[' : ch;
      i++;
      continue;
    }
    switch (ch) {
      case '[':
        inClass = true;
        out += ch;
        i++;
        if (pattern[i] === '^') out += pattern[i++];
        if (pattern[i] === ']') {
          out += '\\]'; // a leading ] is literal in RE2
          i++;
        }
        continue;
      case '(':
        if (pattern[i + 1] === '?') {
          const rest = pattern.slice(i + 2);
          if (rest.startsWith(':')) out += '(?:';
          else if (rest.startsWith('P<') || rest.startsWith('<')) {
            if (rest.startsWith('<=') || rest.startsWith('<!')) throw unsupported('invalid or unsupported Perl syntax: `(?<`');
            out += '(?<';
            i += rest.startsWith('P<') ? 4 : 3;
            continue;
          } else if (rest.startsWith('=') || rest.startsWith('!')) throw unsupported(`invalid or unsupported Perl syntax: \`(?${rest[0]}\``);
          else throw unsupported('inline flags after the start of the pattern are not supported by TypeKro');
          i += 3;
          continue;
        }
        out += ch;
        i++;
        continue;
      case '{': {
        const quantifier = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!quantifier) {
          out += '\\{';
          i++;
          continue;
        }
        if (Number(quantifier[1]) > 1000 || Number(quantifier[3] || 0) > 1000) throw unsupported(`invalid repeat count: \`${quantifier[0]}\``);
        out += quantifier[0];
        i += quantifier[0].length;
        continue;
      }
      case '}':
        out += '\\}';
        i++;
        continue;
      case '.':
        // RE2's . stops only at \n (any character with the s flag); JavaScript's also at \r, U+2028 and U+2029.
        out += flags.includes('s') ? '[\\s\\S]' : '[^\\n]';
        i++;
        continue;
      default:
        out += ch;
        i++;
    }
  }
  if (inClass) throw unsupported(`missing closing ]: \`${pattern}\``);
  return { source: out, flags };
}

/** One escape sequence at `pattern[i] === '\\'`: its JavaScript text and the index after it. */
function escape(pattern: string, i: number, inClass: boolean): [string, number] {
  const next = pattern[i + 1];
  if (next === undefined) throw unsupported('trailing backslash at end of expression');
  switch (next) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'b':
    case 'B':
    case 'n':
    case 'r':
    case 't':
    case 'f':
    case 'v':
      return [`\\${next}`, i + 2];
    case 's': // RE2 \s is [\t\n\f\r ]; JavaScript's also has \v and Unicode spaces
      return [inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]', i + 2];
    case 'S':
      if (inClass) throw unsupported('\\S inside a character class is not supported by TypeKro');
      return ['[^\\t\\n\\f\\r ]', i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'A':
      return ['(?<![\\s\\S])', i + 2];
    case 'z':
      return ['(?![\\s\\S])', i + 2];
    case 'Q': {
      const end = pattern.indexOf('\\E', i + 2);
      const literal = pattern.slice(i + 2, end < 0 ? undefined : end);
      return [literal.replace(/[\^$\\.*+?()[\]{}|/-]/g, '\\$&'), end < 0 ? pattern.length : end + 2];
    }
    case 'x': {
      const braced = /^\\x\{([0-9A-Fa-f]+)\}/.exec(pattern.slice(i));
      if (braced) return [`\\u{${braced[1]}}`, i + braced[0].length];
      const two = /^\\x([0-9A-Fa-f]{2})/.exec(pattern.slice(i));
      if (!two) throw unsupported('invalid escape sequence: `\\x`');
      return [two[0], i + 4];
    }
    case 'p':
    case 'P': {
      const braced = /^\\[pP]\{(\^?)(\w+)\}/.exec(pattern.slice(i));
      const single = /^\\[pP]([A-Za-z])/.exec(pattern.slice(i));
      const negate = (next === 'P') !== (braced?.[1] === '^');
      const name = braced ? braced[2]! : single?.[1];
      if (!name) throw unsupported('invalid character class range');
      const property = name === 'Any' ? undefined : GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
      const length = braced ? braced[0].length : 3;
      if (!property) return [negate ? '[^\\s\\S]' : '[\\s\\S]', i + length];
      return [`\\${negate ? 'P' : 'p'}{${property}}`, i + length];
    }
  }
  if (/[1-9]/.test(next)) throw unsupported(`invalid escape sequence: \`\\${next}\``);
  if (next === '0') {
    const octal = /^\\([0-7]{1,3})/.exec(pattern.slice(i))!;
    return [`\\u{${Number.parseInt(octal[1]!, 8).toString(16)}}`, i + octal[0].length];
  }
  if (/[A-Za-z0-9]/.test(next)) throw unsupported(`invalid escape sequence: \`\\${next}\``);
  // Escaped punctuation is literal in RE2; u-mode JavaScript accepts only syntax characters (and - in a class).
  if (SYNTAX.has(next) || (inClass && next === '-')) return [`\\${next}`, i + 2];
  return [next, i + 2];
}
