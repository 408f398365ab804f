/**
 * `.length`, `indexOf` and `lastIndexOf` of text, in a status and in a manifest, over Unicode-rich specs:
 * JavaScript counts UTF-16 code units, CEL code points, so the compiled CEL must count a character outside the
 * Basic Multilingual Plane (an emoji, U+10FFFF) twice. The specs (fast-check, fixed seed) mix ASCII, 'é',
 * NBSP, U+FEFF, U+FF61, U+FFFF (the last code point inside the BMP), '_' (utf16.ts's filler) and characters
 * outside the BMP, with searches for parts of the text and for other text, empty text included, from positions
 * before the start, inside the text (between the two halves of an emoji too) and past its end.
 */
import { type } from 'arktype';
import fc from 'fast-check';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

export const ALPHABET = ['a', 'b', '_', 'é', '\u00a0', '\ufeff', '\uff61', '\uffff', '😀', '\u{1f601}', '\u{10ffff}'];

const spec = type({ s: 'string', t: 'string', p: 'number.integer', 'o?': 'number.integer', 'u?': 'string', words: 'string[]' });

/** Searches for constant text: outside the BMP (one, repeated), inside it, empty, `_`, from literal positions. */
const literalSearches = (s: string, p: number): number[] => [
  s.indexOf('😀'), s.lastIndexOf('😀'), s.indexOf('😀', p), s.lastIndexOf('😀', p), s.indexOf('😀😀', p), s.lastIndexOf('😀😀', p),
  s.indexOf('a', p), s.lastIndexOf('a', p), s.indexOf('', p), s.lastIndexOf('', p), s.indexOf('_', p), s.lastIndexOf('_', p),
  s.indexOf('a😀', p), s.lastIndexOf('😀a', p), s.indexOf('é', 2), s.lastIndexOf('\uffff', 3), s.indexOf('😀', 1), s.lastIndexOf('😀', 1),
  s.indexOf('a', -1), s.lastIndexOf('a', 0), s.lastIndexOf('a', -4), s.indexOf('a', 100), s.lastIndexOf('a', 100),
];

export const textPositions = kubernetesComposition(
  {
    name: 'text-positions', apiVersion: 'text.typekro.dev/v1alpha1', kind: 'TextPositions', spec,
    status: type({
      len: 'number', both: 'number', idx: 'number', last: 'number', idxFrom: 'number', lastFrom: 'number', idxOpt: 'number', lastOpt: 'number',
      idxEdges: 'number[]', lastEdges: 'number[]', literal: 'number[]', constant: 'number', optLen: 'number',
      wordLens: 'number[]', wordIdx: 'number[]', wordLast: 'number[]', inWords: 'number[]', fromWords: 'number[]',
    }),
  },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'text', data: { len: `${spec.s.length}`, idx: `${spec.s.indexOf(spec.t, spec.p)}`, last: `${spec.s.lastIndexOf(spec.t, spec.p)}`, both: `${spec.s}${spec.t}`.length > 3 ? 'long' : 'short' } });
    return {
      len: spec.s.length,
      both: `${spec.s}-${spec.t}`.length,
      idx: spec.s.indexOf(spec.t),
      last: spec.s.lastIndexOf(spec.t),
      idxFrom: spec.s.indexOf(spec.t, spec.p),
      lastFrom: spec.s.lastIndexOf(spec.t, spec.p),
      idxOpt: spec.s.indexOf(spec.t, spec.o),
      lastOpt: spec.s.lastIndexOf(spec.t, spec.o),
      idxEdges: [spec.s.indexOf(spec.t, -2), spec.s.indexOf(spec.t, 0), spec.s.indexOf(spec.t, 1), spec.s.indexOf(spec.t, 3), spec.s.indexOf(spec.t, 50)],
      lastEdges: [spec.s.lastIndexOf(spec.t, -2), spec.s.lastIndexOf(spec.t, 0), spec.s.lastIndexOf(spec.t, 1), spec.s.lastIndexOf(spec.t, 3), spec.s.lastIndexOf(spec.t, 50)],
      literal: literalSearches(spec.s, spec.p),
      constant: '😀-é'.length + '😀😀a'.indexOf('a', 1),
      optLen: spec.u?.length ?? -1,
      // Inside a callback whose parameter has the forms' own variable name `c`: the forms read it from outside.
      wordLens: spec.words.map((c) => c.length),
      wordIdx: spec.words.map((c) => c.indexOf(spec.t, spec.p)),
      wordLast: spec.words.map((c) => c.lastIndexOf('😀', spec.p)),
      inWords: spec.words.map((c) => spec.s.indexOf(c, spec.p)),
      fromWords: spec.words.map((c) => spec.s.lastIndexOf(c, c.length)),
    };
  },
);

export type TextSpec = { s: string; t: string; p: number; o?: number; u?: string; words: string[] };

const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((chars) => chars.join(''));

/** A spec: text, a search for a part of it or for other text, and positions around its UTF-16 length. */
const specArb: fc.Arbitrary<TextSpec> = text(7).chain((s) => {
  const points = [...s];
  const part = fc.tuple(fc.nat(points.length), fc.nat(3)).map(([i, n]) => points.slice(i, i + n).join(''));
  return fc.record(
    {
      s: fc.constant(s), t: fc.oneof(part, text(2)), p: fc.integer({ min: -3, max: s.length + 2 }), o: fc.integer({ min: -2, max: s.length + 1 }),
      u: text(3), words: fc.array(fc.oneof(part, text(4)), { maxLength: 3 }),
    },
    { requiredKeys: ['s', 't', 'p', 'words'] },
  );
});

/** The specs, the same on every run; edge cases first (empty text, a search for a lone emoji's pair). */
export const TEXT_SPECS: readonly TextSpec[] = [
  { s: '', t: '', p: 0, words: [] },
  { s: '', t: 'a', p: 1, o: 0, u: '', words: [''] },
  { s: '😀😀😀', t: '😀', p: 1, u: '😀', words: ['😀', '😀😀', '😀😀😀😀'] },
  { s: '😀😀😀', t: '😀😀', p: 3, o: 1, words: ['a😀', '😀'] },
  { s: 'a😀_b', t: '_', p: 2, words: ['_', '😀_'] },
  { s: '\uffff😀\u{10ffff}', t: '\u{10ffff}', p: 3, o: 4, u: '\u{10ffff}\uffff', words: ['\uffff', '\u{10ffff}'] },
  ...fc.sample(specArb, { numRuns: 120, seed: 20261207 }),
];

/**
 * The same reads of text that holds no character above U+FFFF (a field whose pattern says so, an enumeration),
 * which compile to CEL's own `size`, `indexOf` and `lastIndexOf` (utf16.ts): searched for free text, which may
 * hold characters outside the BMP (never found there) or be empty.
 */
const narrowSpec = type({ b: /^[\u0000-\uffff]*$/u, env: "'a_b' | '\uff61\uffff' | 'é'", t: 'string', p: 'number.integer', 'o?': 'number.integer', words: type(/^[\u0000-\uffff]*$/u).array() });

export const narrowPositions = kubernetesComposition(
  {
    name: 'narrow-positions', apiVersion: 'text.typekro.dev/v1alpha1', kind: 'NarrowPositions', spec: narrowSpec,
    status: type({ len: 'number', envLen: 'number', idx: 'number', last: 'number', idxFrom: 'number', lastFrom: 'number', idxOpt: 'number', lastOpt: 'number', envIdx: 'number', edges: 'number[]', wordLens: 'number[]', wordIdx: 'number[]' }),
  },
  (spec) => ({
    len: spec.b.length,
    envLen: `${spec.env}${spec.b}`.length,
    idx: spec.b.indexOf(spec.t),
    last: spec.b.lastIndexOf(spec.t),
    idxFrom: spec.b.indexOf(spec.t, spec.p),
    lastFrom: spec.b.lastIndexOf(spec.t, spec.p),
    idxOpt: spec.b.indexOf(spec.t, spec.o),
    lastOpt: spec.b.lastIndexOf(spec.t, spec.o),
    envIdx: spec.env.indexOf(spec.t) + spec.env.lastIndexOf('\uffff', spec.p),
    edges: [spec.b.indexOf(spec.t, -2), spec.b.indexOf(spec.t, 2), spec.b.indexOf(spec.t, 50), spec.b.lastIndexOf(spec.t, -2), spec.b.lastIndexOf(spec.t, 2), spec.b.lastIndexOf(spec.t, 50), spec.b.indexOf('😀', spec.p), spec.b.lastIndexOf('a😀', spec.p), spec.b.lastIndexOf('', spec.p)],
    wordLens: spec.words.map((c) => c.length),
    wordIdx: spec.words.map((c) => c.indexOf(spec.t, spec.p) + c.lastIndexOf(spec.t, spec.p)),
  }),
);

export type NarrowSpec = { b: string; env: string; t: string; p: number; o?: number; words: string[] };

const bmpOnly = (text: string): string => [...text].filter((ch) => ch.length === 1).join('');

/** TEXT_SPECS made narrow: the text without its characters outside the BMP, the search text kept on every other spec. */
export const NARROW_SPECS: readonly NarrowSpec[] = TEXT_SPECS.map((spec, i) => ({
  b: bmpOnly(spec.s),
  env: ['a_b', '\uff61\uffff', 'é'][i % 3]!,
  t: i % 2 === 0 ? spec.t : bmpOnly(spec.t),
  p: spec.p,
  ...(spec.o !== undefined && { o: spec.o }),
  words: spec.words.map(bmpOnly),
}));
