/**
 * The CEL of list-to-map-cases.ts (`list.transformMapEntry(i, it, list.exists(j, other, j > i && other.name ==
 * it.name) ? {} : {it.name: it.value})`, the assigning form also leaving out `__proto__`) type-checks in KRO's
 * cel-go (tools/cel-oracle, KRO v0.9.4's environment: two-variable comprehensions), never meets cel-go's
 * repeated-key error, and gives what our engine gives and what JavaScript gives, for every spec of the case.
 * Needs Go.
 */
import { test } from 'node:test';
import type { OpenApiSchema } from '../cel/vectors.js';
import { assertStatusVectorsAgree, statusVectors } from '../support/cel-oracle.js';
import { listToMapCases } from './list-to-map-cases.js';

const text = { type: 'string' };
const schema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { name: text, items: { type: 'array', items: { type: 'object', properties: { name: text, value: text, port: { type: 'integer' } } } } } } },
} as OpenApiSchema;

test('cel-go, our engine and JavaScript agree on maps built from a list, repeated and special keys included', () => {
  const vectors = statusVectors(listToMapCases, schema);
  if (vectors.length < 42) throw new Error(`only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});
