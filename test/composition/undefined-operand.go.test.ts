/**
 * The guards a value that may be `undefined` gets as a search needle, index or key (fixtures/undefined-operand.ts)
 * mean in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's environment, `schema` typed by the spec's OpenAPI
 * schema) what they mean in our engine and what JavaScript gives: a value, never "no such key". Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateConcrete } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { EXPECTED_CEL, SPECS, undefinedOperand } from './fixtures/undefined-operand.js';

const strings = { type: 'array', items: { type: 'string' } };
const integers = { type: 'array', items: { type: 'integer' } };
const schema: OpenApiSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['tiers', 'ports', 'n', 's', 'm', 'items'],
      properties: {
        tiers: strings, tier: { type: 'string' }, ports: integers, port: { type: 'integer' }, on: { type: 'integer' }, n: { type: 'integer' }, k: { type: 'string' }, s: { type: 'string' },
        m: { type: 'object', additionalProperties: { type: 'string' } },
        items: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tag: { type: 'string' } } } },
      },
    },
  },
} as OpenApiSchema;

test('cel-go, our engine and JavaScript agree on the guarded needles, indexes and keys', () => {
  const fields = Object.entries(EXPECTED_CEL);
  const include = 'has(schema.spec.port) && schema.spec.port in schema.spec.ports';
  const exprs: [string, string][] = [...fields, ['include', include]];
  const vectors: Vector[] = exprs.flatMap(([, cel], i) => SPECS.map((spec, j) => ({ id: `u-${i}-${j}`, expr: cel, vars: { schema: { spec } as TaggedJson }, schemas: { schema } })));
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    const [, i, j] = vector.id.split('-').map(Number);
    const spec = SPECS[j!]!;
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(spec)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, 'value', `${vector.expr} on ${JSON.stringify(spec)}: ${JSON.stringify(go)}`);
    const js = evaluateConcrete(undefinedOperand, spec as never);
    const [field] = exprs[i!]!;
    const expected = field === 'include' ? js.resources.length > 0 : (js.status as Record<string, unknown>)[field];
    assert.deepEqual(go.value, expected, `${field}: ${vector.expr} on ${JSON.stringify(spec)}`);
  }
});
