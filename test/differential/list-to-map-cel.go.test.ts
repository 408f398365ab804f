/**
 * The CEL of list-to-map-cases.ts (`list.transformMapEntry(i, it, list.exists(j, other, j > i && other.name ==
 * it.name) ? {} : {it.name: it.value})`, the assigning form also leaving out `__proto__`) type-checks in KRO's
 * cel-go (tools/cel-oracle, KRO v0.9.4's environment: two-variable comprehensions), never meets cel-go's
 * repeated-key error, and gives what our engine gives and what JavaScript gives, for every spec of the case.
 * Also our engine's map literals against cel-go's where cel-js alone would lose a key (`constructor`,
 * `__proto__`: src/runtime/cel/cel-go-evaluators.ts `mapLiteral`). Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors } from '../support/cel-oracle.js';
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

test('cel-go and our engine agree on map literals with the keys JavaScript objects make special, and on a repeated key', () => {
  const items = { type: 'array', items: { type: 'object', properties: { name: text, value: text } } };
  const list = { schema: { spec: { items: [{ name: 'k', value: '1' }, { name: 'k', value: '2' }] } } as TaggedJson };
  const vectors: Vector[] = [
    { id: 'constructor', expr: '{"constructor": "c", "a": "b"}' },
    { id: 'proto', expr: '{"__proto__": "p"}["__proto__"]' },
    { id: 'prototype', expr: '{"prototype": 1}' },
    { id: 'size', expr: 'size({"__proto__": "p", "constructor": "c", "toString": "t"})' },
    { id: 'in', expr: '"constructor" in {"constructor": 1} && !("constructor" in {"a": 1})' },
    { id: 'equal', expr: '{"constructor": 1} == {"constructor": 1} && {"constructor": 1} != {"constructor": 2}' },
    { id: 'select', expr: '{"constructor": {"x": 2}}.constructor.x' },
    { id: 'entries', expr: '["__proto__", "constructor", "x"].transformMapEntry(i, k, {k: i})' },
    // The CEL TypeKro emits never repeats a key; the unfiltered form does, and fails in both.
    { id: 'repeated', expr: 'schema.spec.items.transformMapEntry(i, it, {it.name: it.value})', vars: list, schemas: { schema: { type: 'object', properties: { spec: { type: 'object', properties: { items } } } } as OpenApiSchema } },
  ];
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.ok(go && answersAgree(ours, go), `${vector.id}: ${vector.expr}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.equal(go.class, vector.id === 'repeated' ? 'error' : 'value', `${vector.id}: ${JSON.stringify(go)}`);
  }
});
