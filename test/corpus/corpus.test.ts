/**
 * Golden RGDs for the corpus: each composition renders byte-for-byte to its file in golden/.
 * Regenerate on purpose with UPDATE_GOLDEN=1 and review the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { corpus } from './index.js';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

test('the corpus has at least 25 compositions', () => {
  assert.ok(Object.keys(corpus).length >= 25, `only ${Object.keys(corpus).length} cases`);
});

for (const [name, entry] of Object.entries(corpus)) {
  test(`golden RGD: ${name}`, () => {
    const file = join(goldenDir, `${name}.yaml`);
    const rendered = entry.composition.toYaml();
    if (update) writeFileSync(file, rendered);
    assert.ok(existsSync(file), `missing golden file ${file}; run with UPDATE_GOLDEN=1`);
    assert.equal(rendered, readFileSync(file, 'utf8'));
    assert.equal(entry.composition.toYaml(), rendered, 'rendering twice gives the same bytes');
  });

  test(`instance YAML: ${name}`, () => {
    const instance = entry.composition.toYaml(entry.spec as never);
    assert.match(instance, new RegExp(`kind: ${entry.composition.kind}\\n`));
  });
}
