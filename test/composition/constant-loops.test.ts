/**
 * Local constants in compiled expressions (issue 10, trial D25/D29/D30), as the RGD shows them: the item of
 * a loop over a constant list folds into each resource's CEL, a status built in a local with spreads is
 * compiled field by field, and a lookup table over an enumerated key is a CEL map literal. Their meaning is
 * checked against JavaScript in test/differential/constant-cases.ts; refusals are in the rejection goldens.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';

interface Rgd {
  spec: { schema: { status: Record<string, unknown> }; resources: { id: string; includeWhen?: string[]; template: { metadata: { name: string }; data?: Record<string, string> } }[] };
}
const rgdOf = (app: { graph: never }): Rgd => compileRgd(app.graph) as unknown as Rgd;
const definition = {
  apiVersion: 'constants.typekro.dev/v1alpha1',
  kind: 'Constants',
  spec: type({ env: 'string', n: 'number.integer', prod: 'boolean', size: "'small' | 'large'" }),
  status: type({ v: 'number' }),
};

function modeMap(name: string, on: boolean) {
  return ConfigMap({ name, data: { mode: on ? 'on' : 'off' } });
}

test('the item of a loop over a constant list is a constant in each resource', () => {
  const app = kubernetesComposition({ ...definition, name: 'items' }, (spec) => {
    for (const e of ['dev', 'prod']) ConfigMap({ id: e, name: `cm-${e}`, data: { mine: spec.env === e ? 'me' : 'other' } });
    ['x', 'y'].map((n) => modeMap(`mode-${n}`, n === 'x' ? spec.prod : !spec.prod));
    for (let i = 0; i < 2; i++) ConfigMap({ name: `c${i}`, data: { b: spec.n > i ? 'gt' : 'le' } });
    for (const e of ['dev', 'stage']) if (e !== 'dev') ConfigMap({ name: `only-${e}`, data: { on: spec.env === e ? 'yes' : 'no' } });
    return { v: 1 };
  });
  const resources = rgdOf(app as never).spec.resources.map((r) => [r.template.metadata.name, r.template.data]);
  assert.deepEqual(resources, [
    ['cm-dev', { mine: '${schema.spec.env == "dev" ? "me" : "other"}' }],
    ['cm-prod', { mine: '${schema.spec.env == "prod" ? "me" : "other"}' }],
    ['mode-x', { mode: '${schema.spec.prod ? "on" : "off"}' }],
    ['mode-y', { mode: '${!schema.spec.prod ? "on" : "off"}' }],
    ['c0', { b: '${schema.spec.n > 0 ? "gt" : "le"}' }],
    ['c1', { b: '${schema.spec.n > 1 ? "gt" : "le"}' }],
    ['only-stage', { on: '${schema.spec.env == "stage" ? "yes" : "no"}' }],
  ]);
});

test('a status built in a local from a spread, returned by name, and a lookup table', () => {
  const app = kubernetesComposition(
    { ...definition, name: 'status-local', status: type({ ready: 'boolean', img: 'string', replicas: 'number' }) },
    (spec) => {
      const web = Deployment({ id: 'web', name: 'web', image: spec.prod ? 'a' : 'b' });
      const sizes = { small: 1, large: 3 };
      const base = { ready: (web.status.readyReplicas ?? 0) > 0, img: 'base' };
      const status = { ...base, img: spec.prod ? 'a' : 'b', replicas: sizes[spec.size] };
      return status as { ready: boolean; img: string; replicas: number };
    },
  );
  assert.deepEqual(rgdOf(app as never).spec.schema.status, {
    ready: '${web.?status.?readyReplicas.orValue(0) > 0}',
    img: '${schema.spec.prod ? "a" : "b"}',
    replicas: '${{"large": 3, "small": 1}[schema.spec.size]}',
  });
});

test('Object.keys/values/entries of a local literal whose values are references: one resource per key (trial 4, F17)', async () => {
  const { simulate } = await import('../../src/testing/index.js');
  const app = kubernetesComposition({ ...definition, name: 'keyed' }, (spec) => {
    const envs = { dev: spec.n, prod: 3 };
    for (const name of Object.keys(envs)) ConfigMap({ name: `keys-${name}`, data: { a: 'b' } });
    for (const e of Object.entries(envs)) {
      const [name, count] = e;
      ConfigMap({ name: `entries-${name}`, data: { count: String(count) } });
    }
    for (const count of Object.values(envs)) ConfigMap({ name: `values-${count}`, data: { a: 'b' } });
    return { v: 1 };
  });
  const resources = rgdOf(app as never).spec.resources.map((r) => [r.template.metadata.name, r.template.data]);
  assert.deepEqual(resources, [
    ['keys-dev', { a: 'b' }],
    ['keys-prod', { a: 'b' }],
    ['entries-dev', { count: '${string(schema.spec.n)}' }],
    ['entries-prod', { count: '3' }],
    ['values-${string(schema.spec.n)}', { a: 'b' }],
    ['values-3', { a: 'b' }],
  ]);
  simulate(app, { env: 'x', n: 2, prod: true, size: 'small' as const });
});
