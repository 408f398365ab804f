/**
 * Text operations whose CEL is exact only on narrow text (src/analysis/text-refusals.ts), checked against KRO's
 * cel-go (tools/cel-oracle): our engine's `lowerAscii`, `upperAscii`, `trim`, `substring`, `charAt`, `split("")`,
 * `replace("", x)` and string `<`/`<=` give cel-go's answers on Unicode-rich text (letters whose case JavaScript
 * maps, U+0085, U+FEFF, NBSP, U+FF61, emoji, U+10FFFF), and the compiled status of the exact forms gives what
 * cel-go and JavaScript give. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, Vector } from '../cel/vectors.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors } from '../support/cel-oracle.js';
import { TEXT_CHARS, alphabetSpecs, exactForms } from './text-alphabet-cases.js';

const text = (maxLength: number) => fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength }).map((chars) => chars.join(''));

test("our engine's text primitives give cel-go's answers on Unicode-rich text", () => {
  const pairs = fc.sample(fc.tuple(text(4), text(3)), { seed: 1207, numRuns: 40 });
  const forms = ['s.lowerAscii()', 's.upperAscii()', 's.trim()', 's.substring([1, size(s)].min())', 's.substring(0, [2, size(s)].min())', 'size(s) > 0 ? s.charAt(0) : ""', 's.split("")', 's.replace("", "-")', 's < t', 's <= t', 't > s', 'size(s)'];
  const vectors: Vector[] = pairs.flatMap(([s, t], i) => forms.map((expr, j) => ({ id: `p${i}-${j}`, expr, vars: { s, t } })));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
  }
});

const str = { type: 'string' };
const schema = { type: 'object', properties: { spec: { type: 'object', properties: { s: str, t: str, slug: str, bmp: str, env: str, sep: str, n: { type: 'integer' } } } } } as OpenApiSchema;

test('the exact forms: cel-go, our engine and JavaScript agree', () => {
  const specs = fc.sample(alphabetSpecs, { seed: 1207, numRuns: 25 });
  // `inst` reads the instance's name, which the vectors' `schema` does not hold (text-alphabet.test.ts checks it).
  const vectors = statusVectors({ exact: { composition: exactForms as never, spec: specs[0]!, specs } }, schema).filter((v) => !v.id.startsWith('exact-inst-'));
  assert.ok(vectors.length >= 200, `only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
