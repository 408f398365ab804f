/**
 * `simulate` reports a collection item by item, each with its own verdict and reason, by the runtime's one
 * readiness (engine/plan.ts `objectsReadiness`, the one `typekro status` uses). Before, a collection was one
 * row whose reason was its first failing item's, and the other items' verdicts were not shown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { created, findResource, simulate } from '../../src/testing/index.js';
import { shop } from './compositions.js';

const synced = kubernetesComposition(
  { name: 'synced', apiVersion: 'example.com/v1', kind: 'Synced', spec: type({ regions: 'string[]', skip: 'boolean' }) },
  (spec) => {
    for (const region of spec.regions) {
      ConfigMap({ id: 'regions', name: `app-${region}`, data: { region } }).withReadyWhen((self) => self.data?.state === 'synced');
    }
    ConfigMap({ id: 'single', name: 'single', data: {} });
    for (const region of spec.regions) ConfigMap({ id: 'extra', name: `opt-${region}`, data: { region } }).withIncludeWhen(!spec.skip);
  },
);
const rows = (items: readonly { index: number; name?: string; observed: boolean; ready: boolean; reason: string; failed: boolean }[] | undefined): unknown[] | undefined =>
  items?.map((item) => [item.index, item.name, item.observed, item.ready, item.reason, item.failed]);

describe('simulate: a collection item by item', () => {
  it('each observed item has its own verdict; the collection says the first item not ready, as a deploy waits for it', () => {
    const result = simulate(synced, { regions: ['eu', 'us', 'ap'], skip: false }, { observed: { regions: [{ data: { state: 'synced' } }, { data: { state: 'stale' } }, {}] } });
    const regions = findResource(result, 'regions');
    // The object's own string is not shown: the condition does not quote it and no controller wrote it (engine/plan.ts).
    const falseReason = 'item 1: readyWhen is false: `has(each.data.state) && each.data.state == "synced"`';
    assert.deepEqual(rows(regions.items), [
      [0, 'app-eu', true, true, 'ready', false],
      [1, 'app-us', true, false, falseReason, false],
      [2, 'app-ap', true, false, 'item 2: readyWhen is false: `has(each.data.state) && each.data.state == "synced"` with data.state absent', false],
    ]);
    assert.deepEqual([regions.ready, regions.reason], [false, falseReason]);
    assert.deepEqual(regions.items!.map((item) => (item.manifest?.data as { region?: string } | undefined)?.region), ['eu', 'us', 'ap']);
    assert.deepEqual(regions.items!.map((item) => item.manifest), regions.manifests);
  });

  it('nothing observed: every item the plan renders is not created yet; a resource that is not a collection has no items', () => {
    const result = simulate(synced, { regions: ['eu', 'us'], skip: false });
    assert.deepEqual(rows(findResource(result, 'regions').items), [
      [0, 'app-eu', false, false, 'not created yet', false],
      [1, 'app-us', false, false, 'not created yet', false],
    ]);
    assert.equal('items' in findResource(result, 'single'), false);
  });

  it('every item ready: the collection is ready', () => {
    const result = simulate(synced, { regions: ['eu', 'us'], skip: true }, { observed: { regions: [{ data: { state: 'synced' } }, { data: { state: 'synced' } }] } });
    const regions = findResource(result, 'regions');
    assert.deepEqual([regions.ready, regions.reason, rows(regions.items)], [true, 'ready', [[0, 'app-eu', true, true, 'ready', false], [1, 'app-us', true, true, 'ready', false]]]);
  });

  it('a collection skipped by its condition has no items; one waiting for a dependency shows none rendered', () => {
    const skipped = simulate(synced, { regions: ['eu'], skip: true });
    assert.deepEqual([findResource(skipped, 'extra').plan, findResource(skipped, 'extra').items], ['skipped', []]);
    const waiting = simulate(shop, { name: 'shop', replicas: 2, expose: false, regions: ['eu', 'us'] });
    assert.deepEqual([findResource(waiting, 'regions').plan, findResource(waiting, 'regions').items], ['waiting', []]);
    const observed = simulate(shop, { name: 'shop', replicas: 2, expose: false, regions: ['eu', 'us'] }, { observed: { web: { status: { readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, replicas: 2, observedGeneration: 1 }, metadata: { generation: 1 } }, regions: [created(), created()] } });
    assert.deepEqual(rows(findResource(observed, 'regions').items), [
      [0, 'shop-eu', true, true, 'ready', false],
      [1, 'shop-us', true, true, 'ready', false],
    ]);
  });
});
