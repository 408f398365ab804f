import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { E } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import { exprValue, type Value } from '../../ir/value.js';
import { createCelEngine } from '../cel/index.js';
import { prepareGraph } from '../engine/index.js';
import { OfflineRenderError } from './errors.js';
import { renderOffline } from './render.js';

const node = (id: string, kind: string, template: Record<string, Value>): ResourceNode => ({
  id, apiVersion: 'v1', kind, template: { apiVersion: 'v1', kind, ...template }, readyWhen: [], includeWhen: [], forEach: [], dependsOn: [],
});
const graph = (resources: ResourceNode[]): CompositionGraph => ({
  name: 'app', version: 'v1alpha1', group: 'kro.run', kind: 'App', scope: 'Namespaced', status: {}, resources,
  spec: { kind: 'struct', required: [], markers: {}, fields: { name: { kind: 'string', markers: {} } } },
});
const owner = { composition: 'app', instance: 'demo', namespace: 'dev' };
const render = (resources: ResourceNode[]) => renderOffline(prepareGraph(graph(resources), createCelEngine()), { name: 'web' }, { name: 'demo', namespace: 'dev' }, owner);

const config = node('config', 'ConfigMap', { metadata: { name: exprValue(E.path('schema', 'spec', 'name')) } });

describe('offline rendering (toYaml)', () => {
  it('resolves references to other resources against their rendered manifests', () => {
    const user = node('user', 'ConfigMap', { metadata: { name: 'user' }, data: { ref: exprValue(E.path('config', 'metadata', 'name')) } });
    const [first, second] = render([user, config]);
    assert.equal((first?.metadata as { name: string; namespace: string }).name, 'web');
    assert.equal((first?.metadata as { namespace: string }).namespace, 'dev');
    assert.deepEqual(second?.data, { ref: 'web' });
  });
  it('fails clearly when a value exists only in the cluster', () => {
    const reader = node('reader', 'ConfigMap', { metadata: { name: 'r' }, data: { uid: exprValue(E.path('config', 'metadata', 'uid')) } });
    assert.throws(() => render([config, reader]), (error: unknown) => {
      assert.ok(error instanceof OfflineRenderError);
      assert.match(error.message, /reader: data\.uid: config\.metadata\.uid is not set by the manifest of config: only the cluster knows it/);
      return true;
    });
  });
});
