import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KubeApiError, KubeTimeoutError } from '../kube/client.js';
import { isAbsent, unreadInstance } from './live-read.js';

const ref = { apiVersion: 'x.dev/v1', kind: 'App', name: 'a', namespace: 'dev' };

test('only the API server\'s 404 means the instance is absent', () => {
  assert.equal(isAbsent(new KubeApiError('get App dev/a failed (404 NotFound): not found', 404, 'NotFound')), true);
  assert.equal(isAbsent(new KubeApiError('get App dev/a failed (403 Forbidden): forbidden', 403, 'Forbidden')), false);
  assert.equal(isAbsent(new KubeApiError('the API server did not answer', undefined, undefined, 'CLUSTER_UNREACHABLE')), false);
  assert.equal(isAbsent(new KubeTimeoutError('timed out after 5s')), false);
  assert.equal(isAbsent(new Error('404')), false);
});

test('another failed read says what was read and why, keeping the cause\'s status and code', () => {
  const forbidden = new KubeApiError('get App dev/a failed (403 Forbidden): apps is forbidden', 403, 'Forbidden');
  const error = unreadInstance(ref, 'before applying it', forbidden);
  assert.equal(error.message, 'cannot read App dev/a before applying it, so whether it exists is unknown: get App dev/a failed (403 Forbidden): apps is forbidden');
  assert.deepEqual([error.status, error.reason, error.code, error.cause], [403, 'Forbidden', 'REJECTED', forbidden]);
  const unreachable = unreadInstance(ref, 'to plan it', new KubeApiError('the API server at https://x did not answer within 30s (get App dev/a)', undefined, undefined, 'CLUSTER_UNREACHABLE'));
  assert.equal(unreachable.code, 'CLUSTER_UNREACHABLE');
  assert.equal(unreachable.message, 'cannot read App dev/a to plan it, so whether it exists is unknown: the API server at https://x did not answer within 30s (get App dev/a)');
  assert.equal(unreadInstance(ref, 'to plan it', 'boom').message, 'cannot read App dev/a to plan it, so whether it exists is unknown: boom');
});
