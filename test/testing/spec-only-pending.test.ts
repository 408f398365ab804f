/**
 * An expression that reads only the instance's spec and misses data (an optional field without a default,
 * read through `Cel.expr`) can never become available: the spec does not change during a deploy. Offline
 * `render` reports it as an error of the resource, not `needs-cluster`, and direct mode's plan fails it
 * (test/direct/spec-only-pending.cluster.test.ts), as a division by zero of spec values already is (trial 10 K04).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { E } from '../../src/ir/expr.js';
import { readsOnlySpec, settledBySpec } from '../../src/runtime/engine/spec-only.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { findResource, render } from '../../src/testing/index.js';

const merged = kubernetesComposition(
  { name: 'merged', apiVersion: 'k.typekro.dev/v1alpha1', kind: 'Merged', spec: type({ name: 'string', 'config?': 'Record<string, string>' }), status: type({ name: 'string' }) },
  (spec) => {
    ConfigMap({ id: 'cm', name: spec.name, data: Cel.expr<Record<string, string>>('{"team": "t"}.merge(', spec.config, ')') });
    const web = Deployment({ id: 'web', name: spec.name, image: 'nginx' });
    ConfigMap({ id: 'copy', name: `${spec.name}-copy`, data: { ready: Cel.expr<string>('string(', web.status.readyReplicas, ')') } });
    return { name: spec.name };
  },
);

describe('an expression only the spec decides', () => {
  it('is an error offline when its data is missing; one reading a resource still needs the cluster', () => {
    const result = render(merged, { name: 'm' });
    assert.deepEqual(result.resources.map((r) => [r.id, r.state]), [['cm', 'error'], ['web', 'rendered'], ['copy', 'needs-cluster']]);
    assert.equal(
      findResource(result, 'cm').reason,
      "data: No such key: config (the expression reads only the instance's spec, which stays as it is for the whole deploy, so the data never arrives: give the spec field a default in the schema, or `?? default` in the composition)",
    );
    const given = render(merged, { name: 'm', config: { a: '1', team: 'mine' } });
    assert.deepEqual(given.resources.map((r) => [r.id, r.state]), [['cm', 'rendered'], ['web', 'rendered'], ['copy', 'needs-cluster']]);
  });

  it('is told apart by what the expression reads', () => {
    const spec = (...fields: string[]) => E.path('schema', 'spec', ...fields);
    assert.equal(readsOnlySpec(spec('config')), true);
    assert.equal(readsOnlySpec(E.binary('+', spec('a'), E.int(1))), true);
    assert.equal(readsOnlySpec(E.macro('map', spec('list'), 'x', E.select(E.ident('x'), 'name'))), true);
    assert.equal(readsOnlySpec(E.select(E.ident('item'), 'name'), new Set(['item'])), true);
    assert.equal(readsOnlySpec(E.select(E.ident('item'), 'name')), false);
    assert.equal(readsOnlySpec(E.path('web', 'status', 'readyReplicas')), false);
    assert.equal(readsOnlySpec(E.binary('+', spec('a'), E.path('web', 'status', 'n'))), false);
    // direct mode assigns some instance metadata (uid) only with an instance
    assert.equal(readsOnlySpec(E.path('schema', 'metadata', 'uid')), false);
    const pending = { kind: 'pending', reason: 'No such key: x' } as const;
    assert.equal(settledBySpec(pending, spec('x')).kind, 'error');
    assert.equal(settledBySpec(pending, E.path('web', 'status', 'x')).kind, 'pending');
  });
});
