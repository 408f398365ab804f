/**
 * examples/testing, offline: the same composition rendered (with its golden RGD) and simulated, in each of
 * the three runners users copy them for. Each runner must pass all 8 tests; a run that fails (a golden
 * update refused under CI) must be reported as failing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passedCount, runExamples, type Runner } from './runners.js';

describe('examples/testing offline, in each runner', { concurrency: 1 }, () => {
  for (const runner of ['node', 'vitest', 'jest'] as Runner[]) {
    it(`${runner}: render and simulate pass`, async () => {
      const result = await runExamples(runner, 'offline');
      assert.equal(result.code, 0, result.output);
      assert.equal(passedCount(runner, result.output), 8, result.output);
    });
  }

  it('negative control: a golden update under CI fails the run', async () => {
    const result = await runExamples('node', 'offline', { UPDATE_GOLDEN: '1', CI: 'true' });
    assert.notEqual(result.code, 0, result.output);
    assert.match(result.output, /UPDATE_GOLDEN=1 is refused because CI is set/);
    assert.equal(passedCount('node', result.output), 7, result.output);
  });
});
