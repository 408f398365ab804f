/**
 * A cluster-scoped composition in kro mode, offline: its instance has no namespace, and the namespace option
 * means what it means in direct mode (where the namespaced resources that name none go), which KRO fixes at
 * `default`. And a kro deploy's `status` holds only the declared fields, KRO's state and conditions beside it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { splitKroStatus } from '../../src/api/factories.js';
import { directMetadataProblem } from '../../src/runtime/engine/variables.js';

const cl = kubernetesComposition(
  { name: 'clapp', apiVersion: 'acme.dev/v1', kind: 'ClApp', scope: 'Cluster', spec: type({ name: 'string' }), status: type({ ns: 'string', where: 'string' }) },
  (spec, instance) => {
    const cm = ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { ns: cm.metadata.namespace ?? 'none', where: instance.metadata.namespace ?? 'cluster' };
  },
);

test('the kro factory of a cluster-scoped composition renders an instance without a namespace', () => {
  for (const options of [{}, { namespace: undefined }, { namespace: 'default' }]) {
    const factory = cl.factory('kro', options);
    assert.equal(factory.namespace, 'default');
    assert.equal(factory.toYaml({ name: 'c-kro' }), cl.instanceYaml({ name: 'c-kro' }));
    assert.doesNotMatch(factory.toYaml({ name: 'c-kro' }), /namespace/);
  }
});

test('another namespace is refused: KRO cannot move the namespaced resources there (direct mode can)', () => {
  assert.throws(
    () => cl.factory('kro', { namespace: 'dev' }),
    {
      message:
        'ClApp is cluster-scoped: in kro mode KRO puts its namespaced resources that name no namespace in namespace default, ' +
        'and the namespace option ("dev") cannot move them. Drop the namespace option (or pass "default"), set metadata.namespace ' +
        "on those resources, or deploy with factory('direct'), where the namespace option is their namespace",
    },
  );
  assert.equal(cl.factory('direct', { namespace: 'dev' }).namespace, 'dev');
});

test('instance.metadata.namespace of a cluster-scoped composition is absent in both modes: direct mode takes it', () => {
  assert.equal(directMetadataProblem(cl.graph), undefined);
});

test("KRO's state and conditions are parted from the declared status; other undeclared fields are dropped", () => {
  const shape = { ns: { $expr: 'x' }, where: { $expr: 'y' } } as never;
  const live = { ns: 'default', where: 'cluster', state: 'ACTIVE', conditions: [{ type: 'Ready', status: 'True' }], extra: 1 };
  assert.deepEqual(splitKroStatus(shape, live), { declared: { ns: 'default', where: 'cluster' }, state: 'ACTIVE', conditions: [{ type: 'Ready', status: 'True' }] });
  assert.deepEqual(splitKroStatus(cl.graph.status, live).declared, { ns: 'default', where: 'cluster' });
  assert.deepEqual(splitKroStatus(cl.graph.status, undefined), { declared: {} });
});
