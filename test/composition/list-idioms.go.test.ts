/**
 * The CEL the list idioms compile to (list-idiom-cases.ts: destructured callbacks, `filter(Boolean)` over
 * items that may be null, `concat`, a numeric sort, base64) type-checks in KRO's cel-go (tools/cel-oracle,
 * KRO v0.9.4's environment, `schema` typed by the spec's OpenAPI schema: ext.Lists' `sort`/`reverse`,
 * ext.Encoders' `base64.encode`), gives what our engine gives, and what JavaScript gives (the concrete run).
 * Every status expression on every spec of the cases. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenApiSchema } from '../cel/vectors.js';
import { assertStatusVectorsAgree, statusVectors } from '../support/cel-oracle.js';
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

test('cel-go, our engine and JavaScript agree on the CEL the list idioms compile to', () => {
  // `handles` reads resources, which list-idioms.test.ts holds to JavaScript under every observed state.
  const vectors = statusVectors(listIdiomCases, schema, ['handles']);
  assert.ok(vectors.length >= 70, `only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
