/**
 * Trial 12 K1: a value JavaScript builds from an absent observed field loses the concrete run's pending mark
 * as soon as it computes on (`String(x).substring(0, 4)` cut the marker, `` `${x}`.length `` counted it,
 * `x + 1 > 0` compared NaN). The compiled CEL errors on the absent read, so the cluster leaves each of these
 * fields pending; the concrete run now notes where a placeholder becomes text or a number and makes the status
 * fields computed there pending. Each case is held on both sides: `simulate` cross-checks the compiled CEL and
 * throws on any difference. A field that tests the read (`??`, `?.`, `!== undefined`) keeps its value, and so
 * does a comparison of the read itself (`x >= 1` compiles with JavaScript's `undefined`: false).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { evaluateConcrete, kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';
import { simulate } from '../../src/testing/index.js';
import { checkNoMarker } from '../../src/composition/concrete-pending-marker.js';

const fields = {
  sub: 'string', upper: 'string', long: 'string', isUndef: 'boolean', starts: 'boolean', len: 'number', has: 'boolean',
  part: 'string', plusCmp: 'boolean', timesText: 'string', notMinus: 'boolean', max: 'number', local: 'string',
  guarded: 'string', tested: 'boolean', plain: 'string', compared: 'boolean', created: 'string', instanceName: 'string',
} as const;

const app = kubernetesComposition(
  { name: 'absent-taint', apiVersion: 'example.com/v1', kind: 'AbsentTaint', spec: type({ name: /^[a-z0-9-]*$/ }), status: type(fields) },
  (spec, instance) => {
    const d = Deployment({ id: 'd', name: spec.name, image: 'nginx' });
    const tag = `r${d.status.readyReplicas}`;
    return {
      sub: String(d.status.readyReplicas).substring(0, 4),
      upper: `${d.status.readyReplicas}`.toUpperCase(),
      long: String(d.status.readyReplicas).length > 3 ? 'long' : 'short',
      isUndef: `${d.status.readyReplicas}` === 'undefined',
      starts: tag.startsWith('r'),
      len: `${d.status.readyReplicas}`.length,
      has: `${d.status.readyReplicas}`.includes('nd'),
      part: `${d.status.readyReplicas}`.split('e')[0] ?? 'none',
      plusCmp: d.status.readyReplicas + 1 > 0,
      timesText: String(d.status.readyReplicas * 2 > 1),
      notMinus: !(d.status.readyReplicas - 1 > 0),
      max: Math.max(d.status.readyReplicas ?? 0, 1),
      local: tag.substring(0, 2),
      guarded: String(d.status.readyReplicas ?? 0).substring(0, 4),
      tested: d.status.readyReplicas !== undefined,
      plain: spec.name.toUpperCase(),
      compared: d.status.readyReplicas >= 1, // compiles with JavaScript's `undefined`: false on both sides
      created: String(instance.metadata.creationTimestamp).substring(0, 4), // the cluster sets it: pending offline
      instanceName: instance.metadata.name,
    };
  },
);

const derived = ['created', 'sub', 'upper', 'long', 'isUndef', 'starts', 'len', 'has', 'part', 'plusCmp', 'timesText', 'notMinus', 'local'];

describe('values built from an absent observed field are pending however JavaScript computes on (trial 12 K1)', () => {
  it('with readyReplicas absent, every field derived from it is pending in the concrete run and in the compiled CEL', () => {
    const observed = { d: { status: {} } };
    const js = evaluateConcrete(app, { name: 'x' }, { observed });
    assert.deepEqual(js.status, { max: 1, guarded: '0', tested: false, plain: 'X', compared: false, instanceName: 'x' });
    assert.deepEqual([...js.pendingStatus].sort(), [...derived].sort());
    const compiled = simulate(app, { name: 'x' }, { observed }); // throws on any divergence
    assert.deepEqual(compiled.status, js.status);
    assert.deepEqual([...compiled.pending].sort(), [...derived].sort());
  });

  it('with readyReplicas present, every field has the value JavaScript gives, on both sides (the creation time stays pending offline)', () => {
    const observed = { d: { status: { readyReplicas: 2 } } };
    const js = evaluateConcrete(app, { name: 'x' }, { observed });
    const status = {
      sub: '2', upper: '2', long: 'short', isUndef: false, starts: true, len: 1, has: false, part: '2', plusCmp: true,
      timesText: 'true', notMinus: false, max: 2, local: 'r2', guarded: '2', tested: true, plain: 'X', compared: true, instanceName: 'x',
    };
    assert.deepEqual([js.status, js.pendingStatus], [status, ['created']]);
    const compiled = simulate(app, { name: 'x' }, { observed });
    assert.deepEqual([compiled.status, compiled.pending], [status, ['created']]);
  });

  it('a status value holding a piece of the marker is refused as a TypeKro bug, never returned', () => {
    assert.throws(() => checkNoMarker({ a: ['ok', '\u0001\u0004pe'] }, 'status'), /internal: status\.a\[1\] holds a piece of the concrete run's pending marker \("\\u0001\\u0004pe"\); a TypeKro bug/);
    assert.doesNotThrow(() => checkNoMarker({ a: 'undefined', b: ['pending'] }, 'status'));
  });
});
