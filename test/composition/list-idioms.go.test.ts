/**
 * The CEL the list idioms compile to (list-idiom-cases.ts: destructured callbacks, `filter(Boolean)` over
 * items that may be null, `concat`, a numeric sort, base64) type-checks in KRO's cel-go (tools/cel-oracle,
 * KRO v0.9.4's environment, `schema` typed by the spec's OpenAPI schema: ext.Lists' `sort`/`reverse`,
 * ext.Encoders' `base64.encode`), gives what our engine gives, and what JavaScript gives (the concrete run).
 * Every status expression on every spec of the cases. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { evaluateConcrete } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { listIdiomCases } from './list-idiom-cases.js';

const text = { type: 'string' };
const int = { type: 'integer' };
const schema: OpenApiSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        name: text, port: int, debug: { type: 'boolean' }, features: { type: 'array', items: text }, nums: { type: 'array', items: int }, tags: { type: 'array', items: text },
        workers: { type: 'array', items: { type: 'object', properties: { name: text, replicas: int, label: text }, required: ['name'] } },
      },
      required: ['name', 'port', 'workers'],
    },
  },
} as OpenApiSchema;

interface ListVector extends Vector {
  readonly js: unknown;
}

test('cel-go, our engine and JavaScript agree on the CEL the list idioms compile to', () => {
  const vectors: ListVector[] = [];
  // `handles` reads resources, which list-idioms.test.ts holds to JavaScript under every observed state.
  for (const [name, entry] of Object.entries(listIdiomCases).filter(([name]) => name !== 'handles')) {
    const rgd = parse((entry.composition as unknown as { toYaml(): string }).toYaml()) as { spec: { schema: { status: Record<string, string> } } };
    for (const [field, value] of Object.entries(rgd.spec.schema.status)) {
      const whole = /^\$\{(.*)\}$/s.exec(value);
      if (!whole || whole[1]!.includes('${')) continue;
      for (const [j, spec] of (entry.specs ?? []).entries()) {
        const js = (evaluateConcrete(entry.composition, spec as never).status as Record<string, unknown>)[field];
        vectors.push({ id: `${name}-${field}-${j}`, expr: whole[1]!, vars: { schema: { spec } as TaggedJson }, schemas: { schema }, js });
      }
    }
  }
  assert.ok(vectors.length >= 70, `only ${vectors.length} vectors`);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.js, `${vector.id}: ${vector.expr}`);
  }
});
