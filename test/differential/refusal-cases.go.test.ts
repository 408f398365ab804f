/**
 * The CEL the once-refused constructs compile to (refusal-cases.ts: positioned indexOf/lastIndexOf, map
 * enumerations as `size(m)` and `m.map(k, ...)` macros, a narrowed list item) in KRO's cel-go
 * (tools/cel-oracle, `schema` typed by the spec's OpenAPI schema): it type-checks, gives what our engine
 * gives and what JavaScript gives (the concrete run), for every status expression on every spec. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenApiSchema } from '../cel/vectors.js';
import { assertStatusVectorsAgree, statusVectors } from '../support/cel-oracle.js';
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

test('cel-go, our engine and JavaScript agree on the CEL of the once-refused constructs', () => {
  // `andHandle` reads a resource, which refusal-cases.test.ts holds to JavaScript under every observed state; its CEL is not new.
  const vectors = statusVectors(refusalCases, schema, ['andHandle']);
  assert.ok(vectors.length >= 100, `only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
