/**
 * JavaScript regexes → RE2 pattern text meaning the same per character: the rewrites, and each refusal with
 * its exact message (the field path and the construct). test/differential/spec-strings-re2.go.test.ts holds
 * the translations to Go's RE2 itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { compileRe2 } from '../../util/re2.js';
import { arktypeToSchema } from './arktype.js';
import { toRe2 } from './pattern.js';

const JS_SPACES = '\\t\\n\\x0b\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

function re2(regex: RegExp): string {
  const result = toRe2({ source: regex.source, flags: regex.flags });
  assert.ok(result.ok, `refused: ${JSON.stringify(result)}`);
  return result.pattern;
}

/** A regex with Annex B's digit escapes, which TypeScript's checker refuses in a literal. */
function legacy(source: string): RegExp {
  return new RegExp(source);
}

function refusal(regex: RegExp): string {
  try {
    arktypeToSchema(type({ code: type('string').matching(regex) }), { name: 'spec' });
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail(`${String(regex)} was accepted`);
}

describe('JavaScript regex → RE2 pattern', () => {
  const cases: readonly (readonly [RegExp, string])[] = [
    [/^[a-z][\w.-]*$/, '^[a-z][\\w.-]*$'],
    [/^a+$/i, '(?i)^a+$'],
    [/^\d{2,3}\b$/, '^\\d{2,3}\\b$'],
    [/^a\sb$/, `^a[${JS_SPACES}]b$`],
    [/^\S+$/, `^[^${JS_SPACES}]+$`],
    [/^[\s,]$/, `^[${JS_SPACES},]$`],
    [/^a.b$/, '^a[^\\n\\r\\x{2028}\\x{2029}]b$'],
    [/^a.b$/s, '^a[\\x00-\\x{10ffff}]b$'],
    [/^[^]$/, '^[\\x00-\\x{10ffff}]$'],
    [/^\u00e9\uD83D\uDE00$/, '^\\xe9\\x{1f600}$'],
    [/^\u{1F600}$/u, '^\\x{1f600}$'],
    [/^\a\z\A\Q$/, '^azAQ$'],
    [/^[[:alpha:]]$/, '^[\\[:alpha:]\\]$'],
    [/^(?<word>a)\/b{$/, '^(?:a)/b\\{$'],
    [/^\cJ\0[\b]$/, '^\\x0a\\x00[\\x08]$'],
    [/^é😀$/, '^\\xe9\\x{1f600}$'],
    // Annex B's digit escapes outside u mode (trial 18 F5): legacy octal (at most \377), `\8` is "8", and
    // `\N` is a backreference only up to the pattern's capturing groups. Built from text: TypeScript's
    // checker refuses these escapes in a regex literal, JavaScript (and so tsx) takes them.
    [legacy(String.raw`^[\0-\177]+$`), '^[\\x00-\\x7f]+$'],
    [legacy(String.raw`^\08\00\1\400\477$`), "^\\x008\\x00\\x01 0'7$"],
    [legacy(String.raw`^[\8\9\12-\15\c1]$`), '^[89\\x0a-\\x0d\\x11]$'],
    [legacy(String.raw`^(a)\10\18$`), '^(a)\\x08\\x018$'],
  ];
  for (const [regex, pattern] of cases) {
    it(`${String(regex)} → ${pattern}`, () => {
      assert.equal(re2(regex), pattern);
      compileRe2(pattern); // the RE2 text is valid RE2 (the direct mode's engine reads it)
    });
  }
});

it("digit escapes outside u mode mean in RE2 what they mean in JavaScript's own (non-u) reading", () => {
  const sources = [String.raw`^[\0-\177]+$`, String.raw`^\08$`, String.raw`^\00\01$`, String.raw`^[\8\9]$`, String.raw`^(a)\10$`, String.raw`^(a)\18$`, String.raw`^\400$`];
  sources.push(String.raw`^[\400]$`, String.raw`^\377$`, String.raw`^\1$`, String.raw`^[\c1\c_]$`, String.raw`^\1(?:a)$`);
  const regexes = sources.map(legacy);
  const units = ['\0', '\x01', '\x08', '\n', '\x11', '\x1f', ' ', "'", '0', '1', '7', '8', '9', 'a', '\x7f', '\x80', '\xff', 'é', '😀'];
  const texts = ['', ...units.flatMap((a) => [a, `a${a}`, ...units.map((b) => a + b)])];
  for (const regex of regexes) {
    const ours = compileRe2(re2(regex));
    assert.deepEqual(texts.filter((text) => ours.test(text) !== regex.test(text)), [], String(regex));
  }
});

describe('regexes whose meaning RE2 cannot carry are refused, named', () => {
  const rewrite = '; rewrite it without that feature';
  const cases: readonly (readonly [RegExp, string])[] = [
    [/^(?=a)a$/, "uses a lookahead assertion ((?=), which Go's RE2 does not support"],
    [/^(?!a)b$/, "uses a lookahead assertion ((?!), which Go's RE2 does not support"],
    [/(?<=a)b/, "uses a lookbehind assertion ((?<=), which Go's RE2 does not support"],
    [/(a)\1/, "uses a backreference (\\1), which Go's RE2 does not support"],
    [/\2(a)(b)/, "uses a backreference (\\2), which Go's RE2 does not support"],
    [/(?<x>a)\k<x>/, "uses a backreference (\\k), which Go's RE2 does not support"],
    [/^a$/m, 'uses the regex flag "m", whose ^ and $ also match at \\r, U+2028 and U+2029 in JavaScript but only at \\n in Go\'s RE2'],
    [/a/g, 'uses the regex flag "g", which RE2 cannot express'],
    [/^\p{L}+$/u, "uses a Unicode property escape (\\p{...}), whose tables differ between JavaScript and Go's RE2"],
    [/^a{1001}$/, "uses the repetition {1001}, above Go's RE2 limit of 1000"],
    [/^[a\S]$/, "uses \\S inside a class with other characters, which Go's RE2 cannot say with JavaScript's \\s"],
    [/^[]$/, "uses the empty class [], which matches nothing in JavaScript and is not a class in Go's RE2"],
    [/^\uD800$/, "uses a lone surrogate (\\x{d800}), which is no character in Go's RE2"],
  ];
  for (const [regex, reason] of cases) {
    it(String(regex), () => assert.equal(refusal(regex), `spec.code: the regex ${String(regex)} ${reason}${rewrite}`));
  }
});

it('patternAlphabet: the highest character a whole-text pattern admits', async () => {
  const { patternAlphabet } = await import('./pattern.js');
  const of = (regex: RegExp): number => patternAlphabet({ source: regex.source, flags: regex.flags });
  assert.equal(of(/^[a-z0-9-]+$/), 0x7a);
  assert.equal(of(/^(?:dev|prod)$/), 0x76);
  assert.equal(of(/^\d{1,3}$/), 0x39);
  assert.equal(of(/^\w+$/), 0x7a);
  assert.equal(of(/^[ -~]*$/), 0x7e);
  assert.equal(of(/^\s*x$/), 0xfeff);
  assert.equal(of(/^[\u0000-\uffff]*$/u), 0xffff);
  assert.equal(of(/^\u00e9$/), 0xe9);
  // a case-insensitive letter also matches what folds to it (ſ, the Kelvin sign)
  assert.equal(of(/^[a-z]+$/i), 0xffff);
  // not bounding the whole text: anything around the match, or any character
  for (const regex of [/[a-z]+/, /^[a-z]+/, /[a-z]+$/, /^a$|^b/, /^a|b$/, /^.$/, /^[^a]$/, /^\S$/, /^\W$/, /^\D$/, /^(a)$(?=x)/, /^😀$/u]) {
    assert.ok(of(regex) >= 0x1f600, String(regex));
  }
  assert.equal(of(/^(a|b)$/), 0x62);
});
