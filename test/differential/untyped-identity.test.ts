/**
 * Lists and objects of unknown type compared or searched (trial 7 V17): JavaScript compares them by identity
 * (two reads of one field are one object, two fields are two objects however alike), CEL by contents. Held
 * to JavaScript on several observed states (concrete evaluation against the compiled CEL under the direct
 * runtime's engine); test/composition/untyped-identity.go.test.ts holds the same CEL to cel-go. Before:
 * `list.includes(v)` and `list.indexOf(v)` found a list `v` by its contents (`[['x']].includes(['x'])` was
 * true), and the concrete run gave each read of a field a fresh object, so it said `st.a === st.a` was false.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { customResource, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { refusalsIn } from '../support/refusals.js';
import { divergences } from './observed-divergences.js';
import { searchApp } from './fixtures/untyped-search.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = { apiVersion: 'identity.typekro.dev/v1alpha1', kind: 'Identity' };
const untyped = (name: string) => customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name }, spec: { size: 1 } });

/** Values of every kind whose JavaScript and CEL equality differ (lists, maps) or agree (scalars). */
const VALUES: readonly unknown[] = [['x'], { k: 1 }, [], 'x', 1];

test('a list or object of unknown type is found in a list only as the very same object, as in JavaScript (trial 7 V17)', () => {
  // KRO types `unknown[]` as `[]object`: a list holds objects only (other items are refused with the spec, untyped-shape.test.ts).
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
  const lists = VALUES.flatMap((a) => [[structuredClone(a)], [{ k: 2 }, a], []]).filter((list) => list.every(isObject));
  const specs = lists.map((list) => ({ name: 'c', list }));
  const inputs = VALUES.flatMap((a) => specs.map((spec) => ({ spec, observed: { c: { status: { a } } } })));
  assert.deepEqual(divergences(searchApp as never, inputs), []);
  assert.match(searchApp.toYaml(), /found: .*type\(c\.status\.a\) in \[type\(\[\]\), type\(\{\}\)\] \? false : c\.status\.a in schema\.spec\.list/);
});

test('the concrete run reads one field twice as one object, as JavaScript does (trial 7 V17: it said `st.a === st.a` was false)', () => {
  const observed = new Map([['c', { metadata: { name: 'c' }, status: { a: ['x'] } }]]);
  assert.deepEqual(evaluateConcrete(searchApp, { name: 'c', list: [{ k: ['x'] }] }, { observed }).status, { self: true, found: false, at: -1, itemSelf: true, text: false });
});

test('a search that could meet the very object searched for is refused: CEL cannot tell identity from contents', () => {
  const literal = refusal(() =>
    kubernetesComposition({ ...definition, name: 'untyped-search-literal', spec: type({ name: 'string' }), status: type({ v: 'boolean' }) }, (spec) => {
      const c = untyped(spec.name);
      return { v: ([c.status.a ?? 'none', 'q'] as unknown[]).includes(c.status.b) };
    }),
  );
  assert.equal(
    literal,
    `${at("'untyped-search-literal'", "([c.status.a ?? 'none', 'q'] as unknown[]).includes")}: searching values of unknown type for a value that may be a list or an object: JavaScript finds only the very same object (identity), CEL compares contents\n    ([c.status.a ?? 'none', 'q'] as unknown[]).includes(c.status.b)\n  hint: search by a field (\`list.some((x) => x.name === v.name)\`) or for text (\`String(v)\`)`,
  );
  const own = refusal(() =>
    kubernetesComposition({ ...definition, name: 'untyped-search-own', spec: type({ name: 'string', list: 'unknown[]' }), status: type({ v: 'number' }) }, (spec) => {
      const list = spec.list as unknown[];
      return { v: list.indexOf(list[1] ?? 'none') };
    }),
  );
  assert.equal(
    own,
    `${at("'untyped-search-own'", "list.indexOf(list[1] ?? 'none')")}: searching values of unknown type for a value that may be a list or an object: JavaScript finds only the very same object (identity), CEL compares contents\n    list.indexOf(list[1] ?? 'none')\n  hint: search by a field (\`list.some((x) => x.name === v.name)\`) or for text (\`String(v)\`)`,
  );
});
