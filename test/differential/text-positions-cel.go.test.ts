/**
 * The CEL of `.length`, `indexOf` and `lastIndexOf` of text (analysis/utf16.ts) in KRO v0.9.4's cel-go
 * (tools/cel-oracle, `schema` typed by the spec's OpenAPI schema): on every spec of text-position-cases.ts it
 * gives what our engine gives and what JavaScript gives, in the status and in the ConfigMap's data. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { evaluateConcrete } from '../../src/index.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson } from '../cel/vectors.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors, type StatusVector } from '../support/cel-oracle.js';
import { NARROW_SPECS, TEXT_SPECS, narrowPositions, textPositions } from './text-position-cases.js';

const schema: OpenApiSchema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { s: { type: 'string' }, t: { type: 'string' }, p: { type: 'integer' }, o: { type: 'integer' }, u: { type: 'string' }, words: { type: 'array', items: { type: 'string' } } }, required: ['s', 't', 'p', 'words'] } },
} as OpenApiSchema;

/** One vector per `${...}` of the ConfigMap's data, per spec, with the text JavaScript writes there. */
function manifestVectors(): StatusVector[] {
  const rgd = parse(textPositions.toYaml()) as { spec: { resources: { template: { data: Record<string, string> } }[] } };
  const data = Object.entries(rgd.spec.resources[0]!.template.data);
  return TEXT_SPECS.flatMap((spec, j) => {
    const js = evaluateConcrete(textPositions, spec as never).resources[0]!.manifests[0] as { data: Record<string, string> };
    return data.map(([key, value]) => ({ id: `cm-${key}-${j}`, expr: /^\$\{(.*)\}$/s.exec(value)![1]!, vars: { schema: { spec } as TaggedJson }, schemas: { schema }, js: js.data[key] }));
  });
}

test('cel-go, our engine and JavaScript agree on the lengths and positions of Unicode-rich text', () => {
  // `constant` is folded when the composition is defined (text-positions.test.ts holds its CEL).
  const status = statusVectors({ text: { composition: textPositions as never, spec: TEXT_SPECS[0]!, specs: TEXT_SPECS } }, schema).filter((v) => !v.id.startsWith('text-constant-'));
  const vectors = [...status, ...manifestVectors()];
  assert.equal(vectors.length, TEXT_SPECS.length * 21);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: ${vector.expr} on ${JSON.stringify(vector.vars)}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.js, `${vector.id}: ${vector.expr} on ${JSON.stringify(vector.vars)}`);
  }
});

test('cel-go, our engine and JavaScript agree on CEL\'s own size, indexOf and lastIndexOf of text without characters above U+FFFF', () => {
  const str = { type: 'string' };
  const narrow: OpenApiSchema = {
    type: 'object',
    properties: { spec: { type: 'object', properties: { b: str, env: str, t: str, p: { type: 'integer' }, o: { type: 'integer' }, words: { type: 'array', items: str } }, required: ['b', 'env', 't', 'p', 'words'] } },
  } as OpenApiSchema;
  const vectors = statusVectors({ narrow: { composition: narrowPositions as never, spec: NARROW_SPECS[0]!, specs: NARROW_SPECS } }, narrow);
  assert.equal(vectors.length, NARROW_SPECS.length * 12);
  assertStatusVectorsAgree(vectors);
});
