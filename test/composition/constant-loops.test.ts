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

test('names declared in separate loops are separate names, as JavaScript scopes them by block', () => {
  const app = kubernetesComposition({ ...definition, name: 'block-names' }, (spec) => {
    // Each `x` is seen in its own loop only: once refused as "declared more than once", and before that the
    // value JavaScript computed on placeholders was kept (`"a"`, whatever spec.prod says).
    for (const t of ['a', 'b']) {
      const x = spec.prod ? t : 'n';
      ConfigMap({ name: `a-${t}`, data: { v: x } });
    }
    for (const t of ['c']) {
      const x = spec.n > 1 ? t : 'm';
      ConfigMap({ name: `b-${t}`, data: { v: x } });
    }
    return { v: 1 };
  });
  const resources = rgdOf(app as never).spec.resources.map((r) => [r.template.metadata.name, r.template.data]);
  assert.deepEqual(resources, [
    ['a-a', { v: '${schema.spec.prod ? "a" : "n"}' }],
    ['a-b', { v: '${schema.spec.prod ? "b" : "n"}' }],
    ['b-c', { v: '${schema.spec.n > 1 ? "c" : "m"}' }],
  ]);
});

test('a loop variable reused by a loop over a spec list in a skipped branch is that loop\'s item', () => {
  const app = kubernetesComposition({ ...definition, name: 'reused-item', spec: type({ env: 'string', tags: 'string[]', prod: 'boolean' }) }, (spec) => {
    for (const t of ['a', 'b']) {
      if (spec.prod) ConfigMap({ name: `p-${t}`, data: {} });
      else ConfigMap({ name: `q-${t}`, data: {} });
    }
    // JavaScript skipped this branch (a placeholder compares as text); TypeKro makes it from source after the
    // `else` calls above, whose item `t` it had bound: that binding must not outlive them.
    if (spec.env < 'b') {
      for (const t of spec.tags) ConfigMap({ name: `tag-${t}`, data: {} });
    }
    return { v: 1 };
  });
  const tagged = rgdOf(app as never).spec.resources.find((r) => r.template.metadata.name.startsWith('tag-'));
  assert.equal(tagged?.template.metadata.name, 'tag-${t}');
});

test('a condition on the item alone that CEL does not fold is decided per item, as JavaScript decided it', () => {
  const app = kubernetesComposition({ ...definition, name: 'item-unfolded' }, (spec) => {
    for (const t of ['a', 'b-c', 'Zz']) {
      // `size("a")` is not folded, but the condition reads only the item: JavaScript's answer for each item counts.
      if (0 >= t.length) ConfigMap({ name: `never-${t}`, data: { v: spec.env + t } });
      else if (t.length > 1 && t.split('-').some((part) => part === 'c')) ConfigMap({ name: `dash-${t.toLowerCase()}`, data: { v: spec.env || t } });
      else ConfigMap({ name: `other-${t.toLowerCase()}`, data: { v: spec.env || t } });
    }
    return { v: 1 };
  });
  const resources = rgdOf(app as never).spec.resources.map((r) => [r.template.metadata.name, r.template.data, r.includeWhen]);
  assert.deepEqual(resources, [
    ['other-a', { v: '${schema.spec.env != "" ? schema.spec.env : "a"}' }, undefined],
    ['dash-b-c', { v: '${schema.spec.env != "" ? schema.spec.env : "b-c"}' }, undefined],
    ['other-zz', { v: '${schema.spec.env != "" ? schema.spec.env : "Zz"}' }, undefined],
  ]);
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
