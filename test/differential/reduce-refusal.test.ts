/**
 * `reduce` over a list the instance gives stays refused (KRO's CEL has no fold), with the way out that fits
 * what the fold builds: a map (KRO's transformMapEntry in Cel.expr; one entry per item from `{}` compiles, list-to-map-cases.ts), text (`join`), a number (the lists
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

test('a fold into a map that reads its accumulator names transformMapEntry in Cel.expr, and what a repeated key does', () => {
  // One entry per item from `{}` compiles (list-to-map-cases.ts); a value that reads what came before does not.
  const message = refusal(() =>
    kubernetesComposition({ ...base, name: 'reduce-map', kind: 'ReduceMap', status: type({ s: 'string' }) }, (spec) => {
      ConfigMap({ name: spec.name, data: spec.items.reduce((acc, it) => ({ ...acc, [it.name]: (acc[it.name] ?? '') + it.value }), {} as Record<string, string>) });
      return { s: spec.name };
    }),
  );
  assert.equal(
    message,
    `${at("'reduce-map'", 'spec.items.reduce(')}: ${why}\n    spec.items.reduce((acc, it) => ({ ...acc, [it.name]: (acc[it.name] ?? '') + it.value }), {} as Record<string, string>)\n  hint: build the map with KRO's transformMapEntry in Cel.expr: \`Cel.expr<Record<string, string>>(spec.items, '.transformMapEntry(i, item, {item.name: item.value})')\` (a repeated key fails there, where JavaScript keeps the last)`,
  );
  const seeded = refusal(() =>
    kubernetesComposition({ ...base, name: 'reduce-seeded', kind: 'ReduceSeeded', status: type({ s: 'string' }) }, (spec) => {
      ConfigMap({ name: spec.name, data: spec.items.reduce((acc, it) => ({ ...acc, [it.name]: it.value }), { base: 'x' } as Record<string, string>) });
      return { s: spec.name };
    }),
  );
  assert.ok(seeded.startsWith(`${at("'reduce-seeded'", 'spec.items.reduce(')}: ${why}\n`), seeded);
});

test('a map built from a list refuses keys and values JavaScript would make text of its own or undefined', () => {
  const spec2 = type({ name: 'string', items: type({ name: 'string', 'value?': 'string', 'key?': 'string', tags: 'string[]' }).array() });
  const key = refusal(() =>
    kubernetesComposition({ ...base, spec: spec2, name: 'map-key', kind: 'MapKey', status: type({ m: 'Record<string, string>' }) }, (spec) => ({ m: spec.items.reduce((acc, it) => ({ ...acc, [it.key]: it.name }), {} as Record<string, string>) })),
  );
  assert.equal(key, `${at("'map-key'", 'it.key]')}: a map key that may be undefined (JavaScript makes it the key "undefined")\n    it.key\n  hint: give it a default with \`??\`, or key the map by a field every item has`);
  const list = refusal(() =>
    kubernetesComposition({ ...base, spec: spec2, name: 'map-list-key', kind: 'MapListKey', status: type({ m: 'Record<string, string>' }) }, (spec) => ({ m: Object.fromEntries(spec.items.map((it) => [it.tags, it.name])) })),
  );
  assert.equal(list, `${at("'map-list-key'", 'it.tags,')}: a map key of a list(string) value: JavaScript turns it into text in its own way\n    it.tags\n  hint: key the map by a string field of the item (or an integer one)`);
  const value = refusal(() =>
    kubernetesComposition({ ...base, spec: spec2, name: 'map-value', kind: 'MapValue', status: type({ m: 'Record<string, string>' }) }, (spec) => ({ m: Object.fromEntries(spec.items.map((it) => [it.name, it.value])) })),
  );
  assert.equal(value, `${at("'map-value'", 'it.value]')}: a map value that may be undefined (JavaScript keeps the key with \`undefined\`, which no manifest can hold)\n    it.value\n  hint: give it a default with \`??\``);
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
