import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keptGraphRevision, unseenByKro, withGraphRevision } from './relabel.js';

const instance = (generation: number | undefined, labels: Record<string, string> = {}, confirmed?: string) => ({
  apiVersion: 'x.dev/v1',
  kind: 'X',
  metadata: { name: 'x', labels, ...(confirmed === undefined ? {} : { annotations: { 'typekro.dev/graph-revision': confirmed } }), ...(generation === undefined ? {} : { generation }) },
});

test('an apply KRO would not reconcile: same generation, with a graph new to the instance or read labels', () => {
  const nothing = { labels: false };
  // The instance was last confirmed with RGD generation 2; KRO serves 3 (whether or not this deploy changed the RGD).
  assert.equal(unseenByKro(instance(3, {}, '2'), instance(3), { labels: false, graphRevision: '3' }), 'graph');
  // An existing instance that was never confirmed (deployed by an older TypeKro, or a deploy aborted before Ready):
  // reconciled again, but not said to have another graph (trial 19 F8).
  assert.equal(unseenByKro(instance(3), instance(3), { labels: false, graphRevision: '3' }), 'unconfirmed');
  // Confirmed with the graph KRO serves: its conditions are this graph's.
  assert.equal(unseenByKro(instance(3, {}, '3'), instance(3, {}, '3'), { labels: false, graphRevision: '3' }), undefined);
  assert.equal(unseenByKro(instance(3), instance(3, { team: 'a' }), { labels: true }), 'labels');
  assert.equal(unseenByKro(instance(3, {}, '1'), instance(3, { team: 'a' }), { labels: true, graphRevision: '3' }), 'graph');
  assert.equal(unseenByKro(instance(3, {}, '3'), instance(3, { team: 'a' }, '3'), { labels: true, graphRevision: '3' }), 'labels');
  // labels the composition does not read, or that did not change
  assert.equal(unseenByKro(instance(3), instance(3, { team: 'a' }), nothing), undefined);
  assert.equal(unseenByKro(instance(3, { team: 'a' }), instance(3, { team: 'a' }), { labels: true }), undefined);
  // KRO's own labels are not the user's, nor is the graph generation the deploy records
  assert.equal(unseenByKro(instance(3), instance(3, { 'kro.run/owned': 'true' }), { labels: true }), undefined);
  assert.equal(unseenByKro(instance(3, {}, '2'), instance(3, {}, '3'), { labels: true }), undefined);
  // a new instance, or a new generation confirmed with the graph KRO serves: KRO reconciles it anyway
  assert.equal(unseenByKro(undefined, instance(1), { labels: true, graphRevision: '3' }), undefined);
  assert.equal(unseenByKro(instance(3, {}, '3'), instance(4, { team: 'a' }), { labels: true, graphRevision: '3' }), undefined);
  assert.equal(unseenByKro(instance(undefined), instance(1), { labels: true, graphRevision: '3' }), undefined);
  // a new generation with a graph new to the instance: KRO may reconcile it with the previous graph (trial 16 F3)
  assert.equal(unseenByKro(instance(3, {}, '2'), instance(4, { team: 'a' }), { labels: true, graphRevision: '3' }), 'graph');
});

test('the instance applied before the reconcile keeps the generation the live one was confirmed with', () => {
  const given = { apiVersion: 'x.dev/v1', kind: 'X', metadata: { name: 'x', annotations: { note: 'n' } } };
  assert.deepEqual(keptGraphRevision(given, instance(3, {}, '2')).metadata.annotations, { note: 'n', 'typekro.dev/graph-revision': '2' });
  assert.deepEqual(keptGraphRevision(given, instance(3)).metadata.annotations, { note: 'n' });
  assert.deepEqual(keptGraphRevision(given, undefined), given);
  assert.deepEqual(keptGraphRevision({ ...given, metadata: { name: 'x' } }, undefined).metadata, { name: 'x' });
  // once Ready: the generation KRO served, replacing any other
  assert.deepEqual(withGraphRevision(keptGraphRevision(given, instance(3, {}, '2')), '5').metadata.annotations, { note: 'n', 'typekro.dev/graph-revision': '5' });
});
