/**
 * Two resources of one instance that name the same object (names from spec fields that happen to be equal,
 * trial finding B16) are refused before anything is applied, in both modes: kro mode checks the children the
 * planner names from the spec (kroChildren), direct mode the first plan's manifests (deployDirect's preflight),
 * both with checkDistinctObjects.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { checkDistinctObjects, prepareGraph } from '../../src/runtime/engine/index.js';
import { kroChildren } from '../../src/runtime/kro/ownership.js';
import { graph, node, spec, x } from '../direct/support.js';
import { checkLiteralNames } from '../../src/composition/duplicate-names.js';
import { duplicateObjectMessage } from '../../src/util/object-identity.js';

const twoNamedFromSpec = prepareGraph(
  graph('dup', [
    node('first', 'v1', 'ConfigMap', { metadata: { name: x(spec('name')) }, data: { k: 'a' } }),
    node('second', 'v1', 'ConfigMap', { metadata: { name: x(spec('value')) }, data: { k: 'b' } }),
  ]),
  createCelEngine(),
);
const namespaced = async (): Promise<boolean> => true;

it('refuses two resources whose names from the spec coincide, naming both ids and the object', async () => {
  const children = await kroChildren(twoNamedFromSpec, { kind: 'Dup', name: 'i', namespace: 'dev', spec: { name: 'same', value: 'same', replicas: 1, flag: true } }, namespaced);
  assert.throws(() => checkDistinctObjects(children.manifests), {
    code: 'SPEC_INVALID',
    message: 'resources "first" and "second" both make ConfigMap "same" in namespace dev: one object would hold the last one\'s content. Nothing was applied; give them different names (check the spec values their names are made of)',
  });
});

it('accepts the same resources when the spec gives different names, and equal names of different kinds or namespaces', async () => {
  const children = await kroChildren(twoNamedFromSpec, { kind: 'Dup', name: 'i', namespace: 'dev', spec: { name: 'one', value: 'two', replicas: 1, flag: true } }, namespaced);
  assert.equal(children.manifests.length, 2);
  checkDistinctObjects(children.manifests);
  checkDistinctObjects([
    { resourceId: 'a', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'dev' } } },
    { resourceId: 'b', manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'same', namespace: 'dev' } } },
    { resourceId: 'c', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'prod' } } },
  ]);
});

it('one key and one message at definition (literal names) and before the first apply (computed names)', () => {
  const identity = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'dev', name: 'same' };
  const literal = (id: string) => node(id, 'v1', 'ConfigMap', { metadata: { name: 'same', namespace: 'dev' } });
  const sentence = duplicateObjectMessage('first', 'second', identity);
  assert.equal(sentence, 'resources "first" and "second" both make ConfigMap "same" in namespace dev: one object would hold the last one\'s content');
  assert.throws(() => checkLiteralNames([literal('first'), literal('second')]), (error: Error) => error.message.startsWith(`${sentence}\n  hint: `));
  const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'dev' } };
  assert.throws(() => checkDistinctObjects([{ resourceId: 'first', manifest }, { resourceId: 'second', manifest }]), (error: Error) => error.message.startsWith(`${sentence}. Nothing was applied`));
  // an absent namespace and an empty one name the same object, in both checks
  const bare = node('third', 'v1', 'ConfigMap', { metadata: { name: 'same', namespace: '' } });
  assert.throws(() => checkLiteralNames([node('first', 'v1', 'ConfigMap', { metadata: { name: 'same' } }), bare]), /resources "first" and "third" both make ConfigMap "same":/);
});
