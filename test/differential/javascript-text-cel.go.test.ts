/**
 * The CEL that writes a number as JavaScript does (src/ir/javascript-text.ts) gives `String(x)` in KRO's cel-go
 * (tools/cel-oracle, KRO v0.9.4's environment) and in our engine, for generated doubles of every magnitude (the
 * exponent ranges where Go's `%g` and JavaScript lay digits out differently, their edges, whole numbers beyond
 * 2**53, the zeros, the infinities, NaN), and for a value whose type is known only when read (an untyped spec
 * field (`'Record<string, unknown>'`): JSON's ints, doubles, text, booleans and null, decoded as Kubernetes decodes them). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { printCel } from '../../src/compile/cel/print.js';
import { E } from '../../src/ir/expr.js';
import { doubleText, valueText } from '../../src/ir/javascript-text.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';

const EDGES = [
  0, -0, 1, -1, 0.1, 1.5, 1e-4, 9.999e-5, 1e-5, 1.5e-6, 1e-6, 1e-7, -1e-7, 1.2e-9, 1e-10, 5e-324, 123456.7, 999999.9999999999,
  1e6, 1000000.5, -1000000.5, 1.2345e15, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 1e20, 123456789012345680000, 1e21, 1.5e21, 1.7976931348623157e308,
  Infinity, -Infinity, Number.NaN,
];

/** A double as CEL: `double("...")` of its own JavaScript text reads back the same double in both engines. */
function doubleLiteral(x: number): string {
  if (Number.isNaN(x)) return '(0.0 / 0.0)';
  if (!Number.isFinite(x)) return x > 0 ? '(1.0 / 0.0)' : '(-1.0 / 0.0)';
  return Object.is(x, -0) ? '-0.0' : `double("${x}")`;
}

test('cel-go, our engine and JavaScript write every double alike (doubleText)', () => {
  // Every magnitude from 1e-12 to 1e25, and any double at all, with both signs.
  const magnitudes = fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -12, max: 25 }), fc.boolean())
    .map(([m, e, negative]) => (negative ? -1 : 1) * Number((m * 10 ** e).toPrecision(1 + (Math.abs(e) % 17))));
  const doubles = [...EDGES, ...fc.sample(magnitudes, { seed: 21, numRuns: 1500 }), ...fc.sample(fc.double(), { seed: 22, numRuns: 500 })];
  const vectors = doubles.map((x, i) => ({ id: `double-${i}`, expr: printCel(doubleText(E.raw(doubleLiteral(x)))), js: String(x) }));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.value, vector.js, `${vector.id}: ${vector.expr}`);
  }
});

test("an untyped field's value is written as JavaScript writes it, in cel-go and in our engine (valueText)", () => {
  const schema = { type: 'object', properties: { spec: { type: 'object', properties: { cfg: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } } as OpenApiSchema;
  const values: unknown[] = [...EDGES.filter(Number.isFinite), 7, -3, 2 ** 62, 'text', '', 'é 🙂', true, false, null];
  const vectors = values.map((v, i) => ({
    id: `value-${i}`,
    expr: printCel(valueText(E.path('schema', 'spec', 'cfg', 'v'))),
    // What the API server keeps is the JSON JavaScript writes (2**62 the digits String() gives, 1e21 `1e+21`).
    vars: { schema: { spec: { cfg: JSON.parse(JSON.stringify({ v })) } } as TaggedJson },
    schemas: { schema },
    js: String(v),
  }));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${JSON.stringify(vector.vars)}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.value, vector.js, `${vector.id}: ${JSON.stringify(vector.vars)}`);
  }
});
