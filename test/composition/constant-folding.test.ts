/**
 * Trial 7 (H12): a read or call that involves no reference was compiled, so CEL's rules answered where
 * JavaScript had already decided the value: `'Straße'.toUpperCase()` gave `STRAßE` (JavaScript: `STRASSE`),
 * `'ÉCOLE'.toLowerCase()` `École`, and `'x😀'.length` counted 2 code points where JavaScript counts 3 UTF-16
 * units. Such values are now JavaScript's own, also through module constants.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { ConfigMap } from '../../src/simple.js';

const LABEL = 'Straße'.toUpperCase();
const CPU = Math.floor(2.5);

describe('values that involve no reference are JavaScript\'s own', () => {
  it('case mapping, length and Math of constants, combined with references, mean what JavaScript means', () => {
    const app = kubernetesComposition(
      { name: 'folding', kind: 'Folding', spec: type({ name: 'string', n: 'number.integer' }), status: type({ label: 'string', width: 'number', cpu: 'number' }) },
      (spec) => {
        ConfigMap({ name: spec.name, data: { label: `${LABEL}-${spec.name}`, lower: `${'ÉCOLE'.toLowerCase()}-${spec.name}` } });
        return { label: `${LABEL}-${spec.name}`, width: 'x😀'.length + spec.n, cpu: CPU + spec.n };
      },
    );
    for (const input of [{ name: 'web', n: 1 }, { name: 'db', n: -4 }]) {
      const expected = { label: `STRASSE-${input.name}`, width: 3 + input.n, cpu: 2 + input.n };
      assert.deepEqual(evaluateConcrete(app, input).status, expected);
      const simulated = simulate(app, input);
      assert.deepEqual(simulated.status, expected);
      assert.equal((simulated.manifests.find((m) => m.kind === 'ConfigMap')?.data as Record<string, string> | undefined)?.['lower'], `école-${input.name}`);
    }
  });
});
