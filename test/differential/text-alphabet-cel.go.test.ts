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
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, Vector } from '../cel/vectors.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors } from '../support/cel-oracle.js';

const CHARS = ['a', 'Z', ' ', '-', 'É', 'ß', 'İ', 'ǅ', '\u00a0', '\u0085', '\ufeff', '\u2028', '｡', '\ue000', '😀', '\u{10ffff}', '\t'];
const text = (maxLength: number) => fc.array(fc.constantFrom(...CHARS), { maxLength }).map((chars) => chars.join(''));

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
const schema = { type: 'object', properties: { spec: { type: 'object', properties: { s: str, t: str, slug: str, bmp: str, env: str, n: { type: 'integer' } } } } } as OpenApiSchema;

/** Each exact form of the text methods, over narrow spec fields, beside free text. */
const exact = kubernetesComposition(
  {
    name: 'text-exact', apiVersion: 'text.typekro.dev/v1alpha1', kind: 'TextExact',
    spec: type({ s: 'string', t: 'string', slug: /^[A-Za-z0-9 -]{0,8}$/, bmp: /^[\u0000-\uffff]*$/u, env: "'dev' | 'prod'", n: 'number.integer' }),
    status: type({ lower: 'string', upper: 'string', trimmed: 'string', sub: 'string', ch: 'string', cut: 'string', all: 'string', lt: 'boolean', ge: 'boolean', both: 'boolean', has: 'boolean' }),
  },
  (spec) => ({
    lower: `${spec.slug}:${spec.env}`.toLowerCase(),
    upper: spec.slug.toUpperCase(),
    trimmed: ` ${spec.slug} `.trim(),
    sub: spec.bmp.substring(1, spec.n),
    ch: spec.bmp.charAt(spec.n),
    cut: spec.bmp.split('').join('|'),
    all: spec.bmp.replaceAll('', '.'),
    lt: spec.s < 'm',
    ge: spec.slug >= spec.t,
    both: spec.bmp < `${spec.bmp}x` || spec.bmp > spec.slug,
    has: `<${spec.s}>`.includes(spec.t) || (spec.s + spec.slug).startsWith(spec.t),
  }),
);

test('the exact forms: cel-go, our engine and JavaScript agree', () => {
  const bmpChars = CHARS.filter((c) => c.length === 1);
  const specs = fc.sample(
    fc.record({ s: text(4), t: text(2), slug: fc.stringMatching(/^[A-Za-z0-9 -]{0,8}$/), bmp: fc.array(fc.constantFrom(...bmpChars), { maxLength: 4 }).map((c) => c.join('')), env: fc.constantFrom('dev', 'prod'), n: fc.integer({ min: -1, max: 5 }) }),
    { seed: 1207, numRuns: 25 },
  );
  const vectors = statusVectors({ exact: { composition: exact as never, spec: specs[0]!, specs } }, schema);
  assert.ok(vectors.length >= 200, `only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
