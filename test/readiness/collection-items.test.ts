/**
 * Each object of a collection is judged by its own readyWhen (trial 14, S1): with one item failing, `status`
 * and kro mode's deploy failure (both built on reportInstance) showed "0/2 objects ready" and the failing
 * item's reason on every item. And a readyWhen that is false says which condition and what it read (F4):
 * direct mode said only "readyWhen is false" where KRO quotes the expression.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { planInstance, prepareGraph, reportInstance, resourceReadiness } from '../../src/runtime/engine/index.js';

const engine = createCelEngine();
const instance = { name: 'cc', namespace: 'dev' };

const items = kubernetesComposition(
  {
    name: 'items', apiVersion: 'ex.com/v1', kind: 'Items',
    spec: type({ name: 'string', items: type({ name: 'string', v: 'string = "ok"' }).array() }),
    status: type({ good: 'boolean' }),
  },
  (spec) => {
    const cms = spec.items.map((it) => ConfigMap({ name: `${spec.name}-${it.name}`, data: { v: it.v } }).withReadyWhen((self) => self.data.v !== 'bad'));
    return { good: cms.every((c) => c.data.v === 'ok') };
  },
);

const configMap = (name: string, v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'dev' }, data: { v } });
const rows = (report: ReturnType<typeof reportInstance>) => report.resources.map((r) => [r.name, r.state, r.reason]);
const falseReason = 'readyWhen is false: `!has(each.data.v) || each.data.v != "bad"` with data.v = "bad"';

describe('a collection item is ready or not by its own readyWhen', () => {
  const prepared = prepareGraph(items.graph, engine);
  const spec = { name: 'cc', items: [{ name: 'a', v: 'ok' }, { name: 'b', v: 'bad' }] };

  it('status rows: only the failing item is not ready, with its own reason', () => {
    const observed = new Map([['cms', [configMap('cc-a', 'ok'), configMap('cc-b', 'bad')]]]);
    const report = reportInstance(prepared, { spec, instance, observed });
    assert.deepEqual(rows(report), [['cc-a', 'ready', 'ready'], ['cc-b', 'not-ready', `item 1: ${falseReason}`]]);
    assert.equal(report.ready, false);
  });

  it('the first item failing does not mark the second', () => {
    const observed = new Map([['cms', [configMap('cc-a', 'bad'), configMap('cc-b', 'ok')]]]);
    assert.deepEqual(rows(reportInstance(prepared, { spec, instance, observed })), [['cc-a', 'not-ready', `item 0: ${falseReason}`], ['cc-b', 'ready', 'ready']]);
  });

  it('an item not created yet is a row of its own; the created one keeps its verdict', () => {
    const observed = new Map([['cms', [configMap('cc-a', 'ok')]]]);
    const report = reportInstance(prepared, { spec, instance, observed });
    assert.deepEqual(rows(report), [['cc-a', 'ready', 'ready'], ['cc-b', 'missing', 'not created, or deleted since']]);
    assert.equal(report.ready, false);
  });

  it('the plan (what the deploy waits for) still judges the whole collection: not ready, naming the failing item', () => {
    const observed = new Map([['cms', [configMap('cc-a', 'ok'), configMap('cc-b', 'bad')]]]);
    const node = planInstance(prepared, { spec, instance, observed }).nodes.get('cms');
    assert.deepEqual(node?.state === 'apply' ? node.readiness : undefined, { ready: false, reason: `item 1: ${falseReason}` });
  });
});

describe('a readyWhen that is false names its CEL and what it read', () => {
  const rdy = kubernetesComposition(
    { name: 'rdy', apiVersion: 'ex.com/v1', kind: 'Rdy', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
    (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx', replicas: 1 }).withReadyWhen((self) => (self.status.readyReplicas ?? 0) >= 5);
      return { ready: (web.status.readyReplicas ?? 0) >= 1 };
    },
  );
  const prepared = prepareGraph(rdy.graph, engine);
  const deployment = (status: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'r1', namespace: 'dev' }, status });
  const judge = (status: Record<string, unknown>) => resourceReadiness(prepared, 'web', 1, { spec: { name: 'r1' }, instance, observed: new Map([['web', deployment(status)]]) });

  it('with the value read', () => {
    assert.equal(judge({ readyReplicas: 1 }).reason, 'readyWhen is false: `web.?status.?readyReplicas.orValue(0) >= 5` with status.readyReplicas = 1');
  });
  it('a field the object does not have is absent', () => {
    assert.equal(judge({}).reason, 'readyWhen is false: `web.?status.?readyReplicas.orValue(0) >= 5` with status.readyReplicas absent');
  });
  it('ready when true', () => {
    assert.deepEqual(judge({ readyReplicas: 5 }), { ready: true, reason: 'ready' });
  });
});

describe('what a false readyWhen shows of strings', () => {
  const kinds = kubernetesComposition(
    { name: 'strs', apiVersion: 'ex.com/v1', kind: 'Strs', spec: type({ name: 'string' }), status: type({ ok: 'boolean' }) },
    (spec) => {
      const cm = ConfigMap({ name: spec.name, data: { token: 'x' } }).withReadyWhen((self) => self.data.token === 'open' && self.data.token.length > 3);
      return { ok: cm.data.token === 'open' };
    },
  );
  const prepared = prepareGraph(kinds.graph, engine);
  const judge = (token: string) => resourceReadiness(prepared, 'cm', 1, { spec: { name: 'c' }, instance, observed: new Map([['cm', { ...configMap('c', ''), data: { token } }]]) }).reason;

  it('a string of the object the condition does not quote is not shown (it may carry a secret of the spec)', () => {
    assert.equal(judge('s3cr3t-value'), 'readyWhen is false: `has(cm.data.token) && cm.data.token == "open" && size(cm.data.token) + size(cm.data.token.split("").filter(c, c > "\\uffff")) > 3`');
  });
});
