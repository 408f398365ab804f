/**
 * The CEL of nan-cases.ts (a double's truthiness `x > 0.0 || x < 0.0`, NaN-aware `max()`/`min()`, `includes`
 * that finds NaN) type-checks in KRO's cel-go (tools/cel-oracle, KRO v0.9.4's environment), gives what our engine
 * gives, and what JavaScript gives, for every spec of the cases, NaN (0 / 0) and Infinity included. Needs Go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { truthy, plain } from '../../src/analysis/typed.js';
import { printCel } from '../../src/compile/cel/print.js';
import { E } from '../../src/ir/expr.js';
import { T } from '../../src/ir/types.js';
import { answersAgree } from '../cel/compare.js';
import type { OpenApiSchema } from '../cel/vectors.js';
import { assertStatusVectorsAgree, celGoAndOurs, statusVectors } from '../support/cel-oracle.js';
import { nanCases } from './nan-cases.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        name: { type: 'string' }, ready: { type: 'integer' }, total: { type: 'integer' }, x: { type: 'number' }, y: { type: 'number' },
        l: { type: 'array', items: { type: 'integer' } }, d: { type: 'array', items: { type: 'number' } },
      },
    },
  },
} as OpenApiSchema;

test('cel-go, our engine and JavaScript agree where NaN is falsy, poisons Math.max/min and is found by includes', () => {
  // nan-status's fields are NaN or Infinity, which no JSON holds: both modes fail them (differential.test.ts).
  const vectors = statusVectors(nanCases, schema, ['nan-status']);
  if (vectors.length < 100) throw new Error(`only ${vectors.length} vectors`);
  assertStatusVectorsAgree(vectors);
});

/** [CEL of a value, the JavaScript value]: NaN, a list holding NaN (truthy: a list), the zeros, and the rest. */
const VALUES: readonly [string, unknown][] = [
  ['0.0 / 0.0', Number.NaN], ['[0.0 / 0.0]', [Number.NaN]], ['{"a": 0.0 / 0.0}', { a: Number.NaN }], ['0.0', 0], ['-0.0', -0], ['1.5', 1.5],
  ['-1.0 / 0.0', -Infinity], ['0', 0], ['7', 7], ['""', ''], ['"a"', 'a'], ['false', false], ['true', true], ['null', null], ['[]', []],
];

test('cel-go, our engine and JavaScript agree on the truthiness of a double and of a value of unknown type, NaN included', () => {
  const node = { type: 'Identifier', name: 'x' } as never;
  const vectors = VALUES.flatMap(([cel, js], i) => {
    const dyn = { id: `dyn-${i}`, expr: printCel(truthy(plain(E.call('dyn', [E.raw(cel)]), T.dyn), node)), js: Boolean(js) };
    const isDouble = typeof js === 'number' && (cel.includes('.') || !Number.isFinite(js));
    return isDouble ? [dyn, { id: `double-${i}`, expr: printCel(truthy(plain(E.raw(`(${cel})`), T.double), node)), js: Boolean(js) }] : [dyn];
  });
  assert.equal(vectors.filter((v) => v.id.startsWith('double')).length, 5);
  for (const { vector, go, ours } of celGoAndOurs(vectors)) {
    assert.ok(go && answersAgree(ours, go), `${vector.expr}: cel-go ${JSON.stringify(go)}, ours ${JSON.stringify(ours)}`);
    assert.deepEqual(go.value, vector.js, `${vector.id}: ${vector.expr}`);
  }
});
