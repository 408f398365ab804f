/**
 * A spec number JSON cannot hold (trial 18 F8: `--set n=-.inf`): kro mode sent the instance with `null` there and
 * failed after the RGD was applied ("spec.n: Invalid value: \"null\""), while direct mode and the offline kit
 * computed with -Infinity. Refused up front, naming the field and the value, as NaN already was.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition, SpecValidationError } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render } from '../../src/testing/index.js';

const app = kubernetesComposition(
  { name: 'non-finite', apiVersion: 'trial18.typekro.dev/v1', kind: 'NonFinite', spec: type({ n: 'number', l: 'number[]' }), status: type({ big: 'boolean' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: 'cm', data: { big: `${spec.n > 1}` } });
    return { big: spec.n > 1 };
  },
);

test('±Infinity in a spec is refused with its path, by evaluateConcrete and render alike', () => {
  const problems = ['spec.n is -Infinity: JSON, and so Kubernetes, cannot hold it (it would be written as null); give a finite number', 'spec.l[1] is Infinity: JSON, and so Kubernetes, cannot hold it (it would be written as null); give a finite number'];
  for (const run of [() => evaluateConcrete(app, { n: -Infinity, l: [1, Infinity] }), () => render(app, { n: -Infinity, l: [1, Infinity] })]) {
    assert.throws(run, (error: unknown) => error instanceof SpecValidationError && error.message === `invalid spec for composition "non-finite":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
});

test('finite numbers pass', () => {
  assert.deepEqual(evaluateConcrete(app, { n: 2.5, l: [] }).status, { big: true });
});
