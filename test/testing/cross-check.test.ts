/**
 * The cross-check between the planner and the concrete JavaScript evaluation can fail (negative controls on
 * made-up results), and agrees on real compositions in every typical state (simulate throws otherwise).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpaqueCel, type ConcreteEvaluation } from '../../src/index.js';
import type { InstancePlan, NodePlan } from '../../src/runtime/engine/index.js';
import { crossCheck } from '../../src/testing/offline/cross-check.js';
import { SimulationDivergenceError, type ObservedEntries, conditionReady, deploymentAvailable, deploymentProgressing, jobFailed, simulate } from '../../src/testing/index.js';
import { shop } from './compositions.js';

const ready = { ready: true, reason: 'ready' };
function plan(nodes: NodePlan[]): InstancePlan {
  return { order: nodes.map((n) => n.id), nodes: new Map(nodes.map((n) => [n.id, n])), ready: true };
}
const web: NodePlan = { id: 'web', state: 'apply', manifests: [{ spec: { replicas: 2 } }], collection: false, ready: true, readiness: ready };
const concrete = (overrides: Partial<ConcreteEvaluation> = {}): ConcreteEvaluation => ({
  resources: [{ id: 'web', apiVersion: 'apps/v1', kind: 'Deployment', collection: false, included: true, manifests: [{ spec: { replicas: 2 } }], pending: [] }],
  status: { ready: true },
  pendingStatus: [],
  ...overrides,
});

describe('cross-check', () => {
  it('agreement gives nothing', () => {
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, concrete()), []);
  });

  it('a different status value, manifest value or object count is a divergence', () => {
    const divergences = crossCheck(
      plan([{ ...web, manifests: [{ spec: { replicas: 3 } }] }, { id: 'extra', state: 'skipped', reason: 'includeWhen is false', ready: true }]),
      { status: { ready: false }, pending: [] },
      concrete({ resources: [...concrete().resources, { ...concrete().resources[0]!, id: 'extra' }] }),
    );
    assert.deepEqual(divergences, [
      { aspect: 'resource web: manifest', detail: '[0].spec.replicas: compiled 3, JavaScript 2' },
      { aspect: 'resource extra: exists', detail: 'compiled 0 object(s) (includeWhen is false), JavaScript 1' },
      { aspect: 'status.ready', detail: 'compiled false, JavaScript true' },
    ]);
  });

  it('a compiled value where JavaScript has none diverges; so does compiled pending against a JavaScript value, unless the field reads an unobserved resource', () => {
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true, url: 'x' }, pending: [] }, concrete()).map((d) => d.aspect), ['status.url']);
    // t27: `svc.status.loadBalancer.ingress[0].ip ?? 'pending'` was pending forever on the cluster, 'pending' in JavaScript
    assert.deepEqual(crossCheck(plan([web]), { status: {}, pending: ['ready'] }, concrete()), [{ aspect: 'status.ready', detail: 'compiled undefined, JavaScript true' }]);
    const waits = { dependencies: () => [], mayWait: (path: string) => path === 'ready' };
    assert.deepEqual(crossCheck(plan([web]), { status: {}, pending: ['ready'] }, concrete(), waits), []);
  });

  it('a compiled value for a field JavaScript leaves pending on an unobserved resource must be the value JavaScript computed without it', () => {
    // `web.status.readyReplicas > 0 || spec.replicas === 0` before web exists: CEL's || decides from the spec.
    const waiting = concrete({ status: {}, pendingStatus: ['ready'], unobservedValues: { ready: true } });
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, waiting), []);
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: false }, pending: [] }, waiting), [{ aspect: 'status.ready', detail: 'compiled false, JavaScript undefined' }]);
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, concrete({ status: {}, pendingStatus: ['ready'] })), [{ aspect: 'status.ready', detail: 'compiled true, JavaScript undefined' }]);
  });

  it('a resource only JavaScript creates is a divergence (f38: `if (!s.enabled) ConfigMap(...)` in a helper)', () => {
    const maybe = { ...concrete().resources[0]!, id: 'maybe', kind: 'ConfigMap', apiVersion: 'v1', manifests: [{ data: {} }] };
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, concrete({ resources: [...concrete().resources, maybe] })), [
      { aspect: 'resource maybe: exists', detail: 'compiled: no such resource in the graph, JavaScript 1 object(s)' },
    ]);
    // none created (an empty collection, an includeWhen that is false) agrees with its absence from the graph
    const none = { ...maybe, collection: true, manifests: [] };
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, concrete({ resources: [...concrete().resources, none] })), []);
  });

  it('a resource only the graph creates is a divergence', () => {
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, concrete({ resources: [] })), [{ aspect: 'resource web: exists', detail: 'compiled 1 object(s), JavaScript 0' }]);
  });

  it('invisible characters are escaped in the report (a zero-width space here; t01 differs by U+0085)', () => {
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: 'x\u200b' }, pending: [] }, concrete({ status: { ready: 'x' } })), [
      { aspect: 'status.ready', detail: 'compiled "x\\u200b", JavaScript "x"' },
    ]);
  });

  it('Cel.expr leaves (opaque to JavaScript) and undecided resources are not compared', () => {
    const opaque = concrete({ status: { ready: new OpaqueCel('web.status.x') } });
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: 'anything' }, pending: [] }, opaque), []);
    const waiting: NodePlan = { id: 'web', state: 'waiting', on: ['db'], reason: 'waiting', ready: false };
    assert.deepEqual(crossCheck(plan([waiting]), { status: { ready: true }, pending: [] }, concrete()), []);
  });

  it('simulate agrees with JavaScript in every typical state of a real composition', () => {
    const spec = { name: 'shop', replicas: 2, expose: true, regions: ['eu', 'us'] };
    const states: ObservedEntries[] = [
      {},
      { web: deploymentProgressing() },
      { web: deploymentProgressing({ ready: 1 }), migrate: jobFailed() },
      { web: deploymentAvailable(), service: conditionReady(), regions: [{}, {}] },
    ];
    for (const observed of states) assert.doesNotThrow(() => simulate(shop, spec, { observed }), SimulationDivergenceError);
  });
});

describe('cross-check of withReadyWhen', () => {
  const answered = (ready: (boolean | undefined)[]): ConcreteEvaluation => concrete({ resources: [{ ...concrete().resources[0]!, ready }] });
  it('a readyWhen answer that differs is a divergence; unobserved items and terminal failures are not compared', () => {
    const notReady: NodePlan = { ...web, ready: false, readiness: { ready: false, reason: 'readyWhen is false' } } as NodePlan;
    assert.deepEqual(crossCheck(plan([notReady]), { status: { ready: true }, pending: [] }, answered([true])), [
      { aspect: 'resource web: readyWhen', detail: 'compiled not ready (readyWhen is false), JavaScript ready' },
    ]);
    assert.deepEqual(crossCheck(plan([notReady]), { status: { ready: true }, pending: [] }, answered([undefined])), []);
    const stalled: NodePlan = { ...web, ready: false, readiness: { ready: false, reason: 'Stalled', failed: true } } as NodePlan;
    assert.deepEqual(crossCheck(plan([stalled]), { status: { ready: true }, pending: [] }, answered([true])), []);
    assert.deepEqual(crossCheck(plan([web]), { status: { ready: true }, pending: [] }, answered([true])), []);
  });
});

describe('cross-check of resources pending on the spec alone', () => {
  it('a resource that waits for data no resource provides diverges (found: `?? []` dropped from a forEach source)', () => {
    const pending: NodePlan = { id: 'regions', state: 'pending', reason: 'No such key: regions', ready: false };
    const js = concrete({ resources: [] });
    assert.deepEqual(crossCheck(plan([pending]), { status: { ready: true }, pending: [] }, js), [
      { aspect: 'resource regions: pending', detail: 'compiled waits for data no resource provides (No such key: regions), forever; JavaScript: 0 object(s)' },
    ]);
    // waiting for another resource's data is not a divergence: that resource may still report it
    assert.deepEqual(crossCheck(plan([pending]), { status: { ready: true }, pending: [] }, js, { dependencies: () => ['web'], mayWait: () => false }), []);
  });
});
