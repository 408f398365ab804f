import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unseenByKro } from './relabel.js';

const instance = (generation: number | undefined, labels: Record<string, string> = {}) => ({ apiVersion: 'x.dev/v1', kind: 'X', metadata: { name: 'x', labels, ...(generation === undefined ? {} : { generation }) } });

test('an apply KRO would not reconcile: same generation, with a changed graph or read labels', () => {
  const nothing = { labels: false, graph: false };
  assert.equal(unseenByKro(instance(3), instance(3), { labels: false, graph: true }), 'graph');
  assert.equal(unseenByKro(instance(3), instance(3, { team: 'a' }), { labels: true, graph: false }), 'labels');
  assert.equal(unseenByKro(instance(3), instance(3, { team: 'a' }), { labels: true, graph: true }), 'graph');
  // labels the composition does not read, or that did not change
  assert.equal(unseenByKro(instance(3), instance(3, { team: 'a' }), nothing), undefined);
  assert.equal(unseenByKro(instance(3, { team: 'a' }), instance(3, { team: 'a' }), { labels: true, graph: false }), undefined);
  // KRO's own labels are not the user's
  assert.equal(unseenByKro(instance(3), instance(3, { 'kro.run/owned': 'true' }), { labels: true, graph: false }), undefined);
  // a new instance, or a new generation: KRO reconciles it anyway
  assert.equal(unseenByKro(undefined, instance(1), { labels: true, graph: true }), undefined);
  assert.equal(unseenByKro(instance(3), instance(4, { team: 'a' }), { labels: true, graph: true }), undefined);
  assert.equal(unseenByKro(instance(undefined), instance(1), { labels: true, graph: true }), undefined);
});
