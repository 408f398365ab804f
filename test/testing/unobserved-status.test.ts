/**
 * A status field that reads a resource which does not exist yet (trial 9 T09). KRO (pkg/runtime
 * node_resolve.go softResolve: the instance's status expressions are evaluated on every reconcile, a
 * dependency not observed is simply absent from the activation, "no such attribute" counts as pending and
 * the field is left out) and direct mode evaluate it anyway: the read has no value, CEL's `||` and `&&`
 * absorb that when the other side decides, anything else leaves the field pending. `simulate` runs that
 * CEL; `evaluateConcrete` lists the field pending with the value JavaScript computed without the resource.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { deploymentAvailable, simulate } from '../../src/testing/index.js';

const shortCircuit = kubernetesComposition(
  { name: 'sc', kind: 'Sc', spec: type({ name: 'string', replicas: 'number.integer' }), status: type({ ok: 'boolean', busy: 'boolean', named: 'boolean' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    return {
      ok: web.status.readyReplicas > 0 || spec.replicas === 0,
      busy: web.status.readyReplicas > 0 && spec.replicas !== 0,
      named: web.metadata.name !== 'x',
    };
  },
);

test('before the resource exists, || and && decided by the spec have a value on the cluster; simulate says so and agrees with JavaScript', () => {
  const zero = simulate(shortCircuit, { name: 'a', replicas: 0 });
  assert.deepEqual(zero.status, { ok: true, busy: false });
  assert.deepEqual(zero.pending, ['named']);
  // JavaScript computes `named` without web (its name is in the manifest); the cluster waits for web: documented, not silent.
  assert.deepEqual(zero.documentedDifferences.map((d) => [d.aspect, d.detail]), [['status.named', 'compiled pending (it reads a resource that does not exist yet), JavaScript true']]);
  assert.match(zero.documentedDifferences[0]!.documented!, /^README\.md, "Where the CEL differs": a status field that reads a resource which does not exist yet is pending until it exists, unless \|\| or && decide it/);
  const one = simulate(shortCircuit, { name: 'a', replicas: 1 });
  assert.deepEqual(one.status, {});
  assert.deepEqual(one.pending, ['ok', 'busy', 'named']);
});

test('evaluateConcrete lists such fields pending, with the value JavaScript computed without the resource', () => {
  const zero = evaluateConcrete(shortCircuit, { name: 'a', replicas: 0 });
  assert.deepEqual(zero.status, {});
  assert.deepEqual(zero.pendingStatus, ['ok', 'busy', 'named']);
  assert.deepEqual(zero.unobservedValues, { ok: true, busy: false, named: true });
  // Observed, the resource decides: no field is pending and there is nothing to list.
  const observed = evaluateConcrete(shortCircuit, { name: 'a', replicas: 2 }, { observed: { web: { status: { readyReplicas: 2 } } } });
  assert.deepEqual(observed.status, { ok: true, busy: true, named: true });
  assert.equal(observed.unobservedValues, undefined);
  assert.deepEqual(simulate(shortCircuit, { name: 'a', replicas: 2 }, { observed: { web: deploymentAvailable() } }).status, { ok: true, busy: true, named: true });
});
