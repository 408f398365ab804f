/**
 * The CEL the once-refused constructs compile to (refusal-cases.ts: positioned indexOf/lastIndexOf, map
 * enumerations as `size(m)` and `m.map(k, ...)` macros, a narrowed list item) in KRO's cel-go
 * (tools/cel-oracle, `schema` typed by the spec's OpenAPI schema): it type-checks, gives what our engine
 * gives and what JavaScript gives (the concrete run), for every status expression on every spec. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { evaluateConcrete } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';
import { refusalCases } from './refusal-cases.js';

const text = { type: 'string' };
const int = { type: 'integer' };
const schema: OpenApiSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        name: text, cmd: text, flag: text, text, search: text, at: int,
        config: { type: 'object', additionalProperties: text }, counts: { type: 'object', additionalProperties: int },
      },
      required: ['name', 'text', 'search', 'at', 'config', 'counts'],
    },
  },
} as OpenApiSchema;

interface CaseVector extends Vector {
  readonly js: unknown;
}

test('cel-go, our engine and JavaScript agree on the CEL of the once-refused constructs', () => {
  const vectors: CaseVector[] = [];
  // `andHandle` reads a resource, which refusal-cases.test.ts holds to JavaScript under every observed state; its CEL is not new.
  for (const [name, entry] of Object.entries(refusalCases).filter(([name]) => name !== 'andHandle')) {
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
  assert.ok(vectors.length >= 100, `only ${vectors.length} vectors`);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.js, `${vector.id}: ${vector.expr}`);
  }
});
