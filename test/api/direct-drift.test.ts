/**
 * Direct status's drift check (api/direct-drift.ts) says why it could not compare instead of failing the
 * status (review 39 finding 5): a webhook refusing dry runs, a conflict or a shared name made `status` throw.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driftOf } from '../../src/api/direct-drift.js';
import { KubeApiError } from '../../src/runtime/kube/client.js';

test('a failed or refused dry run leaves the drift unchecked, saying why; an abort still throws', async () => {
  assert.deepEqual(await driftOf(() => Promise.reject(new KubeApiError('admission webhook "deny" denied the request', 400))), {
    unchecked: 'the dry run that compares them failed: admission webhook "deny" denied the request',
  });
  assert.deepEqual(await driftOf(() => Promise.reject(new KubeApiError('forbidden', 403))), { unchecked: 'the dry run that compares them was refused: forbidden' });
  const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
  await assert.rejects(driftOf(() => Promise.reject(abort)), (error) => error === abort);
});
