/**
 * An absent list of an observed resource (`d.status.conditions` before the controller wrote it) iterated or
 * called on: JavaScript throws (`undefined.map`), the compiled CEL fails on the read, so the cluster leaves
 * the field pending. The concrete run used to give `undefined` for the method (a status `!list.some(...)` was
 * a definite `true`, `list.map(...).length` threw):
 * now each is noted where it happens and the fields computed there are pending, on both sides (`simulate`
 * cross-checks the compiled CEL and throws on any difference). `?.` and `?? []` test the read and keep
 * their values. A `Cel.*` call over a field of a resource that is not observed, or over an absent field, was
 * refused as a bad part (`got function`, `got undefined`): it is pending like any other read there.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';

const lists = kubernetesComposition(
  {
    name: 'absent-lists', apiVersion: 'example.com/v1', kind: 'AbsentLists', spec: type({ name: 'string' }),
    status: type({ statuses: 'string', count: 'number', noneTrue: 'boolean', guarded: 'number', optional: 'boolean' }),
  },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const statuses = d.status.conditions.map((c) => c.status ?? '');
    return {
      statuses: statuses.join(','),
      count: statuses.length,
      noneTrue: !d.status.conditions.some((c) => c.status === 'True'),
      guarded: (d.status.conditions ?? []).length,
      optional: d.status.conditions?.some((c) => c.status === 'True') ?? false,
    };
  },
);

const cel = kubernetesComposition(
  { name: 'cel-over-missing', apiVersion: 'example.com/v1', kind: 'CelOverMissing', spec: type({ name: 'string' }), status: type({ plus: 'number', text: 'string', pick: 'string', name: 'string' }) },
  (spec) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    return {
      plus: Cel.expr<number>(d.status.readyReplicas, ' + 1'),
      text: Cel.template('ready: %s', d.status.readyReplicas),
      pick: Cel.cond(Cel.expr<boolean>(d.status.readyReplicas, ' > 0'), 'up', 'down'),
      name: spec.name,
    };
  },
);

describe('an absent observed list iterated or called on is pending, as the compiled CEL is', () => {
  it('with the conditions absent, the fields that iterate them are pending on both sides; ?? [] and ?. keep their values', () => {
    const observed = { d: { status: {} } };
    const js = evaluateConcrete(lists, { name: 'x' }, { observed });
    assert.deepEqual([js.status, js.pendingStatus], [{ guarded: 0, optional: false }, ['statuses', 'count', 'noneTrue']]);
    const compiled = simulate(lists, { name: 'x' }, { observed });
    assert.deepEqual([compiled.status, compiled.pending], [js.status, js.pendingStatus]);
  });

  it('with the conditions there, every field has its JavaScript value on both sides', () => {
    const observed = { d: { status: { conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'False' }] } } };
    const status = { statuses: 'True,False', count: 2, noneTrue: false, guarded: 2, optional: true };
    assert.deepEqual(evaluateConcrete(lists, { name: 'x' }, { observed }).status, status);
    assert.deepEqual(simulate(lists, { name: 'x' }, { observed }).status, status);
  });
});

describe('a Cel.* call over a read that has no value yet is pending', () => {
  for (const [state, observed] of [['not observed', {}], ['observed without the field', { d: { status: {} } }]] as const) {
    it(`the resource ${state}: no throw, the Cel fields pending on both sides`, () => {
      const js = evaluateConcrete(cel, { name: 'x' }, { observed });
      assert.deepEqual([js.status, js.pendingStatus], [{ name: 'x' }, ['plus', 'text', 'pick']]);
      const compiled = simulate(cel, { name: 'x' }, { observed });
      assert.deepEqual([compiled.status, compiled.pending], [{ name: 'x' }, ['plus', 'text', 'pick']]);
    });
  }

  it('with the field there, the Cel fields have their values (opaque to JavaScript, evaluated by the compiled side)', () => {
    const observed = { d: { status: { readyReplicas: 2 } } };
    assert.deepEqual(simulate(cel, { name: 'x' }, { observed }).status, { plus: 3, text: 'ready: 2', pick: 'up', name: 'x' });
    assert.equal(evaluateConcrete(cel, { name: 'x' }, { observed }).status.text, 'ready: 2');
  });
});
