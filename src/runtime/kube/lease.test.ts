import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inTurn, rgdLeaseOf, RGD_LEASE_NAMESPACE } from './lease.js';

const instance = { name: 'typekro.evo.z', namespace: 'e4', instance: 'z', operation: 'deploy', deadline: 5, waitForLock: true } as const;

test('the lease of an RGD: one per RGD in one namespace, naming the RGD and the instance whose deploy holds it (trial 19 F9)', () => {
  assert.deepEqual(rgdLeaseOf('evo', instance), { ...instance, name: 'typekro-rgd.evo', namespace: RGD_LEASE_NAMESPACE, instance: 'e4/z', subject: 'ResourceGraphDefinition evo' });
  assert.equal(rgdLeaseOf('evo', { ...instance, namespace: 'e3', instance: 'y' }).name, 'typekro-rgd.evo');
  // a name too long for a Lease is hashed, still one per RGD
  const long = rgdLeaseOf('r'.repeat(250), instance).name;
  assert.match(long, /^typekro-rgd\.[0-9a-f]{40}$/);
  assert.equal(rgdLeaseOf('r'.repeat(250), { ...instance, instance: 'y' }).name, long);
});

test('runs of one process with one key take turns; other keys do not wait; an abort stops the wait', async () => {
  const order: string[] = [];
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = inTurn('k', async () => {
    order.push('first start');
    await gate;
    order.push('first end');
  });
  const second = inTurn('k', async () => void order.push('second'));
  await inTurn('other', async () => void order.push('other'));
  const abort = new AbortController();
  const third = inTurn('k', async () => void order.push('third'), abort.signal);
  abort.abort(new Error('stop'));
  await assert.rejects(third, /^Error: stop$/);
  release();
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first start', 'other', 'first end', 'second']);
});
