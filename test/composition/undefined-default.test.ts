/**
 * `x || undefined`, written to let a helper's parameter default apply where `x` is empty, is refused with the
 * reason and the choice that means the same and compiles (trial 17: the refusal said only "use a real default
 * value"); the hinted choice gives what JavaScript gives.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const def = (name: string) => ({
  name,
  kind: name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
  spec: type({ name: 'string', label: "string = ''" }),
  status: type({ v: 'string' }),
});

function labelled({ name, label = 'std' }: { name: string; label?: string | undefined }) {
  return ConfigMap({ name, data: { label } });
}

test('x || undefined into a helper is refused with why and the choice that compiles', () => {
  const message = refusal(() => kubernetesComposition(def('or-undefined'), (spec) => {
    labelled({ name: spec.name, label: spec.label || undefined });
    return { v: spec.name };
  }));
  assert.equal(message, `${at("'or-undefined'", 'spec.label ||')}: defaulting to \`undefined\`: this leaves the value out wherever \`spec.label\` is falsy ('', 0, false), and TypeKro compiles a value left out under a condition only when it is written as a choice
    spec.label || undefined
  hint: write the same as a choice, which compiles: \`spec.label ? spec.label : undefined\` (a helper's parameter default then applies where it is left out), or pass \`spec.label\` itself and give the default where it is used (\`value || 'default'\`)`);
});

test("the hinted choice lets the helper's default apply where JavaScript's does", () => {
  const app = kubernetesComposition(def('choice-undefined'), (spec) => {
    labelled({ name: spec.name, label: spec.label ? spec.label : undefined });
    return { v: spec.name };
  });
  for (const label of ['', 'x']) {
    const data = (render(app, { name: 'a', label }).manifests[0] as { data: unknown }).data;
    assert.deepEqual(data, { label: label || 'std' }, label);
  }
});
