/**
 * The CEL of signed-zero-cases.ts (a divisor's int zeros given JavaScript's sign, analysis/signed-zero.ts)
 * type-checks in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's environment) and gives what our engine and
 * JavaScript give, for every spec of the case: cel-go's doubles keep -0.0 and divide by it as IEEE 754 says.
 * Needs Go.
 */
import { test } from 'node:test';
import type { OpenApiSchema } from '../cel/vectors.js';
import { assertStatusVectorsAgree, statusVectors } from '../support/cel-oracle.js';
import { signedZeroCases } from './signed-zero-cases.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: { name: { type: 'string' }, a: { type: 'integer' }, b: { type: 'integer' }, x: { type: 'number' }, l: { type: 'array', items: { type: 'integer' } } },
    },
  },
} as OpenApiSchema;

test('cel-go, our engine and JavaScript agree on divisions by a zero JavaScript makes -0', () => {
  const vectors = statusVectors(signedZeroCases, schema, []);
  if (vectors.length < 60) throw new Error(`only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
