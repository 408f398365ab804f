/**
 * The exact forms of the text methods that compile only on narrow text (src/analysis/text-refusals.ts), once
 * each, over narrow spec fields and constants beside free text: one composition for our engine's differential
 * test (test/composition/text-alphabet.test.ts) and for cel-go's (text-alphabet-cel.go.test.ts).
 */
import { type } from 'arktype';
import fc from 'fast-check';
import { kubernetesComposition } from '../../src/index.js';

/** Characters where JavaScript's and CEL's text methods part: case-mapped letters, spaces one side strips, U+FF61 and emoji. */
export const TEXT_CHARS = ['a', 'Z', ' ', '-', 'É', 'ß', 'İ', 'ǅ', '\u00a0', '\u0085', '\ufeff', '\u2028', '｡', '\ue000', '😀', '\u{10ffff}', '\t'];

export const definition = {
  apiVersion: 'text.typekro.dev/v1alpha1',
  kind: 'TextAlphabet',
  spec: type({ s: 'string', t: 'string', slug: /^[A-Za-z0-9 -]{0,8}$/, bmp: /^[\u0000-\uffff]*$/u, env: "'dev' | 'prod'", sep: "'-' | '😀'", n: 'number.integer' }),
  status: type({ 'v?': 'string', 'b?': 'boolean', 'l?': 'string[]' }),
};

export type AlphabetSpec = { s: string; t: string; slug: string; bmp: string; env: 'dev' | 'prod'; sep: '-' | '😀'; n: number };

/** Each exact form once. `inst` reads the instance's name, which the cel-go vectors do not hold. */
export const exactForms = kubernetesComposition({ ...definition, name: 'exact', status: type({ lower: 'string', upper: 'string', trimmed: 'string', sub: 'string', sliced: 'string', ch: 'string', cut: 'string', all: 'string', lt: 'boolean', ge: 'boolean', both: 'boolean', has: 'boolean', num: 'string', env: 'string', parts: 'string[]', swapped: 'string', either: 'string[]', inst: 'string' }) }, (spec, instance) => ({
  lower: `${spec.slug}:${spec.env}`.toLowerCase(),
  upper: spec.slug.toUpperCase(),
  trimmed: ` ${spec.slug} `.trim(),
  sub: spec.bmp.substring(1, spec.n),
  sliced: `${spec.bmp.slice(1)}|${spec.bmp.slice(1, 3)}|${spec.bmp.slice(0, 0)}`,
  ch: spec.bmp.charAt(spec.n),
  cut: spec.bmp.split('').join('|'),
  all: spec.bmp.replaceAll('', '.'),
  lt: spec.s < 'm',
  ge: spec.slug >= spec.t,
  both: spec.bmp < `${spec.bmp}x` || spec.bmp > spec.slug,
  has: `<${spec.s}>`.includes(spec.t) || (spec.s + spec.slug).startsWith(spec.t),
  num: `n${spec.n}`.toUpperCase(),
  env: spec.env.toUpperCase().charAt(0),
  // separators whose enumerated values are all non-empty cut free text like a literal separator
  parts: spec.s.split(spec.sep),
  swapped: spec.s.replaceAll(spec.sep, '+'),
  either: `${spec.s}${spec.bmp}`.split(spec.n > 2 ? spec.sep : 'a'),
  inst: instance.metadata.name.toUpperCase(),
}));

const chars = (pool: readonly string[], maxLength: number) => fc.array(fc.constantFrom(...pool), { maxLength }).map((a) => a.join(''));

/** Specs for the exact forms: free text from all of TEXT_CHARS, `bmp` from those inside the BMP. */
export const alphabetSpecs: fc.Arbitrary<AlphabetSpec> = fc.record({
  s: chars(TEXT_CHARS, 6),
  t: chars(TEXT_CHARS, 2),
  slug: fc.stringMatching(/^[A-Za-z0-9 -]{0,8}$/),
  bmp: chars(TEXT_CHARS.filter((c) => c.length === 1), 4),
  env: fc.constantFrom('dev' as const, 'prod' as const),
  sep: fc.constantFrom('-' as const, '😀' as const),
  n: fc.integer({ min: -1, max: 5 }),
});
