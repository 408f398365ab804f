import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InstanceReport } from '../engine/index.js';
import { diagnosisOf, firstFailedResource, isReadinessVerdict, stuckStatus } from './verdicts.js';

const web = { resourceId: 'web', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'dev' };
const report = (failure: InstanceReport['failure'], failed: boolean): InstanceReport => ({
  ready: false,
  resources: [{ ...web, state: 'not-ready', ready: false, reason: 'rollout exceeded its progress deadline', ...(failed ? { failed: true as const } : {}) }],
  status: {},
  pending: [],
  absent: [],
  failures: failure ? [failure] : [],
  ...(failure ? { failure } : {}),
});

test('a readiness verdict is a failed resource, not an expression that fails (review finding)', () => {
  const verdict = { resourceId: 'web', field: 'readyWhen', message: 'rollout exceeded its progress deadline', specFields: [] };
  assert.equal(isReadinessVerdict(verdict), true);
  assert.deepEqual(diagnosisOf(report(verdict, true)), {
    notReady: ['Deployment dev/web: rollout exceeded its progress deadline'],
    failed: 'resource "web" (Deployment dev/web) failed: rollout exceeded its progress deadline',
  });
  assert.equal(firstFailedResource(report(verdict, true))?.message, 'resource "web" (Deployment dev/web) failed: rollout exceeded its progress deadline');
});

test('an expression that fails is described with its CEL; a status field\'s says KRO writes neither status nor condition', () => {
  const status = { field: 'status.q', cel: 'schema.spec.n / web.spec.replicas', message: 'division by zero', specFields: ['spec.n'] };
  assert.equal(isReadinessVerdict(status), false);
  assert.equal(isReadinessVerdict({ resourceId: 'web', field: 'spec.replicas', cel: 'int(schema.spec.r)', message: 'bad', specFields: ['spec.r'] }), false);
  assert.equal(
    diagnosisOf(report(status, false)).failure,
    'status field q: `schema.spec.n / web.spec.replicas` fails: division by zero. It reads spec.n: pass a value it accepts, or change the expression in the composition',
  );
  assert.equal(diagnosisOf(report(status, false)).failed, undefined);
  assert.deepEqual(stuckStatus(status), {
    message: 'status field q: `schema.spec.n / web.spec.replicas` fails: division by zero. It reads spec.n: pass a value it accepts, or change the expression in the composition. KRO evaluates it on the same objects, so it writes neither status nor condition',
  });
});
