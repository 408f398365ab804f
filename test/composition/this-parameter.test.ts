/**
 * Trial 7 (H24, H25): TypeScript's `this` parameter (`function label(this: void, team, env)`) is erased by the
 * compiler, but the source TypeKro reads kept it, so it was taken for the first parameter: `label(spec.team,
 * spec.env)` bound `team` to `spec.env` and rendered `prod-dev` where JavaScript gives `payments-prod`, and a
 * composition function with one bound `spec` to the instance.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { ConfigMap } from '../../src/simple.js';

function label(this: void, team = 'platform', env = 'dev'): string {
  return `${team}-${env}`;
}

const spec = type({ team: 'string', env: 'string' });
const status = type({ label: 'string', owner: 'string' });

function withThis(this: void, s: typeof spec.infer) {
  ConfigMap({ name: label(s.team, s.env), data: { owner: label(s.team) } });
  return { label: label(s.team, s.env), owner: label(s.team) };
}

describe('TypeScript `this` parameters are erased, as TypeScript erases them', () => {
  it('a helper and a composition function with `this: void` bind their parameters as JavaScript does', () => {
    const app = kubernetesComposition({ name: 'this-param', kind: 'ThisParam', spec, status }, withThis);
    for (const input of [{ team: 'payments', env: 'prod' }, { team: 'a', env: 'b' }]) {
      const expected = { label: `${input.team}-${input.env}`, owner: `${input.team}-dev` };
      assert.deepEqual(evaluateConcrete(app, input).status, expected);
      const simulated = simulate(app, input);
      assert.deepEqual(simulated.status, expected);
      assert.equal((simulated.manifests.find((m) => m.kind === 'ConfigMap')?.metadata as { name?: string } | undefined)?.name, expected.label);
    }
  });
});
