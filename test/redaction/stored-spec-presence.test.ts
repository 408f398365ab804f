/**
 * Direct mode's instance record keeps the spec without its secrets (`storedSpecOf`), and `status` without a
 * spec reads that copy; what reads a secret taken out of it is not known from it (`readsSpecPaths`). A secret
 * path ending in `*` (the values of a map or list: a map marked `sensitive` per value, or a whole map written
 * to a Secret's `stringData`) is taken out with its map: whether the map is there is not known either, so a
 * status field testing it must not be computed from the copy (it would say `false` where the spec had it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition, sensitive } from '../../src/index.js';
import { Secret } from '../../src/simple.js';
import { readsSpecPaths, sensitivePaths, storedSpecOf } from '../../src/api/sensitive.js';
import type { Expr } from '../../src/ir/expr.js';

const app = kubernetesComposition(
  {
    name: 'stored-presence',
    apiVersion: 'test.typekro.dev/v1alpha1',
    kind: 'StoredPresence',
    spec: type({ 'creds?': 'Record<string, string>', 'keys?': { '[string]': sensitive(type('string')) }, 'plain?': 'Record<string, string>' }),
    status: type({ hasCreds: 'boolean', hasKeys: 'boolean', hasPlain: 'boolean' }),
  },
  (spec) => {
    Secret({ id: 'whole', name: 'whole', stringData: spec.creds });
    return { hasCreds: spec.creds !== undefined, hasKeys: spec.keys !== undefined, hasPlain: spec.plain !== undefined };
  },
);

const status = app.graph.status as Readonly<Record<string, { readonly expr: Expr }>>;

test('a map whose values are secret is taken out whole, and a test of its presence is not known from the stored copy', () => {
  const { spec, unstored } = storedSpecOf(app.graph, { creds: { a: 'x' }, keys: { b: 'y' }, plain: { c: 'z' } });
  assert.deepEqual(spec, { plain: { c: 'z' } });
  assert.deepEqual(unstored.map((path) => path.join('.')).sort(), ['creds', 'creds.*', 'keys.*']);
  assert.equal(readsSpecPaths(app.graph, status['hasKeys']!.expr, unstored), true);
  assert.equal(readsSpecPaths(app.graph, status['hasCreds']!.expr, unstored), true);
  assert.equal(readsSpecPaths(app.graph, status['hasPlain']!.expr, unstored), false);
});

test('a whole map in a Secret\'s stringData makes its values secret, as sensitive on each value does', () => {
  const whole = kubernetesComposition(
    { name: 'stored-whole', apiVersion: 'test.typekro.dev/v1alpha1', kind: 'StoredWhole', spec: type({ creds: 'Record<string, string>' }), status: type({ n: 'number' }) },
    (spec) => {
      Secret({ id: 'whole', name: 'whole', stringData: spec.creds });
      return { n: Object.keys(spec.creds).length };
    },
  );
  assert.deepEqual(sensitivePaths(whole.graph), [['creds', '*']]);
  assert.deepEqual(storedSpecOf(whole.graph, { creds: { a: 'x' } }).spec, {});
});
