/**
 * What a parent passes that may be absent, into a nested composition's defaulted or optional field: the
 * child's default applies where JavaScript passes `undefined` (trial 9 T06, trial 8 T05). The CEL forms,
 * simulate's JavaScript-checked status on specs with and without the fields, and what stays refused
 * (a required child field, a value computed from the absent one). The cases' full differential run is
 * test/differential/nested-default-cases.ts; cel-go agreement nested-defaults-cel.go.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { defaultsChild, wholeChild } from '../differential/nested-default-cases.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, definitionError, at } = refusalsIn(import.meta.filename);
const apiVersion = 'nestdefaults.typekro.dev/v1alpha1';
const status = type({ r: 'number.integer', size: 'string', level: 'string' });

test("a parent's optional field into the child's defaulted field reads `?.orValue(default)`; JavaScript's values", () => {
  const parent = kubernetesComposition(
    { name: 'npd-replicas', apiVersion, kind: 'NpdReplicas', spec: type({ name: 'string', 'replicas?': 'number.integer', 'db?': { 'size?': "'small' | 'large'" }, 'opt?': { 'level?': 'string' } }), status },
    (spec) => {
      const c = defaultsChild({ name: spec.name, replicas: spec.replicas, size: spec.db?.size, opt: spec.opt });
      return { r: c.status.r, size: c.status.size, level: c.status.level };
    },
  );
  const yaml = parent.toYaml();
  assert.match(yaml, /replicas: \$\{schema\.spec\.\?replicas\.orValue\(2\)\}/);
  assert.match(yaml, /size: \$\{schema\.spec\.\?db\.\?size\.orValue\("small"\)\}/);
  assert.match(yaml, /level: '\$\{has\(schema\.spec\.opt\) \? schema\.spec\.opt\.\?level\.orValue\("std"\) : "std"\}'/);
  assert.deepEqual(simulate(parent, { name: 'a' }).status, { r: 2, size: 'unset', level: 'std' });
  assert.deepEqual(simulate(parent, { name: 'b', db: {}, opt: {} }).status, { r: 2, size: 'unset', level: 'std' });
  assert.deepEqual(simulate(parent, { name: 'c', replicas: 0, db: { size: 'large' }, opt: { level: '' } }).status, { r: 0, size: 'large', level: '' });
});

test('an explicit `undefined` for a defaulted key takes the default, as a missing key does (the API server never sees `undefined`)', () => {
  // arktype itself refuses `{ replicas: undefined }` for `'number.integer = 2'`; a spec sent to Kubernetes is
  // JSON, where the key does not exist, and the child's defaults fill it (as validateSpec does for an instance).
  const parent = kubernetesComposition(
    { name: 'npd-undefined', apiVersion, kind: 'NpdUndefined', spec: type({ name: 'string', on: 'boolean' }), status },
    (spec) => {
      const c = defaultsChild({ name: spec.name, replicas: undefined, size: spec.on ? 'large' : undefined });
      return { r: c.status.r, size: c.status.size, level: c.status.level };
    },
  );
  assert.deepEqual(simulate(parent, { name: 'a', on: false }).status, { r: 2, size: 'unset', level: 'std' });
  assert.deepEqual(simulate(parent, { name: 'a', on: true }).status, { r: 2, size: 'large', level: 'std' });
});

const strictChild = kubernetesComposition(
  { name: 'npd-strict', apiVersion, kind: 'NpdStrict', spec: type({ name: 'string', replicas: 'number.integer = 2' }), status: type({ r: 'number.integer' }) },
  (spec) => ({ r: spec.replicas }),
);
const parentSpec = type({ name: 'string', 'n?': 'number.integer', 'db?': { 'name?': 'string' } });

test('an optional chain into a required child field is refused, naming the field', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'npd-required', apiVersion, kind: 'NpdRequired', spec: parentSpec, status: type({ r: 'number.integer' }) }, (spec) => {
      const c = strictChild({ name: spec.db?.name });
      return { r: c.status.r };
    }),
  );
  assert.equal(
    message,
    `${at("'npd-required'", 'spec.db?.name')}: \`name\` may be \`undefined\` here, depending on the spec or the cluster, and what JavaScript makes of \`undefined\` there cannot be written in CEL\n    spec.db?.name\n  hint: write the value JavaScript would use instead of \`undefined\` (e.g. \`cond ? 3 : 1\` when the factory's default is 1), choose between whole values (\`cond ? { key: 'v' } : {}\`), or create the resource under a condition (\`if (cond) ...\`)`,
  );
});

test('a value computed from an absent field is refused even where the child has a default (JavaScript computes NaN)', () => {
  const message = refusal(() =>
    kubernetesComposition({ name: 'npd-computed', apiVersion, kind: 'NpdComputed', spec: parentSpec, status: type({ r: 'number.integer' }) }, (spec) => {
      const c = strictChild({ name: spec.name, replicas: spec.n! + 1 });
      return { r: c.status.r };
    }),
  );
  assert.equal(
    message,
    `${at("'npd-computed'", 'spec.n!')}: \`replicas\` is set from an optional spec field without a default: when the instance leaves it out, JavaScript computes with \`undefined\` (the text "undefined", NaN in arithmetic), and TypeKro refuses to write such a value\n    spec.n\n  hint: give it a default where it is used (\`spec.n ?? <default>\`) or in the spec type (e.g. \`name: 'string = "x"'\`), make it required, or create the resource only when it is set (\`if (spec.n) ...\`)`,
  );
});

test('a child reading an object whole, given a field that may be absent and has no default, is refused', () => {
  const message = definitionError(() =>
    kubernetesComposition({ name: 'npd-whole', apiVersion, kind: 'NpdWhole', spec: parentSpec, status: type({ ok: 'boolean' }) }, (spec) => {
      wholeChild({ name: spec.name, opt: { level: 'x', mode: spec.db?.name } });
      return { ok: true };
    }),
  );
  assert.equal(
    message,
    `${at("'npd-whole'", 'wholeChild(')}: nested composition "whole-child" reads spec.opt as a whole object, and the parent passes its field mode as a value that may be absent: KRO cannot leave a key of an object out by a condition; give it a default where it is passed (\`?? ...\`) or in the child's spec type`,
  );
});
