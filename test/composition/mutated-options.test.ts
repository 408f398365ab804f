/**
 * An options object built first and changed afterwards, then spread into a factory's options (trial M5):
 * a change TypeKro folds into the literal (an unconditional `o.replicas = <value>`) compiles, held to
 * JavaScript by the differential harness; a change under a condition on a reference is refused at the
 * change itself (file:line:col of `o.replicas = ...`), not at the spread, with the literal that says the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);

const definition = {
  apiVersion: 'm.typekro.dev/v1alpha1',
  kind: 'MutatedOptions',
  spec: type({ name: 'string', c: 'boolean', r: 'number.integer' }),
  status: type({ name: 'string' }),
};
const SPECS = [1, 2, 3, 5].flatMap((r) => [true, false].map((c) => ({ name: 'web', c, r })));

function assertSameAsJavaScript(name: string, app: unknown): void {
  const report = runCase(name, { composition: app as never, spec: SPECS[0]!, specs: SPECS });
  assert.equal(report.specs, SPECS.length);
  assert.deepEqual(report.findings, [], name);
}

test('an option set after the object is built, then spread into the call, compiles (the write folds into the literal)', () => {
  const app = kubernetesComposition({ ...definition, name: 'mutated-spread' }, (spec) => {
    const o = { image: 'nginx', replicas: 1 };
    o.replicas = spec.r > 2 ? 3 : 1;
    Deployment({ ...o, name: 'spread' });
    const added: { image: string; replicas?: number } = { image: spec.name };
    added.replicas = spec.c ? 2 : 4;
    Deployment({ ...added, name: 'added' });
    const whole = { name: 'whole', image: 'nginx', replicas: 1 };
    whole.replicas = spec.r * 2;
    Deployment(whole);
    return { name: spec.name };
  });
  assert.match(app.toYaml(), /replicas: "\$\{schema\.spec\.r > 2 \? 3 : 1\}"/);
  assertSameAsJavaScript('mutated-spread', app);
});

test('a change under a condition on a reference is refused where it is made, naming the spread and the literal that says the same', () => {
  const message = refusal(() => kubernetesComposition({ ...definition, name: 'mutated-under-if' }, (spec) => {
    const o = { image: 'nginx', replicas: 1 };
    if (spec.c) o.replicas = 3;
    Deployment({ ...o, name: 'x' });
    return { name: spec.name };
  }));
  assert.equal(
    message,
    `${at("'mutated-under-if'", 'o.replicas = 3')}: \`o\` is changed here, under \`spec.c\`, after it is built, and spread into the options of a call at ${at("'mutated-under-if'", 'o, name')}: CEL cannot follow the order of statements, so which options the factory gets, and their values, are not known when the composition is defined\n` +
      '    o.replicas = 3\n' +
      "  hint: build `o` in one literal, choosing each value there (`{ replicas: spec.c ? 3 : <otherwise> }`), or set the option in the call after the spread (`{ ...o, replicas: ... }`)",
  );
});
