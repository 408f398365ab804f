/**
 * Which objects of a kro-mode instance the ownership check can name before KRO applies anything: names from
 * the spec, names built from other objects' names (rendered objects stand in for live ones), and not names
 * that need an object's status.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { E } from '../../src/ir/expr.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { checkObjectNames, prepareGraph } from '../../src/runtime/engine/index.js';
import { kroChildren } from '../../src/runtime/kro/ownership.js';
import { configMap, graph, node, spec, x } from '../direct/support.js';

it('names children from the spec and from other children\'s names, in the instance namespace; leaves out names that need cluster data', async () => {
  const prepared = prepareGraph(
    graph('kc', [
      configMap('config', 'config'),
      node('copy', 'v1', 'ConfigMap', { metadata: { name: x(E.template([E.path('config', 'metadata', 'name'), '-copy'])) } }),
      node('late', 'v1', 'ConfigMap', { metadata: { name: x(E.path('config', 'metadata', 'uid')) } }),
      node('role', 'rbac.authorization.k8s.io/v1', 'ClusterRole', { metadata: { name: x(spec('name')) } }),
    ]),
    createCelEngine(),
  );
  const namespaced = async (_apiVersion: string, kind: string) => kind !== 'ClusterRole';
  const children = await kroChildren(prepared, { kind: 'DirectTest', name: 'shop', namespace: 'dev', spec: { name: 'shop', value: 'v', replicas: 1, flag: true } }, namespaced);
  assert.deepEqual(
    children.manifests.map((c) => [c.resourceId, c.manifest]),
    [
      ['config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-config', namespace: 'dev' } }],
      ['role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'shop' } }],
      ['copy', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-config-copy', namespace: 'dev' } }],
    ],
  );
  assert.deepEqual(children.unchecked, ['late']);
});

it('keeps the composition\'s labels and annotations, so the name check refuses a label value before anything is applied (trial 16)', async () => {
  const prepared = prepareGraph(graph('kc', [node('labelled', 'v1', 'ConfigMap', { metadata: { name: 'fixed', labels: { team: x(spec('value')) }, annotations: { note: 'n' } } })]), createCelEngine());
  const children = await kroChildren(prepared, { kind: 'DirectTest', name: 'shop', namespace: 'dev', spec: { name: 'shop', value: '  x ', replicas: 1, flag: true } }, async () => true);
  assert.deepEqual(children.manifests.map((c) => c.manifest.metadata), [{ name: 'fixed', namespace: 'dev', labels: { team: '  x ' }, annotations: { note: 'n' } }]);
  assert.throws(() => checkObjectNames(prepared, children.manifests, { nothingApplied: true }), (error: Error) => error.name === 'InvalidObjectNameError' && /the value " {2}x " of label "team" is not a valid label value/.test(error.message) && /Nothing was applied\./.test(error.message));
});
