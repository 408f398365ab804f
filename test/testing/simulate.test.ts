/** `simulate`: readiness, status, pending fields and next steps for typical cluster states, by the direct planner. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { assertMatches, created, deploymentAvailable, deploymentProgressing, findResource, jobFailed, jobRunning, jobSucceeded, serviceWithIngress, serviceWithoutIngress, simulate } from '../../src/testing/index.js';
import { gated, shop } from './compositions.js';

const spec = { name: 'shop', replicas: 2, expose: false, regions: ['eu', 'us'] };
const rows = (result: ReturnType<typeof simulate>): unknown[] => result.resources.map((r) => [r.id, r.plan, r.ready, r.reason]);

describe('simulate', () => {
  it('nothing observed: everything to create, a dependent waits, status fields reading resources pending', () => {
    const result = simulate(shop, spec);
    assert.deepEqual(rows(result), [
      ['web', 'apply', false, 'not created yet'],
      ['service', 'skipped', true, 'includeWhen is false'],
      ['regions', 'waiting', false, 'waiting for "web" to be ready'],
      ['migrate', 'apply', false, 'not created yet'],
    ]);
    assert.deepEqual(result.status, { regionCount: 2 });
    assert.deepEqual(result.pending, ['ready', 'available', 'url', 'migrated']);
    assert.equal(result.ready, false);
    assert.deepEqual(result.next.map((s) => [s.action, s.resourceId]), [['create', 'web'], ['wait-dependencies', 'regions'], ['create', 'migrate']]);
  });

  it('a Deployment rolling out: its reason, the status it gives, what a deploy waits for', () => {
    const result = simulate(shop, spec, { observed: { web: deploymentProgressing({ ready: 1 }), migrate: jobRunning() } });
    assert.deepEqual(findResource(result, 'web'), { ...findResource(result, 'web'), plan: 'apply', observed: true, ready: false, reason: '1/2 readyReplicas', failed: false });
    assert.deepEqual(result.status, { ready: false, available: 1, migrated: false, regionCount: 2 });
    assert.deepEqual(result.next, [
      { action: 'wait-ready', resourceId: 'web', reason: '1/2 readyReplicas' },
      { action: 'wait-dependencies', resourceId: 'regions', reason: 'waiting for "web" to be ready' },
      { action: 'wait-ready', resourceId: 'migrate', reason: '0/1 completions' },
    ]);
  });

  it('everything ready: the instance is ready, nothing left to do, and the status is what JavaScript computes', () => {
    const observed = { web: deploymentAvailable(), regions: [created(), created()], migrate: jobSucceeded() };
    const result = simulate(shop, spec, { observed });
    assert.equal(result.ready, true);
    assert.deepEqual(result.next, []);
    assert.deepEqual(result.status, { ready: true, available: 2, migrated: true, regionCount: 2 });
    assert.deepEqual(result.pending, ['url']);
    // the same observed objects through the concrete evaluation
    const objects = Object.fromEntries(result.resources.filter((r) => r.observed).map((r) => [r.id, r.collection ? r.manifests : r.manifests[0]!]));
    const js = evaluateConcrete(shop, spec, { observed: { ...objects, web: { status: { readyReplicas: 2, availableReplicas: 2 } }, migrate: { status: { succeeded: 1 } } } });
    assert.deepEqual(js.status, result.status);
    // a template over a Service that is not observed is pending, as on the cluster (not "http://undefined")
    assert.deepEqual(js.pendingStatus, ['url']);
  });

  it('a failed Job: the deploy would fail, with the Job message', () => {
    const result = simulate(shop, spec, { observed: { web: deploymentAvailable(), migrate: jobFailed('schema v7 missing') } });
    assertMatches(findResource(result, 'migrate'), { ready: false, failed: true, reason: /job failed: .*schema v7 missing/ });
    assert.deepEqual(result.next.find((s) => s.resourceId === 'migrate')?.action, 'fail');
    assert.deepEqual(result.status.migrated, false);
  });

  it('a LoadBalancer Service without ingress is not ready and the URL stays pending; with one it resolves', () => {
    const exposed = { ...spec, expose: true };
    const waiting = simulate(shop, exposed, { observed: { web: deploymentAvailable(), service: serviceWithoutIngress() } });
    assertMatches(findResource(waiting, 'service'), { plan: 'apply', ready: false, reason: 'waiting for a load balancer ingress' });
    assert.ok(waiting.pending.includes('url'));
    const served = simulate(shop, exposed, { observed: { web: deploymentAvailable(), service: serviceWithIngress('203.0.113.7') } });
    assert.equal(served.status.url, 'http://203.0.113.7');
    assert.equal(findResource(served, 'service').ready, true);
  });

  it('partial objects are laid over the applied manifest (spec.replicas comes from the manifest)', () => {
    const result = simulate(shop, { ...spec, replicas: 3 }, { observed: { web: { metadata: { generation: 1 }, status: { observedGeneration: 1, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 2 } } } });
    assert.equal(findResource(result, 'web').reason, '2/3 availableReplicas');
    assert.deepEqual(result.status.available, 2);
    const manifest = findResource(result, 'web').manifests[0]!;
    assert.equal((manifest.spec as { replicas: number }).replicas, 3);
    assert.equal((manifest.metadata as { labels: Record<string, string> }).labels['app.kubernetes.io/managed-by'], 'typekro');
  });
});

describe('simulate with withReadyWhen', () => {
  it('the callback decides readiness (checked against JavaScript), and a dependent waits for it', () => {
    const closed = simulate(gated, { name: 'app' }, { observed: { gate: {} } });
    assert.deepEqual(rows(closed), [['gate', 'apply', false, 'readyWhen is false: `has(gate.data.state) && gate.data.state == "open"`'], ['app', 'waiting', false, 'waiting for "gate" to be ready']]);
    assert.deepEqual(closed.status, { open: false });
    const open = simulate(gated, { name: 'app' }, { observed: { gate: { data: { state: 'open' } }, app: deploymentAvailable() } });
    assert.deepEqual(rows(open), [['gate', 'apply', true, 'ready'], ['app', 'apply', true, 'ready']]);
    assert.deepEqual(open.status, { open: true });
  });
});

it('a status number JavaScript makes -0 is 0, as the cluster stores it (JSON has no -0) and evaluateConcrete gives it', () => {
  const negated = kubernetesComposition(
    { name: 'negated-zero', kind: 'NegatedZero', spec: type({ z: 'number', i: 'number.integer' }), status: type({ neg: 'number', product: 'number', int: 'number' }) },
    (s) => ({ neg: -s.z, product: s.z * -1, int: -s.i }),
  );
  const zero = { z: 0, i: 0 };
  const status = simulate(negated, zero).status as Record<string, number>;
  assert.deepEqual(status, evaluateConcrete(negated, zero).status);
  for (const [field, value] of Object.entries(status)) assert.ok(Object.is(value, 0), `${field}: ${String(value)}`);
});
