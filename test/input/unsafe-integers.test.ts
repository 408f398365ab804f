/**
 * An integer spec field given a value beyond ±(2^53 - 1) (trial 20 F8: `--set n=1e21`, or 2^63, which no int64
 * holds): arktype's `number.integer` takes it, JavaScript then wrote `${spec.n}` as "1e+21" while direct mode
 * wrote the number field as 1000000000000000000000. Both modes, the offline renderers and the CLI refuse it up
 * front, naming the field, the value and the way out, as ±Infinity is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateConcrete } from '../../src/index.js';
import { render } from '../../src/testing/index.js';
import { typekro, transcript } from '../cli/run.js';
import integers from './fixtures/integers.js';

const WHY = 'beyond ±9007199254740991 an integer is not exact in JavaScript';
const OUT = 'keep it within ±9007199254740991, or declare the field as text (a string)';
const closed = { kubeconfig: '/nonexistent/kubeconfig', timeout: 5_000 };

describe('an integer spec value beyond the safe range', () => {
  it('is refused by both modes and the offline renderers, naming the field, nested and in a list', async () => {
    const spec = { n: 1e21, limits: { cpu: -(2 ** 63) }, ports: [80, 2 ** 53] };
    const expected = 'invalid spec for composition "integers":\n'
      + `  - spec.n is 1e+21: ${WHY} (this one is written 1e+21 in a text and 1000000000000000000000 in a number field); ${OUT}\n`
      + `  - spec.limits.cpu is -9223372036854776000: ${WHY} (this one is written -9223372036854776000 in a text and -9223372036854775808 in a number field); ${OUT}\n`
      + `  - spec.ports[1] is 9007199254740992: ${WHY} (this one is written 9007199254740992 in a text and 9007199254740992 in a number field); ${OUT}`;
    for (const factory of [integers.factory('direct', closed), integers.factory('kro', closed)]) {
      await assert.rejects(factory.deploy(spec), (error: Error & { code?: string }) => error.code === 'SPEC_INVALID' && error.message === expected);
    }
    assert.throws(() => integers.toYaml(spec), (error: Error) => error.message === expected);
    assert.throws(() => integers.instanceYaml(spec), (error: Error) => error.message === expected);
    assert.throws(() => evaluateConcrete(integers, spec), (error: Error) => error.message === expected);
    assert.throws(() => render(integers, spec), (error: Error) => error.message === expected);
  });

  it('the largest safe integers and big numbers of a number field pass', () => {
    const spec = { n: Number.MAX_SAFE_INTEGER, limits: { cpu: -Number.MAX_SAFE_INTEGER }, ports: [0], size: 1e21 };
    assert.ok(integers.instanceYaml(spec).includes('"n": 9007199254740991\n  limits:\n    cpu: -9007199254740991'));
  });

  it('--set n=1e21 is refused by render and check', async () => {
    const expected = `typekro: invalid spec for composition "integers":\n  - spec.n is 1e+21: ${WHY} (this one is written 1e+21 in a text and 1000000000000000000000 in a number field); ${OUT}`;
    for (const args of [['render', '--manifests'], ['check']]) {
      const result = await typekro([args[0]!, 'test/input/fixtures/integers.ts', ...args.slice(1), '--set', 'n=1e21']);
      assert.equal(result.code, 2, transcript(result));
      assert.ok(result.stderr.startsWith(expected), transcript(result));
    }
  });
});
