/**
 * Two resources whose names are the same expression (`${spec.n}-cm` twice, or a nested composition's
 * `${instance.metadata.name}-cm` used twice) make one object for every spec: refused when the composition is
 * defined, like two literal names, since the RGD (`toYaml`, `typekro check`) never sees a concrete spec (trial 20
 * F7). Namespaces must be the same too (absent is the instance's; a cluster-scoped kind has none).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { clusterRole, configMap, kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const definition = {
  apiVersion: 'samename.typekro.dev/v1alpha1',
  kind: 'SameName',
  spec: type({ n: /^[a-z]+$/, ns: /^[a-z]+$/, other: /^[a-z]+$/, a: 'string', b: 'string', on: 'boolean' }),
  status: type({}),
};
const tail = ': their names are the same expression, so for every spec one object would hold the last one\'s content\n  hint: give each resource its own name';

test('two resources named by the same template are refused, shown as written', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'same-template' }, (spec) => {
      ConfigMap({ name: `${spec.n}-cm`, data: { v: spec.a } });
      ConfigMap({ id: 'second', name: `${spec.n}-cm`, data: { v: spec.b } });
      return {};
    })),
    `${at("'same-template'", "ConfigMap({ id: 'second")}: resources "configMap" and "second" both make ConfigMap "\${spec.n}-cm"${tail}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'same-field' }, (spec) => {
      ConfigMap({ id: 'first', name: spec.n, data: { v: spec.a } });
      ConfigMap({ id: 'second', name: spec.n, data: { v: spec.b } });
      return {};
    })),
    `${at("'same-field'", "ConfigMap({ id: 'second")}: resources "first" and "second" both make ConfigMap "\${spec.n}"${tail}`,
  );
});

test('a nested composition naming its object from its instance name, used twice, is refused', () => {
  const child = kubernetesComposition(
    { name: 'same-child', kind: 'SameChild', apiVersion: 'samename.typekro.dev/v1alpha1', spec: type({ v: 'string' }), status: type({}) },
    (spec, instance) => {
      ConfigMap({ name: `${instance.metadata.name}-cm`, data: { v: spec.v } });
      return {};
    },
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'same-nested' }, (spec) => {
      child({ v: spec.a });
      child({ v: spec.b });
      return {};
    })),
    `${at("'same-child'", 'ConfigMap(')}: resources "sameChildConfigMap" and "sameChild2ConfigMap" both make ConfigMap "\${instance.metadata.name}-cm"${tail}`,
  );
});

test('namespaces must be the same expression too; an absent one is the instance\'s', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'same-namespace' }, (spec) => {
      configMap({ id: 'first', metadata: { name: `${spec.n}-cm`, namespace: spec.ns }, data: { v: spec.a } });
      configMap({ id: 'second', metadata: { name: `${spec.n}-cm`, namespace: spec.ns }, data: { v: spec.b } });
      return {};
    })),
    `${at("'same-namespace'", "configMap({ id: 'second")}: resources "first" and "second" both make ConfigMap "\${spec.n}-cm" in namespace \${spec.ns}${tail}`,
  );
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'instance-namespace' }, (spec, instance) => {
      configMap({ id: 'first', metadata: { name: `${spec.n}-cm` }, data: { v: spec.a } });
      configMap({ id: 'second', metadata: { name: `${spec.n}-cm`, namespace: instance.metadata.namespace }, data: { v: spec.b } });
      return {};
    })),
    `${at("'instance-namespace'", "configMap({ id: 'second")}: resources "first" and "second" both make ConfigMap "\${spec.n}-cm"${tail}`,
  );
  // Namespaces that may differ: accepted here (the planner checks each concrete spec).
  const accepted = kubernetesComposition({ ...definition, name: 'other-namespaces' }, (spec) => {
    configMap({ id: 'first', metadata: { name: `${spec.n}-cm` }, data: { v: spec.a } });
    configMap({ id: 'second', metadata: { name: `${spec.n}-cm`, namespace: spec.ns }, data: { v: spec.b } });
    configMap({ id: 'third', metadata: { name: `${spec.n}-cm`, namespace: 'dev' }, data: { v: spec.b } });
    configMap({ id: 'fourth', metadata: { name: `${spec.n}-cm`, namespace: spec.other }, data: { v: spec.b } });
    return {};
  });
  assert.equal(accepted.graph.resources.length, 4);
});

test('a cluster-scoped kind has no namespace: two namespaces do not tell its objects apart', () => {
  assert.equal(
    refusal(() => kubernetesComposition({ ...definition, name: 'cluster-scoped' }, (spec) => {
      clusterRole({ id: 'first', metadata: { name: `${spec.n}-role`, namespace: spec.ns }, rules: [] });
      clusterRole({ id: 'second', metadata: { name: `${spec.n}-role`, namespace: spec.other }, rules: [] });
      return {};
    })),
    `${at("'cluster-scoped'", "clusterRole({ id: 'second")}: resources "first" and "second" both make ClusterRole "\${spec.n}-role"${tail}`,
  );
});

test('different expressions, other kinds and exclusive branches are accepted', () => {
  const graph = kubernetesComposition({ ...definition, name: 'same-accepted' }, (spec) => {
    ConfigMap({ id: 'a', name: `${spec.n}-a`, data: { v: spec.a } });
    ConfigMap({ id: 'b', name: `${spec.n}-b`, data: { v: spec.b } });
    ConfigMap({ id: 'c', name: `${spec.other}-a`, data: { v: spec.b } });
    clusterRole({ id: 'd', metadata: { name: `${spec.n}-a` }, rules: [] });
    if (spec.on) ConfigMap({ id: 'e', name: `${spec.n}-e`, data: { v: spec.a } });
    else ConfigMap({ id: 'f', name: `${spec.n}-e`, data: { v: spec.b } });
    return {};
  });
  assert.equal(graph.graph.resources.length, 6);
  assert.ok(graph.toYaml().includes('${schema.spec.n}-e'));
});
