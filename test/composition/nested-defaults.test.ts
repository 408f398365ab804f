/**
 * A child composition reads its option object (`spec.opt.level`), whose fields have defaults: KRO defaults such
 * a struct to `{}` and the API server fills in its fields, so the child alone reads `'std'` (trial 9 T06). The
 * object has an explicit default (`'=', () => ({})`); an optional key (`'opt?'`) is refused, as its type would
 * say `undefined` where KRO creates the object (see src/model/schema/always-present.ts). Nested without `opt`, the definition failed with
 * "reads spec.opt.level without a guard ... (no default either)": the nesting step knew a field's own default
 * but not the struct's implied one. simulate's cross-check holds the compiled status to the JavaScript one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const child = kubernetesComposition(
  {
    name: 'opt-child',
    kind: 'OptChild',
    spec: type({ name: 'string', replicas: 'number.integer = 2', opt: [{ level: "string = 'std'" }, '=', () => ({})] }),
    status: type({ r: 'number.integer', level: 'string' }),
  },
  (spec) => {
    Deployment({ name: spec.name, image: 'x', replicas: spec.replicas });
    return { r: spec.replicas, level: spec.opt.level };
  },
);

test("a nested child's defaulted option object is filled in when the parent leaves it out", () => {
  const parent = kubernetesComposition(
    { name: 'opt-parent', kind: 'OptParent', spec: type({ name: 'string', 'level?': 'string' }), status: type({ r: 'number.integer', level: 'string' }) },
    (spec) => {
      const c = child({ name: `${spec.name}-c` });
      return { r: c.status.r, level: c.status.level };
    },
  );
  assert.deepEqual(simulate(parent, { name: 'a' }).status, { r: 2, level: 'std' });
  assert.deepEqual(simulate(child, { name: 'a' }).status, { r: 2, level: 'std' });
});

test('a nested child given the option object reads what the parent passes, defaults filled in below it', () => {
  const parent = kubernetesComposition(
    { name: 'opt-pass', kind: 'OptPass', spec: type({ name: 'string', level: 'string' }), status: type({ level: 'string', empty: 'string' }) },
    (spec) => {
      const c = child({ name: `${spec.name}-c`, opt: { level: spec.level } });
      const d = child({ name: `${spec.name}-d`, opt: {} });
      return { level: c.status.level, empty: d.status.level };
    },
  );
  for (const level of ['gold', '']) assert.deepEqual(simulate(parent, { name: 'a', level }).status, { level, empty: 'std' });
});
