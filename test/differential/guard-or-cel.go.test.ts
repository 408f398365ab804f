/**
 * The CEL of guard-or-cases.ts's guards through `||` (`!has(x) || !(...) ? "none" : x.z`, `has(b) ? (a != "" ?
 * a : b) : "q"`) type-checks in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's environment), gives what our engine
 * gives, and what JavaScript gives, for every spec of the case. Needs Go.
 */
import { test } from 'node:test';
import type { OpenApiSchema } from '../cel/vectors.js';
import { assertStatusVectorsAgree, statusVectors } from '../support/cel-oracle.js';
import { guardOrCases } from './guard-or-cases.js';

const text = { type: 'string' };
const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: { name: text, opt: { type: 'array', items: text }, a: text, b: text, x: { type: 'object', properties: { y: { type: 'integer' }, z: text } } },
    },
  },
} as OpenApiSchema;

test('cel-go, our engine and JavaScript agree on the guards through ||', () => {
  // guard-ports reads a Service: guard-or.test.ts holds it to JavaScript under every observed state.
  const vectors = statusVectors(guardOrCases, schema, ['guard-ports']);
  if (vectors.length < 35) throw new Error(`only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
