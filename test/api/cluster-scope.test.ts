/**
 * A cluster-scoped composition in kro mode, offline: its instance has no namespace, and a namespace option
 * other than `default` is refused (KRO requires each namespaced resource to name its namespace, so the option
 * would place nothing; direct mode requires the same, and keeps its instance record there). And a kro deploy's `status` holds only the declared fields, KRO's state and conditions beside it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { KubeConfig } from '@kubernetes/client-node';
import { factoryOf } from '../../src/cli/context.js';
import type { AnyComposition } from '../../src/cli/load.js';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { splitKroStatus } from '../../src/api/factories.js';
import { directMetadataProblem } from '../../src/runtime/engine/variables.js';

const cl = kubernetesComposition(
  { name: 'clapp', apiVersion: 'acme.dev/v1', kind: 'ClApp', scope: 'Cluster', spec: type({ name: 'string' }), status: type({ ns: 'string', where: 'string' }) },
  (spec) => {
    const cm = ConfigMap({ name: spec.name, namespace: 'default', data: { a: 'b' } });
    return { ns: cm.metadata.namespace ?? 'none', where: cm.metadata.name };
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

test('another namespace is refused: in kro mode it would place nothing (direct mode keeps its record there)', () => {
  assert.throws(
    () => cl.factory('kro', { namespace: 'dev' }),
    {
      message:
        'ClApp is cluster-scoped: in kro mode its instance has no namespace and each of its namespaced resources must name its own ' +
        '(KRO requires metadata.namespace), so the namespace option ("dev") would place nothing. Drop the namespace option ' +
        "(direct mode requires the same of each namespaced resource; there the option is only where the instance's record is kept)",
    },
  );
  assert.equal(cl.factory('direct', { namespace: 'dev' }).namespace, 'dev');
});

test("KRO's state and conditions are parted from the declared status; other undeclared fields are dropped", () => {
  const shape = { ns: { $expr: 'x' }, where: { $expr: 'y' } } as never;
  const live = { ns: 'default', where: 'c', state: 'ACTIVE', conditions: [{ type: 'Ready', status: 'True' }], extra: 1 };
  assert.deepEqual(splitKroStatus(shape, live), { declared: { ns: 'default', where: 'c' }, state: 'ACTIVE', conditions: [{ type: 'Ready', status: 'True' }] });
  assert.deepEqual(splitKroStatus(cl.graph.status, live).declared, { ns: 'default', where: 'c' });
  assert.deepEqual(splitKroStatus(cl.graph.status, undefined), { declared: {} });
});

test('instance.metadata.namespace of a cluster-scoped composition is refused with a way out that fits both modes', () => {
  const reads = kubernetesComposition(
    { name: 'clns', apiVersion: 'acme.dev/v1', kind: 'ClNs', scope: 'Cluster', spec: type({ name: 'string' }), status: type({ where: 'string' }) },
    (spec, instance) => {
      ConfigMap({ name: spec.name, namespace: 'default', data: { a: 'b' } });
      return { where: instance.metadata.namespace ?? 'cluster' };
    },
  );
  assert.equal(
    directMetadataProblem(reads.graph),
    'composition "clns" reads schema.metadata.namespace (status.where), which a cluster-scoped instance does not have in either mode (KRO refuses it as well): drop the read, or pass the value through the spec',
  );
});

test("the CLI's kro factory of a cluster-scoped composition takes no namespace from the context, only from -n", () => {
  const kubeConfig = new KubeConfig();
  const any = cl as unknown as AnyComposition; // as the CLI loads it
  const namespaceOf = (f: unknown): unknown => (f as { namespace?: unknown }).namespace;
  assert.equal(namespaceOf(factoryOf(any, 'kro', { kubeConfig, namespace: 'dev', namespaceGiven: false })), 'default');
  assert.throws(() => factoryOf(any, 'kro', { kubeConfig, namespace: 'dev', namespaceGiven: true }), /ClApp is cluster-scoped: in kro mode/);
  assert.equal(namespaceOf(factoryOf(any, 'direct', { kubeConfig, namespace: 'dev', namespaceGiven: false })), 'dev');
});
