/**
 * Two resources whose names come from spec fields that coincide (trial finding B16): direct deploy used to
 * report success with one object holding one of the two contents. It is refused before anything is applied.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMapNames, factoryFor, node, spec, x } from './support.js';

const kc = testKubeConfig();

describe('direct mode: two resources naming one object', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-duplicates')));
  after(async () => ns?.remove());

  it('is refused naming both resources and the object, and applies nothing (not even the record)', async () => {
    const factory = factoryFor('dup-names', [
      node('first', 'v1', 'ConfigMap', { metadata: { name: x(spec('name')) }, data: { k: 'a' } }),
      node('second', 'v1', 'ConfigMap', { metadata: { name: x(spec('value')) }, data: { k: 'b' } }),
    ], { namespace: ns.name });
    await assert.rejects(factory.deploy({ name: 'same', value: 'same', replicas: 1, flag: true }), {
      code: 'SPEC_INVALID',
      message: `resources "first" and "second" both make ConfigMap "same" in namespace ${ns.name}: one object would hold the last one's content; give them different names (check the spec values their names are made of). Nothing was applied`,
    });
    assert.deepEqual(await configMapNames(kc, ns.name), []);
  });
});
