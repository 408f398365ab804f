/**
 * The compiled order of two values of unknown type (analysis/utf16.ts `utf16Order`, text-order-dyn.test.ts) in
 * KRO's cel-go (tools/cel-oracle): on texts around the surrogates (emoji, U+D7FF, U+E000 to U+FFFF, U+10000) it
 * gives JavaScript's UTF-16 order and our engine's answer, and on numbers CEL's own. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { E } from '../../src/ir/expr.js';
import { printCel } from '../../src/compile/cel/print.js';
import { utf16Order } from '../../src/analysis/utf16.js';
import { answersAgree } from '../cel/compare.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { TEXT_CHARS } from './text-alphabet-cases.js';

const text = fc.array(fc.constantFrom(...TEXT_CHARS, '\ud7ff', '\ud7fe', '\u{10000}'), { maxLength: 3 }).map((a) => a.join(''));
const OPS = ['<', '<=', '>', '>='] as const;
const jsOrder = (op: (typeof OPS)[number], a: string | number, b: string | number): boolean => (op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b);

test('the order of two values of unknown type in cel-go: JavaScript\'s for texts, CEL\'s for numbers', () => {
  const texts = fc.sample(fc.tuple(text, text), { seed: 7, numRuns: 120 });
  const pairs: (readonly [string | number, string | number])[] = [...texts, [1, 2], [2.5, 2], [3, 3], ['\u{10000}', '\uffff'], ['\ud7ff', '\u{10000}'], ['\ud7ff\ud7ff', '\ud7ff😀'], ['😀', '\uff61'], ['a😀', 'a\ue000'], ['\u{10ffff}', '\uffff']];
  const vectors = pairs.flatMap(([s, t], i) => OPS.map((op) => ({ id: `o${i}${op}`, expr: printCel(utf16Order(op, E.ident('s'), E.ident('t'))), vars: { s, t }, js: jsOrder(op, s, t) })));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.expr} on ${JSON.stringify(vector.vars)}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.value, vector.js, `${vector.expr} on ${JSON.stringify(vector.vars)}`);
  }
  // the pairs hold what the key is about: pairs that code points order otherwise than UTF-16 units
  const codePoints = (x: string): number[] => [...x].map((c) => c.codePointAt(0)!);
  const before = (a: number[], b: number[]): boolean => { const i = a.findIndex((c, j) => c !== b[j]); return i === -1 ? a.length < b.length : i < b.length && a[i]! < b[i]!; };
  assert.ok(pairs.filter(([a, b]) => typeof a === 'string' && typeof b === 'string' && before(codePoints(a), codePoints(b)) !== a < b).length >= 6);
});
