/**
 * ±Infinity in a spec (trial 18 F8): arktype's `number` takes it, JSON writes it as `null`, so kro mode
 * failed after the graph was applied ("spec.n: Invalid value: \"null\"") and direct mode deployed it. Both
 * modes, the offline renderers and the CLI now refuse it up front, naming the field, as NaN was refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typekro, transcript } from '../cli/run.js';
import numbers from './fixtures/numbers.js';

const WHY = 'JSON, and so Kubernetes, cannot hold it (it would be written as null); give a finite number';
const closed = { kubeconfig: '/nonexistent/kubeconfig', timeout: 5_000 };

describe('a non-finite number in the spec', () => {
  it('is refused by both modes and the offline renderers, naming the field, typed or untyped', async () => {
    const spec = { n: -Infinity, extra: { deep: [1, Infinity], nan: Number.NaN } };
    const expected = `invalid spec for composition "numbers":\n  - spec.n is -Infinity: ${WHY}\n  - spec.extra.deep[1] is Infinity: ${WHY}\n  - spec.extra.nan is NaN: ${WHY}`;
    for (const factory of [numbers.factory('direct', closed), numbers.factory('kro', closed)]) {
      await assert.rejects(factory.deploy(spec), (error: Error & { code?: string }) => error.code === 'SPEC_INVALID' && error.message === expected);
    }
    assert.throws(() => numbers.toYaml(spec), (error: Error) => error.message === expected);
    assert.throws(() => numbers.instanceYaml(spec), (error: Error) => error.message === expected);
  });

  it('a typed NaN keeps the schema\'s one problem', () => {
    assert.throws(() => numbers.toYaml({ n: Number.NaN }), (error: Error) => error.message === 'invalid spec for composition "numbers":\n  - spec.n must be a number (was NaN)');
  });

  it('--set n=-.inf is refused by check and render before anything else (as a scalar kubectl reads otherwise)', async () => {
    for (const args of [['check', '--set', 'n=-.inf'], ['render', '--instance', '--set', 'n=-.inf']]) {
      const result = await typekro([args[0]!, 'test/input/fixtures/numbers.ts', ...args.slice(1)]);
      assert.equal(result.code, 2, transcript(result));
      assert.ok(result.stderr.startsWith('typekro: --set n: -.inf is read as -Infinity here'), transcript(result));
    }
  });
});
