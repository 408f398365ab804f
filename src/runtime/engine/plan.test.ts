import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { E, type Expr } from '../../ir/expr.js';
import type { CompositionGraph, ResourceNode } from '../../ir/graph.js';
import type { SchemaNode } from '../../ir/schema.js';
import { exprValue, type Value } from '../../ir/value.js';
import { createCelEngine } from '../cel/index.js';
import { createPlanCache, instanceStatus, planInstance, prepareGraph, type KubeObject, type NodePlan } from './index.js';

const spec: SchemaNode = {
  kind: 'struct',
  required: [],
  markers: {},
  fields: {
    replicas: { kind: 'float', markers: {} },
    withCache: { kind: 'boolean', markers: {} },
    workers: { kind: 'array', items: { kind: 'string', markers: {} }, markers: {} },
  },
};

const resource = (id: string, kind: string, template: Record<string, Value>, extra: Partial<ResourceNode> = {}): ResourceNode => ({
  id,
  apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1',
  kind,
  template: { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, ...template },
  readyWhen: [],
  includeWhen: [],
  forEach: [],
  dependsOn: [],
  ...extra,
});

const x = (expr: Expr): Value => exprValue(expr);
const specPath = (...fields: string[]): Expr => E.path('schema', 'spec', ...fields);

const deployment = resource('deployment', 'Deployment', {
  metadata: { name: 'web' },
  spec: { replicas: x(E.call('int', [specPath('replicas')])) },
});
const service = resource('service', 'Service', {
  metadata: { name: x(E.template([E.path('deployment', 'metadata', 'name'), '-svc'])) },
  spec: { ports: [{ port: 80 }] },
});
const cache = resource('cache', 'ConfigMap', { metadata: { name: 'cache' } }, { includeWhen: [specPath('withCache')] });
const cacheUser = resource('cacheUser', 'ConfigMap', { metadata: { name: 'user' }, data: { cache: x(E.path('cache', 'metadata', 'name')) } });
const workers = resource(
  'workers',
  'ConfigMap',
  { metadata: { name: x(E.template(['w-', E.ident('worker')])) } },
  { forEach: [{ name: 'worker', source: specPath('workers') }] },
);

const graph = (resources: ResourceNode[], status: Value = {}): CompositionGraph => ({
  name: 'webapp',
  version: 'v1',
  group: 'example.com',
  kind: 'WebApp',
  scope: 'Namespaced',
  spec,
  status,
  resources,
});

const instance = { name: 'demo', namespace: 'default' };
const plan = (g: CompositionGraph, specValue: unknown, observed: [string, KubeObject | KubeObject[]][] = [], readiness: 'exists' | 'kind' = 'kind') =>
  planInstance(prepareGraph(g, createCelEngine()), { spec: specValue, instance, observed: new Map(observed), readiness });
const node = (nodes: ReadonlyMap<string, NodePlan>, id: string): NodePlan => nodes.get(id) ?? assert.fail(`no node ${id}`);

const readyDeployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation: 1 },
  spec: { replicas: 3 },
  status: { observedGeneration: 1, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 },
};

describe('planner: ordering and waiting', () => {
  it('renders a resource that depends only on the spec, with int conversion', () => {
    const result = plan(graph([service, deployment]), { replicas: 3 });
    const d = node(result.nodes, 'deployment');
    assert.equal(d.state, 'apply');
    assert.deepEqual(d.state === 'apply' && d.manifests[0]?.spec, { replicas: 3 });
    assert.deepEqual(result.order, ['deployment', 'service']);
  });
  it('a dependent waits until its dependency is ready, then renders from the observed object', () => {
    const waiting = plan(graph([deployment, service]), { replicas: 3 });
    assert.equal(node(waiting.nodes, 'service').state, 'waiting');
    const notReady = plan(graph([deployment, service]), { replicas: 3 }, [['deployment', { ...readyDeployment, status: { readyReplicas: 1 } }]]);
    assert.equal(node(notReady.nodes, 'service').state, 'waiting');
    const ready = plan(graph([deployment, service]), { replicas: 3 }, [['deployment', readyDeployment]]);
    const s = node(ready.nodes, 'service');
    assert.equal(s.state, 'apply');
    assert.equal(s.state === 'apply' && (s.manifests[0]?.metadata as { name: string }).name, 'web-svc');
  });
  it('in exists readiness mode (waitForReady: false) an existing Deployment is ready at once', () => {
    const result = plan(graph([deployment, service]), { replicas: 3 }, [['deployment', { ...readyDeployment, status: {} }]], 'exists');
    assert.equal(node(result.nodes, 'service').state, 'apply');
  });
});

describe('planner: includeWhen and skip propagation', () => {
  it('skips a resource whose includeWhen is false, and everything depending on it', () => {
    const result = plan(graph([cache, cacheUser]), { withCache: false });
    assert.equal(node(result.nodes, 'cache').state, 'skipped');
    assert.equal(node(result.nodes, 'cacheUser').state, 'skipped');
  });
  it('includes it when true', () => {
    const result = plan(graph([cache, cacheUser]), { withCache: true });
    assert.equal(node(result.nodes, 'cache').state, 'apply');
    assert.equal(node(result.nodes, 'cacheUser').state, 'waiting');
  });
  it('skips on explicit dependsOn edges too', () => {
    const after = resource('after', 'ConfigMap', { metadata: { name: 'after' } }, { dependsOn: ['cache'] });
    assert.equal(node(plan(graph([cache, after]), { withCache: false }).nodes, 'after').state, 'skipped');
  });
});

describe('planner: pending and errors', () => {
  it('data pending when a ready dependency lacks a field', () => {
    const reader = resource('reader', 'ConfigMap', { metadata: { name: 'r' }, data: { ip: x(E.path('deployment', 'status', 'podIP')) } });
    const result = plan(graph([deployment, reader]), { replicas: 3 }, [['deployment', readyDeployment]]);
    const r = node(result.nodes, 'reader');
    assert.equal(r.state, 'pending');
    assert.match(r.state === 'pending' ? r.reason : '', /data\.ip/);
  });
  it('a fatal CEL error is an error, not pending', () => {
    const bad = resource('bad', 'ConfigMap', { metadata: { name: x(E.binary('/', E.int(1), E.int(0))) } });
    assert.equal(node(plan(graph([bad]), {}).nodes, 'bad').state, 'error');
  });
});

describe('planner: forEach', () => {
  it('renders one manifest per item', () => {
    const w = node(plan(graph([workers]), { workers: ['a', 'b'] }).nodes, 'workers');
    assert.equal(w.state, 'apply');
    assert.deepEqual(w.state === 'apply' && w.manifests.map((m) => (m.metadata as { name: string }).name), ['w-a', 'w-b']);
  });
  it('takes the cartesian product of several dimensions, first outermost', () => {
    const grid = resource(
      'grid',
      'ConfigMap',
      { metadata: { name: x(E.template([E.ident('a'), '-', E.ident('b')])) } },
      { forEach: [{ name: 'a', source: E.list([E.str('x'), E.str('y')]) }, { name: 'b', source: E.list([E.str('1'), E.str('2')]) }] },
    );
    const g = node(plan(graph([grid]), {}).nodes, 'grid');
    assert.deepEqual(g.state === 'apply' && g.manifests.map((m) => (m.metadata as { name: string }).name), ['x-1', 'x-2', 'y-1', 'y-2']);
  });
  it('a collection is ready when every item is observed (and readyWhen holds for each)', () => {
    const gated = { ...workers, readyWhen: [E.binary('==', E.path('each', 'data', 'ok'), E.str('yes'))] };
    const items = (ok: string): KubeObject[] => ['a', 'b'].map((w) => ({ kind: 'ConfigMap', metadata: { name: `w-${w}` }, data: { ok } }));
    assert.equal(node(plan(graph([gated]), { workers: ['a', 'b'] }, [['workers', items('no')]]).nodes, 'workers').ready, false);
    assert.equal(node(plan(graph([gated]), { workers: ['a', 'b'] }, [['workers', items('yes')]]).nodes, 'workers').ready, true);
  });
});

describe('planner: readyWhen on a single resource', () => {
  it('pending counts as not ready', () => {
    const gated = { ...deployment, readyWhen: [E.binary('>', E.path('deployment', 'status', 'readyReplicas'), E.int(0))] };
    const result = plan(graph([gated]), { replicas: 1 }, [['deployment', { ...readyDeployment, status: {} }]]);
    assert.equal(node(result.nodes, 'deployment').ready, false);
    assert.equal(plan(graph([gated]), { replicas: 1 }, [['deployment', readyDeployment]]).ready, true);
  });
});

describe('status', () => {
  const status: Value = {
    ready: x(E.binary('>', E.path('deployment', 'status', 'readyReplicas'), E.int(0))),
    replicas: x(E.path('deployment', 'spec', 'replicas')),
    name: x(E.path('schema', 'metadata', 'name')),
    label: 'constant',
    nothing: null,
  };
  const status$ = (observed: [string, KubeObject][]) =>
    instanceStatus(prepareGraph(graph([deployment], status), createCelEngine()), { spec: { replicas: 3 }, instance, observed: new Map(observed) });
  it('omits pending fields and keeps literals', () => {
    const result = status$([]);
    assert.deepEqual(result.status, { name: 'demo', label: 'constant' });
    assert.deepEqual(result.pending, ['ready', 'replicas']);
  });
  it('hydrates from observed objects', () => {
    assert.deepEqual(status$([['deployment', readyDeployment]]).status, { ready: true, replicas: 3, name: 'demo', label: 'constant' });
  });
});

describe('planner: the plan cache', () => {
  const prepared = prepareGraph(graph([deployment, service]), createCelEngine());
  const input = (observed: Map<string, KubeObject>) => ({ spec: { replicas: 2, withCache: false, workers: [] }, instance: { name: 'web', namespace: 'default' }, observed, readiness: 'exists' as const });
  it('keeps a decision while its inputs are the same objects, and recomputes when one changes', () => {
    const cache = createPlanCache();
    const first = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } };
    const observed = new Map<string, KubeObject>([['deployment', first]]);
    const a = planInstance(prepared, input(observed), cache);
    const b = planInstance(prepared, input(observed), cache);
    assert.equal(b.nodes.get('deployment'), a.nodes.get('deployment'));
    assert.equal(b.nodes.get('service'), a.nodes.get('service'));
    observed.set('deployment', { ...first, metadata: { name: 'web2' } });
    const c = planInstance(prepared, input(observed), cache);
    assert.notEqual(c.nodes.get('service'), a.nodes.get('service'));
    const svc = c.nodes.get('service');
    assert.equal(svc?.state === 'apply' && (svc.manifests[0]?.metadata as { name: string }).name, 'web2-svc');
    assert.deepEqual(c, planInstance(prepared, input(observed)), 'same decisions as without a cache');
  });
});
