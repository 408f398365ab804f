/**
 * Trial 7 (V04, V08): a list literal mixing a double with text printed the double by CEL's rules once joined
 * (`['cpu', spec.n].join('=')` gave `cpu=1e+06` for 1000000), and searching a list for a value of another
 * type (reachable through a cast) built `int in list(string)`, which KRO rejects while `typekro check` said ok.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { refusalsIn } from '../support/refusals.js';

const { refusal, at } = refusalsIn(import.meta.filename);
const spec = type({ i: 'number.integer', n: 'number', ports: 'string[]' });

describe('numbers in list literals and searches of another type', () => {
  it('ints beside a double in a list literal are numbers, as in JavaScript', () => {
    const app = kubernetesComposition({ name: 'num-list', kind: 'NumList', spec, status: type({ top: 'number', has: 'boolean' }) }, (s) => {
      const values = [s.i, s.n, 2];
      return { top: values[0] ?? 0, has: values.includes(s.i) };
    });
    for (const input of [{ i: 1, n: 1000000, ports: [] }, { i: 3, n: 0.5, ports: ['80'] }]) {
      const expected = { top: input.i, has: true };
      assert.deepEqual(evaluateConcrete(app, input).status, expected);
      assert.deepEqual(simulate(app, input).status, expected);
    }
  });

  it('a double in a list with text is refused where the list is written', () => {
    const message = refusal(() => kubernetesComposition({ name: 'mixed-list', kind: 'MixedList', spec, status: type({ v: 'string' }) }, (s) => ({ v: ['cpu', s.n].join('=') })));
    assert.equal(
      message,
      `${at("'mixed-list'", 's.n]')}: a floating-point number in a list of other kinds of values: CEL would print it differently from JavaScript (1e+06 for 1000000) wherever the list becomes text\n    s.n\n  hint: convert it to an integer with Math.trunc(...), or keep numbers and text in separate lists`,
    );
  });

  it('searching a list of text for a number is refused, not left to KRO', () => {
    const message = refusal(() =>
      kubernetesComposition({ name: 'cast-search', kind: 'CastSearch', spec, status: type({ v: 'boolean' }) }, (s) => ({ v: (s.ports as unknown as number[]).includes(s.i) })),
    );
    assert.equal(
      message,
      `${at("'cast-search'", '(s.ports as unknown')}: searching a list of string items for an int: JavaScript never finds a value of another type (no conversion), and KRO rejects the expression\n    (s.ports as unknown as number[]).includes(s.i)\n  hint: search for a value of the items' type: convert it first (String(...), or declare the list with the right item type)`,
    );
  });
});
