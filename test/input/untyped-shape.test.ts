/**
 * An untyped spec field (`'unknown'`, the items of `'unknown[]'`) given a scalar or a list (trial 21 F3b): arktype
 * takes any value, but KRO's instance schema holds such a field as `object` (x-kubernetes-preserve-unknown-fields),
 * so the API server refused `v: 5` in kro mode while direct mode, `check` and `simulate` deployed it. The spec
 * is refused in every mode and offline renderer alike, naming each field; an object passes, and what an untyped
 * object holds inside (`Record<string, unknown>`) stays free.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { render } from '../../src/testing/index.js';

const app = kubernetesComposition(
  { name: 'untyped-shape', kind: 'UntypedShape', spec: type({ v: 'unknown', 'vals?': 'unknown[]', cfg: 'Record<string, unknown>' }), status: type({ s: 'string' }) },
  () => {
    ConfigMap({ name: 'shape', data: { a: 'b' } });
    return { s: 'x' };
  },
);

const WHY = "the field is untyped ('unknown' in its schema), which KRO's instance schema holds only as an object (a map of fields), so the API server refuses anything else; pass an object, or declare the field's type ('number', 'string', 'string[]', ...)";
const closed = { kubeconfig: '/nonexistent/kubeconfig', timeout: 5_000 };

test('a scalar or a list in an untyped field is refused by both modes and the offline renderers, naming the field', async () => {
  const spec = { v: 5, vals: [{ a: 1 }, 'x', [1]], cfg: { a: 1 } };
  const expected = `invalid spec for composition "untyped-shape":\n  - spec.v is a number: ${WHY}\n  - spec.vals[1] is text: ${WHY}\n  - spec.vals[2] is a list: ${WHY}`;
  for (const factory of [app.factory('direct', closed), app.factory('kro', closed)]) {
    await assert.rejects(factory.deploy(spec), (error: Error & { code?: string }) => error.code === 'SPEC_INVALID' && error.message === expected);
  }
  assert.throws(() => app.instanceYaml(spec), (error: Error) => error.message === expected);
  assert.throws(() => evaluateConcrete(app, spec), (error: Error) => error.message === expected);
  assert.throws(() => render(app, spec), (error: Error) => error.message === expected);
});

test('objects pass, and what an untyped object holds inside is free', () => {
  const spec = { v: { any: [1, 'x'] }, vals: [{ a: 1 }, {}], cfg: { a: 5, b: [1], c: 'x' } };
  assert.deepEqual(evaluateConcrete(app, spec).status, { s: 'x' });
});
