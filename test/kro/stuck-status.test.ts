/**
 * The status field KRO can never write (stuck-status.ts), offline on hand-made live children: given only
 * when the children are the spec's as written and the failure reads nothing the cluster may still change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { instanceStatus, prepareGraph, type KubeObject } from '../../src/runtime/engine/index.js';
import { statusFailureFor, swallowsErrors, writtenAsStored } from '../../src/runtime/kro/stuck-status.js';

const definition = {
  name: 'stuck',
  apiVersion: 'stuck.typekro.dev/v1alpha1',
  kind: 'Stuck',
  spec: type({ name: 'string', n: 'number.integer', m: 'number.integer' }),
  status: type({ q: 'number.integer' }),
};
const instance = { name: 'i', namespace: 'dev' };

/** The Deployment KRO made for `replicas`, as the API server returns it: defaults, KRO's labels, a status. */
function liveWeb(replicas: number, status: Record<string, unknown> = { observedGeneration: 1 }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'dev', uid: 'u1', generation: 1, labels: { app: 'web', 'kro.run/node-id': 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate' },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'Always' }], restartPolicy: 'Always' } },
    },
    status,
  };
}

const bySpecReplicas = prepareGraph(
  kubernetesComposition(definition, (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.m });
    return { q: Math.trunc(spec.n / (web.spec.replicas ?? 1)) };
  }).graph,
  createCelEngine(),
);

test('a status field dividing by the replicas the spec wrote, once KRO made the Deployment so: certain', () => {
  const failure = statusFailureFor(bySpecReplicas, { spec: { name: 'web', n: 7, m: 0 }, instance }, new Map([['web', [liveWeb(0)]]]));
  assert.deepEqual(failure && { field: failure.field, cel: failure.cel, message: failure.message }, { field: 'status.q', cel: 'schema.spec.n / web.spec.replicas', message: 'division by zero' });
  // The zero comes from the spec through the Deployment's replicas: the verdict names that read too (review 38).
  assert.deepEqual(failure?.specFields, ['spec.n', 'web.spec.replicas']);
});

test('the same spec while KRO has not made its Deployment (the old one, or none): no verdict', () => {
  // The previous spec's Deployment (2 replicas) is what KRO still shows while reconciling: the fix of a stuck spec.
  assert.equal(statusFailureFor(bySpecReplicas, { spec: { name: 'web', n: 7, m: 0 }, instance }, new Map([['web', [liveWeb(2)]]])), undefined);
  assert.equal(statusFailureFor(bySpecReplicas, { spec: { name: 'web', n: 7, m: 0 }, instance }, new Map()), undefined);
  // And a spec for which nothing fails.
  assert.equal(statusFailureFor(bySpecReplicas, { spec: { name: 'web', n: 7, m: 2 }, instance }, new Map([['web', [liveWeb(2)]]])), undefined);
});

test('a status field failing on what the cluster still changes (a status read): no verdict', () => {
  const byStatus = prepareGraph(
    kubernetesComposition(definition, (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.m });
      return { q: Math.trunc(spec.n / (web.status.availableReplicas ?? 0)) };
    }).graph,
    createCelEngine(),
  );
  const live = new Map([['web', [liveWeb(1, { observedGeneration: 1 })]]]);
  const spec = { name: 'web', n: 7, m: 1 };
  // It fails on the live objects now (no replica available yet), as a rollout in progress does.
  assert.equal(instanceStatus(byStatus, { spec, instance, observed: new Map([['web', live.get('web')![0]!]]) }).failures[0]?.message, 'division by zero');
  assert.equal(statusFailureFor(byStatus, { spec, instance }, live), undefined);
});

test('a failure beside an unknown read under || is no verdict: the live value may decide', () => {
  const byEither = prepareGraph(
    kubernetesComposition({ ...definition, status: type({ ok: 'boolean' }) }, (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx', replicas: 1 });
      return { ok: Math.trunc(spec.n / spec.m) > 1 || (web.status.availableReplicas ?? 0) > 0 };
    }).graph,
    createCelEngine(),
  );
  const live = new Map([['web', [liveWeb(1)]]]);
  const spec = { name: 'web', n: 7, m: 0 };
  // Without the guard this would be a verdict: on the stand-ins the engine reports the left side's error (cel-go
  // would call it unknown), though on the cluster an available replica makes it true.
  const { status: _unset, ...written } = liveWeb(1);
  assert.equal(instanceStatus(byEither, { spec, instance, observed: new Map([['web', written]]), standIns: true }).failures[0]?.message, 'division by zero');
  assert.equal(statusFailureFor(byEither, { spec, instance }, live), undefined);
});

test('a failure in a branch an unknown status read chooses (?: and ??) is no verdict: the live value may choose the other (review 38)', () => {
  const spec = { name: 'web', n: 7, m: 0 };
  const cases = {
    ternary: (available: number | undefined) => ((available ?? 0) > 0 ? 1 : Math.trunc(spec.n / spec.m)),
    equality: (available: number | undefined) => (available === 1 ? 1 : Math.trunc(spec.n / spec.m)),
    nullish: (available: number | undefined) => available ?? Math.trunc(spec.n / spec.m),
  };
  const graphs = {
    ternary: kubernetesComposition(definition, (s) => { const web = Deployment({ name: s.name, image: 'nginx', replicas: 1 }); return { q: (web.status.availableReplicas ?? 0) > 0 ? 1 : Math.trunc(s.n / s.m) }; }).graph,
    equality: kubernetesComposition(definition, (s) => { const web = Deployment({ name: s.name, image: 'nginx', replicas: 1 }); return { q: web.status.availableReplicas === 1 ? 1 : Math.trunc(s.n / s.m) }; }).graph,
    nullish: kubernetesComposition(definition, (s) => { const web = Deployment({ name: s.name, image: 'nginx', replicas: 1 }); return { q: web.status.availableReplicas ?? Math.trunc(s.n / s.m) }; }).graph,
  };
  for (const [name, graph] of Object.entries(graphs)) {
    const prepared = prepareGraph(graph, createCelEngine());
    assert.equal(statusFailureFor(prepared, { spec, instance }, new Map([['web', [liveWeb(1)]]])), undefined, name);
    // Once a replica is available, the field has a value, as JavaScript gives it.
    const live = instanceStatus(prepared, { spec, instance, observed: new Map([['web', liveWeb(1, { observedGeneration: 1, availableReplicas: 1 })]]) });
    assert.deepEqual(live.status, { q: cases[name as keyof typeof cases](1) }, name);
  }
});

test('an int beyond JavaScript\'s safe range is no verdict: KRO writes its exact int64 value (review 38)', () => {
  const times = prepareGraph(
    kubernetesComposition(definition, (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.m });
      return { q: spec.n * (web.spec.replicas ?? 1) };
    }).graph,
    createCelEngine(),
  );
  const spec = { name: 'web', n: 4503599627370497, m: 3 };
  const status = instanceStatus(times, { spec, instance, observed: new Map([['web', liveWeb(3)]]) });
  assert.match(status.failures[0]?.message ?? '', /^integer beyond JavaScript's safe range/);
  assert.equal(statusFailureFor(times, { spec, instance }, new Map([['web', [liveWeb(3)]]])), undefined);
});

test('writtenAsStored: the written fields as stored, maps open, lists exact, empties and nulls strict', () => {
  assert.equal(writtenAsStored({ spec: { replicas: 0 } }, { spec: { replicas: 0, paused: false }, status: {} }), true);
  assert.equal(writtenAsStored({ spec: { replicas: 0 } }, { spec: { replicas: 2 } }), false);
  assert.equal(writtenAsStored({ args: ['a'] }, { args: ['a', 'b'] }), false);
  assert.equal(writtenAsStored({ c: [{ name: 'a' }] }, { c: [{ name: 'a', pull: 'Always' }] }), true);
  assert.equal(writtenAsStored({ args: [] }, {}), false);
  assert.equal(writtenAsStored({ labels: {} }, {}), false);
  assert.equal(writtenAsStored({ x: null }, {}), false);
  assert.equal(writtenAsStored({ x: 1 }, { x: '1' }), false);
});

test('swallowsErrors: || and && and the error-absorbing macros', () => {
  assert.equal(swallowsErrors('schema.spec.n / web.spec.replicas'), false);
  assert.equal(swallowsErrors('a || b'), true);
  assert.equal(swallowsErrors('a && b'), true);
  assert.equal(swallowsErrors('xs.all(x, x > 0)'), true);
  assert.equal(swallowsErrors('xs.exists(x, x > 0)'), true);
  assert.equal(swallowsErrors('xs.exists_one(x, x > 0)'), true);
  assert.equal(swallowsErrors('xs.map(x, x / 0)'), false);
});
