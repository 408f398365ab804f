/**
 * The ways out reduce-refusal.test.ts names work: `Cel.expr(spec.items, '.transformMapEntry(i, item, {item.name:
 * item.value})')` and `Cel.expr(spec.nums, '.sum()')` render to CEL that KRO's cel-go (tools/cel-oracle, KRO
 * v0.9.4's environment) and our engine evaluate to what JavaScript's `reduce` gives, for lists of distinct keys
 * and empty lists; with a repeated key cel-go fails, as the hint says. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse } from 'yaml';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema, TaggedJson, Vector } from '../cel/vectors.js';
import { celGoAndOurs } from '../support/cel-oracle.js';

const text = { type: 'string' };
const schema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { name: text, items: { type: 'array', items: { type: 'object', properties: { name: text, value: text } } }, nums: { type: 'array', items: { type: 'integer' } } } } },
} as OpenApiSchema;

const app = kubernetesComposition(
  { apiVersion: 'reduce.typekro.dev/v1alpha1', name: 'reduce-way-out', kind: 'ReduceWayOut', spec: type({ name: 'string', items: type({ name: 'string', value: 'string' }).array(), nums: 'number.integer[]' }), status: type({ map: 'Record<string, string>', sum: 'number' }) },
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'x' } });
    return { map: Cel.expr<Record<string, string>>(spec.items, '.transformMapEntry(i, item, {item.name: item.value})'), sum: Cel.expr<number>(spec.nums, '.sum()') };
  },
);

type Spec = { name: string; items: { name: string; value: string }[]; nums: number[] };
const javascript = (spec: Spec) => ({
  map: spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), {} as Record<string, string>),
  sum: spec.nums.reduce((a, n) => a + n, 0),
});

test('the ways out of reduce mean what JavaScript\'s reduce means in cel-go and in our engine', () => {
  const status = (parse(app.toYaml()) as { spec: { schema: { status: Record<string, string> } } }).spec.schema.status;
  const exprs = Object.fromEntries(Object.entries(status).map(([field, value]) => [field, /^\$\{(.*)\}$/s.exec(value)![1]!]));
  assert.deepEqual(exprs, { map: '(schema.spec.items).transformMapEntry(i, item, {item.name: item.value})', sum: '(schema.spec.nums).sum()' });
  const specs: Spec[] = [
    { name: 'a', items: [{ name: 'k', value: 'v' }, { name: 'l', value: '' }], nums: [1, 2, 40] },
    { name: 'b', items: [], nums: [] },
    { name: 'c', items: [{ name: 'only', value: 'x' }], nums: [-5] },
  ];
  const vectors: (Vector & { js: unknown })[] = specs.flatMap((spec, j) =>
    Object.entries(exprs).map(([field, expr]) => ({ id: `${field}-${j}`, expr, vars: { schema: { spec } as TaggedJson }, schemas: { schema }, js: javascript(spec)[field as 'map' | 'sum'] })),
  );
  const repeated = { id: 'map-repeated', expr: exprs.map!, vars: { schema: { spec: { name: 'r', items: [{ name: 'k', value: '1' }, { name: 'k', value: '2' }], nums: [] } } as TaggedJson }, schemas: { schema }, js: undefined };
  for (const { vector, go, ours } of celGoAndOurs([...vectors, repeated])) {
    if (vector.id === 'map-repeated') {
      assert.notEqual(go?.class, 'value', `cel-go fails on a repeated key: ${JSON.stringify(go)}`);
      continue;
    }
    assert.equal(go?.class, 'value', `${vector.id}: ${vector.expr}: ${JSON.stringify(go)}`);
    assert.ok(answersAgree(ours, go), `${vector.id}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.js, vector.id);
  }
});
