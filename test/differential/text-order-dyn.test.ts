/**
 * `<`, `>`, `<=`, `>=` between two values of unknown type, which may both be text (an untyped custom resource's
 * status, a spec `Record<string, unknown>`): JavaScript orders text by UTF-16 code units, CEL by code points, so
 * the compiled CEL compares texts by their order keys (utf16.ts `utf16Order`) and other values as before. Checked
 * against JavaScript on texts around the surrogates (emoji, U+D7FF, U+E000 to U+FFFF) and on numbers and null
 * (our engine; the key's CEL in cel-go: text-order-cel.go.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { customResource, kubernetesComposition } from '../../src/index.js';
import { divergences } from './observed-divergences.js';

const untyped = (name: string) => customResource<{ size: number }, Record<string, unknown>>({ apiVersion: 'example.com/v1', kind: 'Cache', metadata: { name }, spec: { size: 1 } });

export const ORDER_TEXTS: readonly unknown[] = ['', 'a', '\ud7fe', '\ud7ff', '\ud7ff\ud7ff', '\ue000', '\uff61', '\uffff', '😀', '😀a', '\u{10000}', '\u{10ffff}', 'a😀', 'a\uff61', 1, 2.5, null];

test('ordering two values of unknown type compares texts as JavaScript does (UTF-16 code units)', () => {
  const app = kubernetesComposition({ apiVersion: 'order.typekro.dev/v1alpha1', kind: 'Order', name: 'dyn-order', spec: type({ 'extra?': 'Record<string, unknown>' }), status: type({ lt: 'boolean', le: 'boolean', gt: 'boolean', ge: 'boolean' }) }, (s) => {
    const cache = untyped('cache');
    const a = cache.status.a as string;
    const x = s.extra?.x as string;
    return { lt: a < x, le: a <= x, gt: a > x, ge: x >= a };
  });
  const kinds = (v: unknown) => (v === null ? 'null' : typeof v);
  // pairs of texts, and pairs of numbers or null (a text beside a number is another question: CEL has no such `<`)
  const pairs = ORDER_TEXTS.flatMap((a) => ORDER_TEXTS.filter((x) => kinds(a) === kinds(x) || a === null || x === null).map((x) => [a, x] as const)).filter(([a, x]) => typeof a !== 'string' || typeof x === 'string');
  const inputs = pairs.map(([a, x]) => ({ spec: { extra: { x } }, observed: { cache: { status: { a } } } }));
  assert.ok(inputs.length > 150);
  assert.deepEqual(divergences(app as never, inputs), []);
  assert.match(app.toYaml(), /type\(cache\.status\.a\) == type\(""\)/);
});
