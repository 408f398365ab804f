/**
 * The CEL object spreads compile to (test/differential/object-spread-cases.ts: a choice of maps, per-key
 * choices, KRO's `map.merge` of spec maps, an absent optional map spreading nothing) means in KRO's cel-go
 * (tools/cel-oracle, KRO v0.9.4's environment, `schema` typed by the spec's OpenAPI schema) what it means in
 * our engine, on the specs of the differential cases; the differential harness holds our engine to
 * JavaScript. Every whole-value expression of the two graphs is checked. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { objectSpreadCases } from '../differential/object-spread-cases.js';

const map: OpenApiSchema = { type: 'object', additionalProperties: { type: 'string' } };
const schema: OpenApiSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: { name: { type: 'string' }, debug: { type: 'boolean' }, n: { type: 'integer' }, labels: map, config: map, tier: { type: 'string' } },
      required: ['name', 'n', 'tier'],
    },
  },
};

/** Every string of `value` that is one whole `${...}` expression (a map, a list, a status field). */
function wholeExpressions(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') {
    const whole = /^\$\{(.*)\}$/s.exec(value);
    if (whole && !whole[1]!.includes('${')) into.push(whole[1]!);
  } else if (Array.isArray(value)) value.forEach((item) => wholeExpressions(item, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => wholeExpressions(item, into));
  return into;
}

test('cel-go and our engine agree on the CEL object spreads compile to', () => {
  const vectors: Vector[] = [];
  for (const [name, entry] of Object.entries(objectSpreadCases)) {
    const rgd = parse((entry.composition as unknown as { toYaml(): string }).toYaml()) as { spec: { resources: { template: unknown }[]; schema: { status: unknown } } };
    const expressions = [...new Set([...wholeExpressions(rgd.spec.resources.map((r) => r.template)), ...wholeExpressions(rgd.spec.schema.status)])].filter((cel) => !cel.includes('metadata.name'));
    assert.ok(expressions.some((cel) => cel.includes('.merge(')) || name.endsWith('choices'), `${name}: no merge in ${expressions.join('\n')}`);
    expressions.forEach((expr, i) => (entry.specs ?? [entry.spec]).forEach((spec, j) => vectors.push({ id: `${name}-${i}-${j}`, expr, vars: { schema: { spec } as TaggedJson }, schemas: { schema } })));
  }
  assert.ok(vectors.length >= 60, `only ${vectors.length} vectors`);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.ok(go && answersAgree(ours, go), `${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, 'value', `${vector.expr}: ${JSON.stringify(go)}`);
  }
});
