/**
 * A list literal's text items keep the alphabet of them all, through a spread (`['anon', ...spec.tags]`) and
 * `filter(Boolean)`: `trim()` of an item compiles when every item's text is patterned, and is refused when any
 * may hold U+0085 or U+FEFF (a run of plain items was typed by its first one, which let `['x', spec.text]`'s
 * second item through; a spread or a filter dropped the alphabet and refused patterned items).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const definition = { apiVersion: 'alphabet.typekro.dev/v1alpha1', kind: 'ListText', spec: type({ text: 'string', tags: '/^[ -~]*$/[]', 'nick?': '/^[A-Za-z]*$/', 'flag?': 'boolean' }), status: type({ s: 'string' }) };
test('trim() of an item of a list of patterned texts compiles, through a spread and filter(Boolean)', () => {
  const spread = kubernetesComposition({ ...definition, name: 'spread-filter' }, (spec) => {
    ConfigMap({ name: 'x', data: { v: 'a' } });
    return { s: (['anon', ...spec.tags].filter(Boolean)[0] ?? 'none').trim() };
  });
  assert.match(spread.toYaml(), /\(\["anon"\] \+ schema\.spec\.tags\)\.filter\(x, x != ""\)\[\?0\]\.orValue\("none"\)\.trim\(\)/);
  const choice = kubernetesComposition({ ...definition, name: 'choice-filter' }, (spec) => {
    ConfigMap({ name: 'x', data: { v: 'a' } });
    return { s: ([spec.flag ? undefined : (spec.nick || 'anon'), ...spec.tags].filter(Boolean)[0] ?? 'none').trim() };
  });
  assert.match(choice.toYaml(), /\.trim\(\)/);
});

const REFUSED = /`trim\(\)` of text that may hold U\+0085 \(next line\) or U\+FEFF \(byte order mark\)/;

test('trim() of an item of a list holding free text is refused, wherever the free text sits', () => {
  assert.throws(() => kubernetesComposition({ ...definition, name: 'first' }, (spec) => {
    ConfigMap({ name: 'x', data: { v: 'a' } });
    return { s: ([spec.text, ...spec.tags].filter(Boolean)[0] ?? 'none').trim() };
  }), REFUSED);
  assert.throws(() => kubernetesComposition({ ...definition, name: 'second' }, (spec) => {
    ConfigMap({ name: 'x', data: { v: 'a' } });
    return { s: (['x', spec.text].filter(Boolean)[1] ?? 'none').trim() };
  }), REFUSED);
  assert.throws(() => kubernetesComposition({ ...definition, name: 'after-spread' }, (spec) => {
    ConfigMap({ name: 'x', data: { v: 'a' } });
    return { s: (['x', ...spec.tags, spec.text].filter(Boolean)[1] ?? 'none').trim() };
  }), REFUSED);
  assert.throws(() => kubernetesComposition({ ...definition, name: 'after-null' }, (spec) => {
    ConfigMap({ name: 'x', data: { v: 'a' } });
    return { s: ([spec.flag ? undefined : 'a', spec.text].filter(Boolean)[1] ?? 'none').trim() };
  }), REFUSED);
});
