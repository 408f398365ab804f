/**
 * `reduce` over a list the instance gives stays refused (KRO's CEL has no fold), with the way out that fits
 * what the fold builds: a map (KRO's transformMapEntry in Cel.expr), text (`join`), a number (the lists
 * library's `sum()` in Cel.expr), anything else (a supported method). A `reduce` over a constant table is
 * folded at definition instead (object-reduce-cases.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const why = '`reduce` over a list the instance gives has no CEL equivalent: KRO\'s CEL has no fold (a value carried from one item to the next)';
const spec = type({ name: 'string', items: type({ name: 'string', value: 'string' }).array(), nums: 'number.integer[]', words: 'string[]' });
const base = { apiVersion: 'reduce.typekro.dev/v1alpha1', spec };

test('reduce into a map names transformMapEntry in Cel.expr, and what a repeated key does', () => {
  const message = refusal(() =>
    kubernetesComposition({ ...base, name: 'reduce-map', kind: 'ReduceMap', status: type({ s: 'string' }) }, (spec) => {
      ConfigMap({ name: spec.name, data: spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), {} as Record<string, string>) });
      return { s: spec.name };
    }),
  );
  assert.equal(
    message,
    `${at("'reduce-map'", 'spec.items.reduce(')}: ${why}\n    spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), {} as Record<string, string>)\n  hint: build the map with KRO's transformMapEntry in Cel.expr: \`Cel.expr<Record<string, string>>(spec.items, '.transformMapEntry(i, item, {item.name: item.value})')\` (a repeated key fails there, where JavaScript keeps the last)`,
  );
});

test('reduce into a number names sum() in Cel.expr; into text, join', () => {
  const sum = refusal(() =>
    kubernetesComposition({ ...base, name: 'reduce-sum', kind: 'ReduceSum', status: type({ n: 'number' }) }, (spec) => ({ n: spec.nums.reduce((a, n) => a + n, 0) })),
  );
  assert.equal(
    sum,
    `${at("'reduce-sum'", 'spec.nums.reduce(')}: ${why}\n    spec.nums.reduce((a, n) => a + n, 0)\n  hint: for a sum, write the Kubernetes lists library's sum() with Cel.expr: \`Cel.expr<number>(spec.nums, '.sum()')\` (of a list of numbers: \`.map(...)\` first)`,
  );
  const text = refusal(() =>
    kubernetesComposition({ ...base, name: 'reduce-text', kind: 'ReduceText', status: type({ s: 'string' }) }, (spec) => ({ s: spec.words.reduceRight((a, w) => a + w, '') })),
  );
  assert.equal(
    text,
    `${at("'reduce-text'", 'spec.words.reduceRight(')}: ${why.replace('`reduce`', '`reduceRight`')}\n    spec.words.reduceRight((a, w) => a + w, '')\n  hint: join the items' text instead: \`spec.words.map((item) => ...).join('')\``,
  );
  const other = refusal(() =>
    kubernetesComposition({ ...base, name: 'reduce-other', kind: 'ReduceOther', status: type({ b: 'boolean' }) }, (spec) => ({ b: spec.words.reduce((a, w) => a && w !== '', true) })),
  );
  assert.equal(
    other,
    `${at("'reduce-other'", 'spec.words.reduce(')}: ${why}\n    spec.words.reduce((a, w) => a && w !== '', true)\n  hint: use a supported method (map, filter, some, every, join; the README's table "The JavaScript that compiles to CEL"), or write the CEL yourself with Cel.expr(...)`,
  );
});
