/**
 * `Cel.*` inside a helper (same file, another local file, a helper calling one that imports `Cel` while it
 * does not) compiles as the expression the helper returns, like `Cel.*` written in the composition; held to
 * JavaScript (evaluateConcrete) on several specs and observed states.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { pair, sizeClass, upper } from './fixtures/modules/cel-helpers.js';
import { labelled } from './fixtures/modules/cel-wrappers.js';
import { runCase } from './harness.js';
import { refusalsIn } from '../support/refusals.js';

const localSize = (n: number): string => Cel.cond(n > 3, 'large', 'small');
function localPair(a: string, b: string): string {
  return Cel.template('%s:%s', a, b);
}

const spec = type({ name: 'string', replicas: 'number.integer' });
const status = type({ size: 'string', up: 'string', pair: 'string', label: 'string', local: 'string' });

const helpers = kubernetesComposition({ name: 'cel-helpers', apiVersion: 'cel.typekro.dev/v1alpha1', kind: 'CelHelpers', spec, status }, (spec) => {
  ConfigMap({ name: 'cel-helpers', data: { size: sizeClass(spec.replicas), local: localSize(spec.replicas), up: upper(spec.name), label: labelled(spec.name, spec.replicas) } });
  return { size: sizeClass(spec.replicas, 5), up: upper(spec.name), pair: pair(spec.name, `${spec.replicas}`), label: labelled(spec.name, spec.replicas), local: localPair(localSize(spec.replicas), spec.name) };
});

for (const [i, value] of [{ name: 'ab', replicas: 5 }, { name: 'x', replicas: 1 }, { name: 'mid', replicas: 3 }, { name: '', replicas: 7 }].entries()) {
  test(`Cel in helpers, spec ${i}: the compiled graph agrees with JavaScript`, () => {
    const report = runCase(`cel-helpers-${i}`, { composition: helpers as never, spec: value });
    assert.ok(report.evaluations >= 1, `only ${report.evaluations} evaluations`);
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  });
}

test('Cel in a helper compiles to the CEL it returns', () => {
  const yaml = helpers.toYaml();
  assert.match(yaml, /size: '\$\{schema\.spec\.replicas > 3 \? "large" : "small"\}'/);
  assert.match(yaml, /up: \$\{\(schema\.spec\.name\)\.upperAscii\(\)\}/);
});

test('Cel.cond on a number or text condition picks the branch JavaScript picks, in the concrete run too (trial 7 V10)', () => {
  const app = kubernetesComposition({ name: 'cel-cond-plain', apiVersion: 'cel.typekro.dev/v1alpha1', kind: 'CelCondPlain', spec: type({ i: 'number.integer', s: 'string' }), status: type({ byNumber: 'string', byText: 'string' }) }, (spec) => ({
    byNumber: Cel.cond(spec.i, 'on', 'off'),
    byText: Cel.cond(spec.s, 'named', 'blank'),
  }));
  for (const [i, value] of [{ i: 0, s: '' }, { i: 2, s: 'x' }, { i: -1, s: '' }].entries()) {
    const report = runCase(`cel-cond-plain-${i}`, { composition: app as never, spec: value });
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  }
  // Before, the concrete run returned the expression `0 ? "on" : "off"` as the status value.
  assert.deepEqual(evaluateConcrete(app, { i: 0, s: 'x' }).status, { byNumber: 'off', byText: 'named' });
  assert.deepEqual(evaluateConcrete(app, { i: 3, s: '' }).status, { byNumber: 'on', byText: 'blank' });
});

test('Cel.template writes a floating-point reference as JavaScript does, where CEL prints 1000000 as 1e+06 (trial 7 V10)', () => {
  const doubles = kubernetesComposition({ name: 'cel-template-double', apiVersion: 'cel.typekro.dev/v1alpha1', kind: 'CelTemplateDouble', spec: type({ x: 'number' }), status: type({ t: 'string' }) }, (spec) => ({
    t: Cel.template('cpu=%s', spec.x),
  }));
  for (const [i, x] of [1000000, 1000000.5, 2.5, 1e-7, 0.00001, 1e21, -0].entries()) {
    const report = runCase(`cel-template-double-${i}`, { composition: doubles as never, spec: { x } });
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  }
  assert.deepEqual(evaluateConcrete(doubles, { x: 1000000.5 }).status, { t: 'cpu=1000000.5' });
  // Integers, and a double literal (pasted as JavaScript's text), agree with JavaScript.
  const app = kubernetesComposition({ name: 'cel-template-int', apiVersion: 'cel.typekro.dev/v1alpha1', kind: 'CelTemplateInt', spec: type({ x: 'number', i: 'number.integer' }), status: type({ t: 'string' }) }, (spec) => ({
    t: Cel.template('cpu=%s i=%s lit=%s', Math.trunc(spec.x), spec.i, 1e21),
  }));
  for (const [i, value] of [{ x: 1000000, i: 2 }, { x: 2.5, i: -1 }].entries()) {
    const report = runCase(`cel-template-int-${i}`, { composition: app as never, spec: value });
    assert.deepEqual(report.findings.map((f) => `${f.aspect} (${f.state}, ${JSON.stringify(f.spec)})\n${f.detail}`), []);
  }
  assert.deepEqual(evaluateConcrete(app, { x: 1000000, i: 2 }).status, { t: 'cpu=1000000 i=2 lit=1e+21' });
});
