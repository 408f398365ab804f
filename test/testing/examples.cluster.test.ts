/**
 * examples/testing on the cluster: the same composition deployed in a namespace of its own, in each of the
 * three runners, against the test run's cluster (TYPEKRO_TEST_KUBECONFIG, which each runner's global setup
 * reuses instead of starting another control plane).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testKubeConfigPath } from '../support/cluster.js';
import { passedCount, runExamples, type Runner } from './runners.js';

describe('examples/testing on the cluster, in each runner', { concurrency: 1 }, () => {
  for (const runner of ['node', 'vitest', 'jest'] as Runner[]) {
    it(`${runner}: deploys the webapp and reaches its status`, { timeout: 600_000 }, async () => {
      const result = await runExamples(runner, 'cluster', { TYPEKRO_TEST_KUBECONFIG: testKubeConfigPath() });
      assert.equal(result.code, 0, result.output);
      assert.equal(passedCount(runner, result.output), 1, result.output);
    });
  }
});
