/**
 * The CEL shapes the absent-spec-data rules emit mean the same in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's
 * environment, `schema` typed by the spec's OpenAPI schema) as in our engine, and what JavaScript gives:
 * a spec list index with a default (`l[?1].orValue(d)`), a length guard, a nested composition's optional
 * field read through the parent's optional field (`schema.spec.?n.orValue(2)`). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';

const schema: OpenApiSchema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { l: { type: 'array', items: { type: 'string' } }, n: { type: 'integer' } }, required: ['l'] } },
};

/** CEL, and the JavaScript it was compiled from (the expected value), per spec. */
const CASES: { cel: string; js: (spec: { l: string[]; n?: number }) => unknown }[] = [
  { cel: 'schema.spec.l[?1].orValue("none")', js: (s) => s.l[1] ?? 'none' },
  { cel: 'size(schema.spec.l) > 1 ? schema.spec.l[1] + "-x" : "none"', js: (s) => (s.l.length > 1 ? `${s.l[1]}-x` : 'none') },
  { cel: 'size(schema.spec.l) > 1 && schema.spec.l[1] == "b"', js: (s) => s.l[1] === 'b' },
  { cel: 'schema.spec.?n.orValue(2)', js: (s) => s.n ?? 2 },
  { cel: 'has(schema.spec.n)', js: (s) => s.n !== undefined },
];
const SPECS = [{ l: [] }, { l: ['a'] }, { l: ['a', 'b'], n: 3 }, { l: ['a', 'c', 'd'], n: 0 }];

test('cel-go, our engine and JavaScript agree on the absent-spec-data shapes', () => {
  const vectors: Vector[] = CASES.flatMap(({ cel }, i) => SPECS.map((spec, j) => ({ id: `a-${i}-${j}`, expr: cel, vars: { schema: { spec } as TaggedJson }, schemas: { schema } })));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    const [, i, j] = vector.id.split('-').map(Number);
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(SPECS[j!])}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, 'value', `${vector.expr}: ${JSON.stringify(go)}`);
    assert.deepEqual(go.value, CASES[i!]!.js(SPECS[j!]!), `${vector.expr} on ${JSON.stringify(SPECS[j!])}`);
  }
});
