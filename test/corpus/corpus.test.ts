/**
 * Golden RGDs for the corpus: each composition renders byte-for-byte to its file in golden/ (read before any
 * update), and a fresh instance of its module (the composition function run again, the graph built and
 * compiled anew) renders the same bytes. Regenerate on purpose with UPDATE_GOLDEN=1 (refused under CI) and
 * review the diff.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertGolden } from '../support/golden.js';
import { corpus } from './index.js';
import type { CorpusCase } from './types.js';

test('the corpus has at least 25 compositions', () => {
  assert.ok(Object.keys(corpus).length >= 25, `only ${Object.keys(corpus).length} cases`);
});

for (const [name, entry] of Object.entries(corpus)) {
  test(`golden RGD: ${name}`, (t) => {
    const outcome = assertGolden(new URL(`./golden/${name}.yaml`, import.meta.url), entry.composition.toYaml());
    if (outcome === 'written') t.diagnostic(`rewrote golden/${name}.yaml`);
  });

  test(`a fresh definition renders the same RGD: ${name}`, async () => {
    // A query makes a new module instance: its kubernetesComposition call runs again, nothing is shared with `entry`.
    const fresh = ((await import(`./cases/${name}.js?fresh`)) as { default: CorpusCase }).default;
    assert.notEqual(fresh.composition, entry.composition, 'a new composition, not the cached one');
    assert.notEqual(fresh.composition.graph, entry.composition.graph, 'a new graph');
    assert.equal(fresh.composition.toYaml(), entry.composition.toYaml());
  });

  test(`instance YAML: ${name}`, () => {
    const instance = entry.composition.toYaml(entry.spec as never);
    assert.match(instance, new RegExp(`kind: ${entry.composition.kind}\\n`));
  });
}
