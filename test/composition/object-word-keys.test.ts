/**
 * A spec map holding the key `constructor` or `__proto__` (valid ConfigMap keys and label names), merged with
 * other keys (trial 18 F6): the engine's `merge` spread its operands, and such a map is a `Map` there
 * (runtime/cel/convert.ts), so direct mode wrote `{ base: 'x' }` and lost every key of the user's map, where
 * JavaScript and KRO keep them all. Compared with the concrete JavaScript run on each spec.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render } from '../../src/testing/index.js';

const merged = kubernetesComposition(
  { name: 'word-keys', apiVersion: 'words.typekro.dev/v1', kind: 'WordKeys', spec: type({ m: { '[string]': 'string' } }), status: type({ n: 'number' }) },
  (spec) => {
    ConfigMap({ id: 'before', name: 'before', data: { base: 'x', ...spec.m } });
    ConfigMap({ id: 'after', name: 'after', data: { ...spec.m, base: 'x' } });
    ConfigMap({ id: 'whole', name: 'whole', data: spec.m });
    return { n: Object.keys(spec.m).length };
  },
);

test('a map with a constructor or __proto__ key keeps every key through a merge, as in JavaScript', () => {
  for (const text of ['{"a":"b","__proto__":"evil"}', '{"constructor":"c","a":"b"}', '{"constructor":"c","__proto__":"p","base":"y"}', '{"toString":"t"}']) {
    const spec = { m: JSON.parse(text) as Record<string, string> };
    const javascript = evaluateConcrete(merged, spec);
    const compiled = render(merged, spec);
    const data = (manifests: readonly unknown[]) => manifests.map((m) => JSON.stringify((m as { data?: unknown }).data));
    assert.deepEqual(data(compiled.manifests), data(javascript.resources.flatMap((r) => r.manifests)), text);
    assert.equal(Object.keys(JSON.parse(data(compiled.manifests)[0]!) as object).length, Object.keys(spec.m).length + (Object.hasOwn(spec.m, 'base') ? 0 : 1), text);
  }
});
