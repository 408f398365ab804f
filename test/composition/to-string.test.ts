/**
 * Trial 6 (G08 addendum): `spec.s.toString()` was refused with a hint about position arguments. The table of
 * string methods was read by plain lookup, and `toString` is a name every object literal inherits, so it
 * answered with Object.prototype.toString. `x.toString()` of a string is the string, of an int `string(x)`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ s: 'string', n: 'number.integer' });

describe('toString() and other names every object inherits', () => {
  it('toString() of a string and of an int compiles and means what JavaScript means', () => {
    const app = kubernetesComposition({ name: 'to-string', kind: 'ToString', spec, status: type({ v: 'string', w: 'string' }) }, (s) => ({ v: s.s.toString(), w: s.n.toString() }));
    assert.match(app.toYaml(), /v: \$\{schema\.spec\.s\}\n\s+w: \$\{string\(schema\.spec\.n\)\}/);
    for (const input of [{ s: 'abc', n: 42 }, { s: '', n: -7 }]) {
      const expected = { v: input.s.toString(), w: input.n.toString() };
      assert.deepEqual(evaluateConcrete(app, input).status, expected);
      assert.deepEqual(simulate(app, input).status, expected);
    }
  });

  it('valueOf() of a string is refused as a method without a CEL equivalent, not as a wrong arity', () => {
    const message = refusal(() => kubernetesComposition({ name: 'value-of', kind: 'ValueOf', spec, status: type({ v: 'string' }) }, (s) => ({ v: s.s.valueOf() })));
    assert.equal(message, `${at("'value-of'", 's.s.valueOf()')}: the string method \`valueOf\` has no CEL equivalent\n    s.s.valueOf()\n  hint: write the CEL yourself with Cel.expr(...)`);
  });
});
