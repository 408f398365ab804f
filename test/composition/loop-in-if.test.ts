/**
 * A loop inside an `if` (issue 10): the same forEach under the `if`'s includeWhen whether JavaScript took the
 * branch on placeholders (`if (spec.enabled)`) or skipped it (`if (!spec.enabled)`, made from source), and
 * JavaScript's result for both specs (evaluateConcrete) is what the graph says.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

const loops = kubernetesComposition(
  { name: 'loop-in-if', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'LoopInIf', spec: type({ enabled: 'boolean', tags: '/^[ -~]*$/[]' }), status: type({ count: 'number' }) },
  (spec) => {
    if (spec.enabled) {
      for (const t of spec.tags) ConfigMap({ id: 'on', name: `on-${t}`, data: { v: t } });
    }
    if (!spec.enabled) {
      const offs = spec.tags.map((t) => ConfigMap({ id: 'off', name: `off-${t}`, data: { v: t.toUpperCase() } }));
    }
    return { count: spec.tags.length };
  },
);

test('a loop in a taken and in a skipped branch both compile to a forEach filtered by the condition', () => {
  // The condition filters the loop's list: where it is false JavaScript makes no item, and the collection is empty (trial 11 S3).
  const shape = loops.graph.resources.map((r) => ({ id: r.id, includeWhen: r.includeWhen.length, forEach: r.forEach.map((d) => d.name) }));
  assert.deepEqual(shape, [
    { id: 'on', includeWhen: 0, forEach: ['t'] },
    { id: 'off', includeWhen: 0, forEach: ['t'] },
  ]);
  const yaml = loops.toYaml();
  assert.match(yaml, /- t: \$\{schema\.spec\.tags\.filter\(t, schema\.spec\.enabled\)\}/);
  assert.match(yaml, /- t: \$\{schema\.spec\.tags\.filter\(t, !schema\.spec\.enabled\)\}/);
  assert.match(yaml, /v: \$\{t\.upperAscii\(\)\}/);
  const off = evaluateConcrete(loops, { enabled: false, tags: ['a', 'b'] });
  assert.deepEqual(off.resources.map((r) => [r.id, r.manifests.length]), [['off', 2]]);
});
