/**
 * Direct mode waits for each item of a forEach collection alone (the item is then the only one observed):
 * its reason must still carry the item's index in the whole collection, not "item 0" for every item (the
 * deploy progress showed every item of a collection as item 0).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph, resourceReadiness } from '../../src/runtime/engine/index.js';
import { PROBE_ID, probeGraph } from './probe-graph.js';

const engine = createCelEngine();
const instance = { name: 'demo', namespace: 'default' };
const unavailable = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'c', namespace: 'default', generation: 1 },
  spec: { replicas: 3 },
  status: { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 1 },
};

describe('a collection item checked alone keeps its index', () => {
  const prepared = prepareGraph(probeGraph(unavailable, true), engine);
  const input = { spec: { items: ['a', 'b', 'c'] }, instance, observed: new Map([[PROBE_ID, [unavailable]]]) };
  it('the third item is item 2', () => {
    assert.equal(resourceReadiness(prepared, PROBE_ID, 1, input, 2).reason, 'item 2: 1/3 availableReplicas');
  });
  it('without an index the first observed item is item 0 (the whole collection checked at once)', () => {
    assert.equal(resourceReadiness(prepared, PROBE_ID, 1, input).reason, 'item 0: 1/3 availableReplicas');
  });
});
