/**
 * A status field JavaScript computes as a number no JSON can hold (trial 18 F3): `0 / 0` (NaN) and `1 / 0`
 * (Infinity) fail in both modes ("the double NaN has no JSON form": direct mode's deploy fails, kro mode's is
 * refused before anything is applied) and simulate lists them in failedStatus. evaluateConcrete said "pending"
 * for NaN (waits for data) and gave Infinity as a value; it now fails both alike, with simulate's words. A NaN
 * computed from an absent read stays pending, as the compiled CEL waits for the read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const app = kubernetesComposition(
  {
    name: 'non-json', apiVersion: 'trial18.typekro.dev/v1', kind: 'NonJson',
    spec: type({ a: 'number.integer', b: 'number.integer' }),
    status: type({ frac: 'number', inf: 'number', list: 'number[]', ok: 'number', absent: 'number' }),
  },
  (spec) => {
    const web = Deployment({ id: 'web', name: 'web', image: 'nginx', replicas: spec.b });
    return { frac: (web.status.readyReplicas ?? 0) / spec.b, inf: -spec.a / spec.b, list: [1, spec.a / spec.b], ok: spec.a + 1, absent: web.status.readyReplicas * 2 };
  },
);

test('NaN and Infinity status fields are failed in evaluateConcrete as in simulate, and absent reads stay pending', () => {
  const observed = { web: { status: {} } };
  const concrete = evaluateConcrete(app, { a: 1, b: 0 }, { observed });
  assert.deepEqual(concrete.status, { ok: 2 });
  assert.deepEqual(concrete.pendingStatus, ['absent']);
  assert.deepEqual(concrete.failedStatus, ['frac: the double NaN has no JSON form', 'inf: the double -Infinity has no JSON form', 'list[1]: the double Infinity has no JSON form']);
  const simulated = simulate(app, { a: 1, b: 0 }, { observed } as never);
  assert.deepEqual(simulated.failedStatus, concrete.failedStatus);
  assert.deepEqual(simulated.pending, ['absent']);
});

test('a field that reads a resource not observed is pending, not failed, whatever JavaScript computed', () => {
  const concrete = evaluateConcrete(app, { a: 0, b: 0 });
  assert.deepEqual(concrete.pendingStatus, ['frac', 'absent']);
  assert.deepEqual(concrete.failedStatus, ['inf: the double NaN has no JSON form', 'list[1]: the double NaN has no JSON form']);
});

test('finite values leave failedStatus out', () => {
  const concrete = evaluateConcrete(app, { a: 3, b: 2 }, { observed: { web: { status: { readyReplicas: 1 } } } });
  assert.deepEqual(concrete.status, { frac: 0.5, inf: -1.5, list: [1, 1.5], ok: 4, absent: 2 });
  assert.equal('failedStatus' in concrete, false);
});
