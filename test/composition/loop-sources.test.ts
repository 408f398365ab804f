/**
 * What a loop walks: a spec list, a list filtered in CEL (`spec.tags.filter(...)`, compiled to the forEach
 * source), or a constant array around a loop over a reference (a JavaScript loop: the forEach iterator is the
 * inner loop's variable). A list JavaScript computed from a reference with `.map` cannot be walked per item
 * in the cluster: refused where the loop is written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse, parseAllDocuments } from 'yaml';
import { CompositionSyntaxError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn, where } from '../support/refusals.js';

const { locate } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'loops.typekro.dev/v1alpha1',
  spec: type({ tags: '/^[ -~]*$/[]', min: 'number' }),
  status: type({ count: 'number' }),
};

interface Rgd {
  spec: { resources: { id: string; forEach: Record<string, string>[]; template: { metadata: { name: string }; data: Record<string, string> } }[] };
}

async function directNames(app: { factory(mode: 'direct', options: { namespace: string }): { toYaml(spec: unknown): Promise<string> } }, spec: unknown): Promise<string[]> {
  const yaml = await app.factory('direct', { namespace: 'dev' }).toYaml(spec);
  return parseAllDocuments(yaml).map((doc) => (doc.toJSON() as { metadata: { name: string } }).metadata.name);
}

test('a loop over spec.tags.filter(...) is a forEach over the CEL filter, and makes only the kept items', async () => {
  const app = kubernetesComposition({ ...definition, name: 'filtered', kind: 'Filtered' }, (spec) => {
    for (const t of spec.tags.filter((x) => x !== '' && x.length > spec.min)) ConfigMap({ name: `f-${t}`, data: { v: t.toUpperCase() } });
    return { count: spec.tags.length };
  });
  const [resource] = (parse(app.toYaml()) as Rgd).spec.resources;
  assert.deepEqual(resource!.forEach, [{ t: '${schema.spec.tags.filter(x, x != "" && double(size(x)) > schema.spec.min)}' }]);
  assert.equal(resource!.template.metadata.name, 'f-${t}');
  assert.equal(resource!.template.data.v, '${t.upperAscii()}');
  assert.deepEqual(await directNames(app, { tags: ['a', '', 'bcd', 'ef'], min: 1 }), ['f-bcd', 'f-ef']);
});

test('.filter(...).map(...) makes a collection over the filtered list', async () => {
  const app = kubernetesComposition({ ...definition, name: 'filtered-map', kind: 'FilteredMap' }, (spec) => {
    const kept = spec.tags.filter((x) => x.startsWith('k')).map((t) => ConfigMap({ name: `m-${t}`, data: { v: t } }));
    return { count: kept.length };
  });
  const [resource] = (parse(app.toYaml()) as Rgd).spec.resources;
  assert.equal(resource!.id, 'kept');
  assert.deepEqual(resource!.forEach, [{ t: '${schema.spec.tags.filter(x, x.startsWith("k"))}' }]);
  assert.deepEqual(await directNames(app, { tags: ['ka', 'b', 'kc'], min: 0 }), ['m-ka', 'm-kc']);
});

test('a constant array around a loop over a reference: the forEach item is the inner variable', async () => {
  const app = kubernetesComposition({ ...definition, name: 'envs', kind: 'Envs' }, (spec) => {
    for (const env of ['dev', 'prod']) {
      for (const t of spec.tags) ConfigMap({ name: `${env}-${t}`, data: { env, tag: t } });
    }
    return { count: spec.tags.length };
  });
  const resources = (parse(app.toYaml()) as Rgd).spec.resources;
  assert.deepEqual(resources.map((r) => r.forEach), [[{ t: '${schema.spec.tags}' }], [{ t: '${schema.spec.tags}' }]]);
  assert.deepEqual(resources.map((r) => r.template.data), [{ env: 'dev', tag: '${t}' }, { env: 'prod', tag: '${t}' }]);
  assert.deepEqual(await directNames(app, { tags: ['a', 'b'], min: 0 }), ['dev-a', 'dev-b', 'prod-a', 'prod-b']);
});

test('a loop over a list JavaScript computed from a reference with .map is refused where it is written', () => {
  const define = (): unknown =>
    kubernetesComposition({ ...definition, name: 'mapped', kind: 'Mapped' }, (spec) => {
      for (const t of spec.tags.map((x) => `${x}-a`)) ConfigMap({ name: `s-${t}`, data: { v: t } });
      return { count: spec.tags.length };
    });
  assert.throws(define, (error: unknown) => {
    assert.ok(error instanceof CompositionSyntaxError);
    assert.equal(
      error.message,
      `${where(locate("'mapped'", 'spec.tags.map'))}: this loop walks a list JavaScript computed from a reference: the computation ran once, at definition time, on a placeholder, so the loop would not run once per item in the cluster\n` +
        '    spec.tags.map((x) => `${x}-a`)\n' +
        '  hint: loop over the reference itself and compute inside the loop (for (const x of spec.items) { const name = `${x}-a`; ... }), or filter it with .filter(...)',
    );
    return true;
  });
});

test('a loop over spec.list ?? [] keeps the default: no items when the list is absent, as in JavaScript', async () => {
  const app = kubernetesComposition(
    { apiVersion: 'loops.typekro.dev/v1alpha1', name: 'defaulted', kind: 'Defaulted', spec: type({ 'regions?': 'string[]' }), status: type({ count: 'number' }) },
    (spec) => {
      for (const r of spec.regions ?? []) ConfigMap({ name: `r-${r}`, data: { r } });
      return { count: 1 };
    },
  );
  const [resource] = (parse(app.toYaml()) as Rgd).spec.resources;
  assert.deepEqual(resource!.forEach, [{ r: '${schema.spec.?regions.orValue([])}' }]);
  assert.deepEqual(await directNames(app, {}), []);
  assert.deepEqual(await directNames(app, { regions: ['a', 'b'] }), ['r-a', 'r-b']);
});
