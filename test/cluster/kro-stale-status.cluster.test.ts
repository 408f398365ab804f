/**
 * KRO keeps an instance's previous status, and calls it ready, when a status expression of the graph fails for
 * it: after a composition change whose new status field divides by a zero in the spec, KRO showed the old
 * composition's value (trial 16 F1). A kro deploy now refuses a spec for which a status field fails whatever
 * the cluster holds, naming the field, before anything is applied (and holds an instance KRO calls ready to
 * TypeKro's CEL engine on its spec and objects); `instanceStatus` of the instance KRO keeps in the old state is
 * not ready and names the failure. A field that fails only once the objects exist makes KRO write neither status
 * nor conditions: the deploy, which waited until its deadline, fails once KRO made the objects of its spec and the
 * field fails on what they are written with (runtime/kro/stuck-status.ts); the fix deployed while KRO still has
 * the failing spec's objects waits for KRO and is ready. The same after a composition change with the same spec,
 * where the deploy first makes KRO reconcile the instance (runtime/kro/relabel.ts): it used to time out too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { DeployFailedError, kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const definition = {
  name: 'stale-status',
  apiVersion: 'stale.typekro.dev/v1alpha1',
  kind: 'StaleStatus',
  spec: type({ name: 'string', n: 'number.integer', m: 'number.integer' }),
  status: type({ q: 'number.integer' }),
};

const before = kubernetesComposition(definition, (spec) => {
  ConfigMap({ name: spec.name, data: { n: String(spec.n) } });
  return { q: spec.n + 100 };
});

const after = kubernetesComposition(definition, (spec) => {
  ConfigMap({ name: spec.name, data: { n: String(spec.n) } });
  return { q: Math.trunc(spec.n / spec.m) };
});

test('a kro deploy whose status field fails for the spec fails, naming it, instead of returning the previous status', { timeout: 300_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'stale-status');
  const options = { kubeconfig: testKubeConfigPath(), namespace: ns.name, timeout: 90_000 };
  try {
    assert.equal((await before.factory('kro', options).deploy({ name: 'zero', n: 7, m: 0 })).status.q, 107);
    // Another instance moves the RGD to the new composition first (as a rollout does).
    assert.equal((await after.factory('kro', options).deploy({ name: 'two', n: 7, m: 2 })).status.q, 3);

    const factory = after.factory('kro', options);
    await assert.rejects(factory.deploy({ name: 'zero', n: 7, m: 0 }), (error: unknown) => {
      assert.ok(error instanceof DeployFailedError, String(error));
      assert.match(error.message, /status field q: `.*` fails: .*KRO cannot compute it either, and would keep the status it computed before .*Nothing was applied/);
      assert.match(error.message, /It reads spec\.n, spec\.m/);
      return true;
    });
    const status = await factory.instanceStatus('zero');
    assert.equal(status.ready, false, 'the previous status is not this composition\'s');
    assert.equal(status.failure?.field, 'status.q');
  } finally {
    await ns.remove();
  }
});

const fromChild = kubernetesComposition(
  { ...definition, name: 'stale-child', kind: 'StaleChild' },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.m });
    return { q: Math.trunc(spec.n / (web.spec.replicas ?? 1)) };
  },
);

test('a status field that fails only once the objects exist fails the deploy once KRO made them, naming it; the fix is not failed by the old objects', { timeout: 300_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'stale-child');
  const options = { kubeconfig: testKubeConfigPath(), namespace: ns.name };
  try {
    assert.equal((await fromChild.factory('kro', { ...options, timeout: 90_000 }).deploy({ name: 'child', n: 7, m: 2 })).status.q, 3);
    // Nothing is known to fail before the Deployment exists (its replicas are read from it). KRO then keeps the
    // previous status and conditions (observedGeneration stays the previous spec's): before, the deploy waited
    // out this 45s deadline.
    const started = Date.now();
    await assert.rejects(fromChild.factory('kro', { ...options, timeout: 45_000 }).deploy({ name: 'child', n: 7, m: 0 }), (error: unknown) => {
      assert.ok(error instanceof DeployFailedError, String(error));
      assert.equal(
        error.message,
        `StaleChild ${ns.name}/child cannot become ready: status field q: \`schema.spec.n / web.spec.replicas\` fails: division by zero. It reads spec.n, web.spec.replicas: pass a value it accepts, or change the expression in the composition. ` +
          'KRO evaluates it on the same objects, so it writes neither status nor condition. KRO would wait for it until the deadline; the instance stays applied and KRO keeps reconciling it: fix the cause and deploy again, or delete the instance',
      );
      assert.equal(error.resourceId, undefined);
      return true;
    });
    assert.ok(Date.now() - started < 40_000, `failed after ${Date.now() - started} ms, not before the deadline`);
    const status = await fromChild.factory('kro', options).instanceStatus('child');
    assert.equal(status.ready, false);
    assert.equal(status.failure?.field, 'status.q');
    // The fix, applied while the Deployment still has the failing spec's 0 replicas: those are not its objects.
    assert.equal((await fromChild.factory('kro', { ...options, timeout: 90_000 }).deploy({ name: 'child', n: 9, m: 3 })).status.q, 3);
  } finally {
    await ns.remove();
  }
});

const childBefore = kubernetesComposition(
  { ...definition, name: 'stale-graph', kind: 'StaleGraph' },
  (spec) => {
    Deployment({ name: spec.name, image: 'nginx', replicas: spec.m });
    return { q: spec.n + 100 };
  },
);

const childAfter = kubernetesComposition(
  { ...definition, name: 'stale-graph', kind: 'StaleGraph' },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.m });
    return { q: Math.trunc(spec.n / (web.spec.replicas ?? 1)) };
  },
);

test('a composition change whose status field fails on the objects KRO already has: the reconcile KRO never confirms ends as soon as that is certain', { timeout: 300_000 }, async () => {
  const ns = await testNamespace(testKubeConfig(), 'stale-graph');
  const options = { kubeconfig: testKubeConfigPath(), namespace: ns.name };
  try {
    assert.equal((await childBefore.factory('kro', { ...options, timeout: 90_000 }).deploy({ name: 'child', n: 7, m: 0 })).status.q, 107);
    // The same spec, a new graph: the deploy makes KRO reconcile the instance (suspend and resume), whose
    // suspension KRO never reports when the status fails; the Deployment (0 replicas) is already this spec's.
    const started = Date.now();
    await assert.rejects(childAfter.factory('kro', { ...options, timeout: 45_000 }).deploy({ name: 'child', n: 7, m: 0 }), (error: unknown) => {
      assert.ok(error instanceof DeployFailedError, String(error));
      assert.equal(
        error.message,
        `StaleGraph ${ns.name}/child cannot become ready: status field q: \`schema.spec.n / web.spec.replicas\` fails: division by zero. It reads spec.n, web.spec.replicas: pass a value it accepts, or change the expression in the composition. ` +
          'KRO evaluates it on the same objects, so it writes neither status nor condition. KRO would wait for it until the deadline; the instance stays applied and KRO keeps reconciling it: fix the cause and deploy again, or delete the instance',
      );
      return true;
    });
    assert.ok(Date.now() - started < 40_000, `failed after ${Date.now() - started} ms, not before the deadline`);
  } finally {
    await ns.remove();
  }
});
