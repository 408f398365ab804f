/**
 * Issue 10 (finding 6), offline against Go: the pattern a JavaScript regex becomes (model/schema/pattern.ts)
 * means in Go's RE2 (cel-go's `matches`, the regexp the API server checks a CRD `pattern` with) what the
 * JavaScript regex means per character (its `u` reading; read as written for Annex B's legacy octal escapes,
 * which u mode lacks), and what TypeKro's spec check (util/re2.ts, both modes) says; a string's length in
 * characters is cel-go's `size()` (runes, as the API server's `maxLength`). Strings are generated
 * (fast-check, seeded) from ASCII, JavaScript's and RE2's differing spaces and line breaks, and astral
 * characters. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toRe2 } from '../../src/model/schema/pattern.js';
import { compileRe2 } from '../../src/util/re2.js';
import type { Vector } from '../cel/vectors.js';
import { celGoAnswers } from '../support/cel-oracle.js';

/** Regexes a user writes, each valid in JavaScript's u mode (the per-character reading compared with). */
const REGEXES: readonly RegExp[] = [
  /^a\sb$/, /^\S+$/, /^a.b$/, /^a.b$/s, /^.{2}$/, /^[^a]$/, /^[\s,]+$/, /^[a-z][\w.-]*$/, /^\w+\b.*$/,
  /^[a-z]+$/i, /^\d{1,3}$/, /^[\u00e0-\u00ff😀]+$/u, /^(?:ab|😀)*$/, /^\u{1F600}?a$/u, /^[^\s]*$/, /\s$/,
];

/**
 * Regexes with Annex B's digit escapes (legacy octal, `\8`), valid only outside u mode and compared with that
 * reading; built from text, since TypeScript's checker refuses them in a regex literal.
 */
const LEGACY: readonly RegExp[] = [String.raw`^[\0-\177]+$`, String.raw`^\08\1$`, String.raw`^(a)\10[\8\400]$`].map((source) => new RegExp(source));
const LEGACY_ALPHABET = ['\0', '\x01', '\x08', '0', '1', '8', ' ', 'a', '\x7f', '\x80', 'é', '😀'];

const ALPHABET = ['a', 'b', 'A', 'z', 'K', 'ſ', 'K', '0', '9', '_', '-', '.', ',', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u3000', '\ufeff', '\u0085', 'é', 'ÿ', '😀', '𝔸'];

const samples = fc.sample(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 5 }), { numRuns: 120, seed: 20261206 });
const legacySamples = fc.sample(fc.string({ unit: fc.constantFrom(...LEGACY_ALPHABET), maxLength: 3 }), { numRuns: 60, seed: 20261207 });

test("JavaScript's regex (per character), our spec check and Go's RE2 agree on the translated pattern; lengths are runes", () => {
  const vectors: (Vector & { readonly check: () => string | undefined })[] = [];
  [...REGEXES, ...LEGACY].forEach((regex, r) => {
    const translated = toRe2({ source: regex.source, flags: regex.flags });
    assert.ok(translated.ok, `${String(regex)}: ${JSON.stringify(translated)}`);
    const legacy = LEGACY.includes(regex);
    const js = legacy ? regex : new RegExp(regex.source, `${regex.flags.replace('u', '')}u`);
    const ours = compileRe2(translated.pattern);
    (legacy ? legacySamples : samples).forEach((s, i) => {
      vectors.push({
        id: `m-${r}-${i}`,
        expr: 's.matches(p)',
        vars: { s, p: translated.pattern },
        check: () => (js.test(s) === ours.test(s) ? undefined : `${String(regex)} → ${translated.pattern} on ${JSON.stringify(s)}: JavaScript ${js.test(s)}, ours ${ours.test(s)}`),
      });
    });
  });
  samples.forEach((s, i) => vectors.push({ id: `n-${i}`, expr: 'size(s)', vars: { s }, check: () => undefined }));
  const answers = celGoAnswers(vectors.map(({ check: _check, ...vector }) => vector));
  const divergences: string[] = [];
  for (const vector of vectors) {
    const s = vector.vars!['s'] as string;
    const go = answers.get(vector.id);
    assert.equal(go?.class, 'value', `${vector.expr} on ${JSON.stringify(s)} with ${JSON.stringify(vector.vars!['p'])}: ${JSON.stringify(go)}`);
    if (vector.id.startsWith('n-')) {
      assert.equal(go.value, [...s].length, `size(${JSON.stringify(s)})`);
      continue;
    }
    const problem = vector.check();
    if (problem) divergences.push(problem);
    const ours = compileRe2(vector.vars!['p'] as string).test(s);
    if (go.value !== ours) divergences.push(`${JSON.stringify(vector.vars!['p'])} on ${JSON.stringify(s)}: Go's RE2 ${String(go.value)}, ours ${ours}`);
  }
  assert.deepEqual(divergences.slice(0, 20), []);
});
