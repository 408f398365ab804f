/**
 * `ints.includes(x)` / `ints.indexOf(x)` with an integer list and a double needle (trial 3, B02): KRO's
 * checker has no `in`/`indexOf` over `(double, list(int))`, so the list is searched as doubles, which keeps
 * JavaScript's meaning (`[1, 2].includes(2)` with 2 a `number`) and positions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { runCase } from '../differential/harness.js';

const app = kubernetesComposition(
  {
    name: 'numeric-search',
    apiVersion: 'test.typekro.dev/v1alpha1',
    kind: 'NumericSearch',
    spec: type({ ints: 'number.integer[]', x: 'number', n: 'number.integer', ds: 'number[]' }),
    status: type({ has: 'boolean', idx: 'number', back: 'boolean', backIdx: 'number' }),
  },
  (spec) => {
    ConfigMap({ name: 'numeric-search', data: { has: spec.ints.includes(spec.x) ? 'yes' : 'no', idx: `${spec.ints.indexOf(spec.x)}` } });
    return { has: spec.ints.includes(spec.x), idx: spec.ints.indexOf(spec.x), back: spec.ds.includes(spec.n), backIdx: spec.ds.indexOf(spec.n) };
  },
);

test('a double searched in an int list compiles to the list as doubles', () => {
  const yaml = app.toYaml();
  assert.match(yaml, /has: \$\{schema\.spec\.x in schema\.spec\.ints\.map\(i, double\(i\)\)\}/);
  assert.match(yaml, /idx: \$\{schema\.spec\.ints\.map\(i, double\(i\)\)\.indexOf\(schema\.spec\.x\)\}/);
  assert.match(yaml, /back: \$\{double\(schema\.spec\.n\) in schema\.spec\.ds\}/);
  assert.doesNotMatch(yaml, /schema\.spec\.x in schema\.spec\.ints\}/);
});

test('compiled and JavaScript agree on several specs', () => {
  for (const spec of [
    { ints: [1, 2], x: 2, n: 1, ds: [0.5, 1] },
    { ints: [1, 2, 3], x: 2.5, n: 3, ds: [] },
    { ints: [], x: 0, n: 0, ds: [0] },
    { ints: [7, 7], x: 7, n: 2, ds: [2, 2.5, 2] },
  ]) {
    const report = runCase('numeric-search', { composition: app as never, spec, specs: [spec] });
    assert.ok(report.evaluations > 0);
    assert.deepEqual(report.findings, [], JSON.stringify(spec));
  }
});
