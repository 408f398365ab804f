/**
 * The window between the ownership check and the apply (issue 13, point 2): a foreign write made after the
 * check and before the apply (the session's awaited `onApplying` hook, not public API) is refused by the API
 * server, because each first apply carries what the check read: the resourceVersion of an object that
 * existed, a create-only version for one that did not. The object is read and judged again: another owner's
 * object fails the deploy with OwnershipConflictError and stays as that owner wrote it; a change that leaves
 * the object the instance's own (a system manager's write) is applied over.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { createCelEngine } from '../../src/runtime/cel/index.js';
import { prepareGraph } from '../../src/runtime/engine/index.js';
import { deployDirect, OwnershipConflictError, type DirectSession } from '../../src/runtime/direct/index.js';
import { KubeClient, type ObjectRef } from '../../src/runtime/kube/client.js';
import { namespacedLookup } from '../../src/runtime/kube/list.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, graph, spec, x } from '../direct/support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const client = new KubeClient(kc);

describe('ownership: a foreign write between the check and the apply', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  before(async () => (namespace = await testNamespace(kc, 'race')));
  after(() => namespace?.remove());

  const prepared = prepareGraph(graph('race', [configMap('config', 'config', { value: x(spec('value')) })]), createCelEngine());
  const session = (instance: string, value: string, onApplying?: (ref: ObjectRef) => Promise<void>): DirectSession => ({
    prepared,
    client,
    instance: { name: instance, namespace: namespace.name },
    owner: { composition: 'race', instance, namespace: namespace.name },
    spec: { name: 'shared', value, replicas: 1, flag: true },
    readiness: 'exists',
    deadline: Date.now() + 60_000,
    namespaced: namespacedLookup(client),
    progress: () => undefined,
    ...(onApplying ? { onApplying: (_id: string, ref: ObjectRef) => onApplying(ref) } : {}),
  });
  const read = () => core.readNamespacedConfigMap({ name: 'shared-config', namespace: namespace.name });
  /** What another TypeKro instance's deploy writes: its labels, with TypeKro's own field manager. */
  const alphaWrites = (ref: ObjectRef, value: string) =>
    client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ref.name, namespace: ref.namespace, labels: { 'typekro.dev/composition': 'race', 'typekro.dev/instance': 'alpha', 'typekro.dev/instance-namespace': namespace.name } }, data: { value } } as KubernetesObject);

  it('an object absent at the check and created by another owner before the apply: refused, left as the other owner made it', async () => {
    let wrote = 0;
    const beta = session('beta', 'from-beta', async (ref) => {
      wrote++;
      await alphaWrites(ref, 'from-alpha');
    });
    await assert.rejects(deployDirect(beta), (error: unknown) => {
      assert.ok(error instanceof OwnershipConflictError, String(error));
      assert.deepEqual(error.owners, [{ object: `ConfigMap ${namespace.name}/shared-config`, owner: `TypeKro instance "alpha" of composition "race" (namespace ${namespace.name}, direct mode)` }]);
      return true;
    });
    assert.equal(wrote, 1, 'the foreign write happened between the check and the apply');
    const live = await read();
    assert.equal(live.data?.value, 'from-alpha');
    assert.equal(live.metadata?.labels?.['typekro.dev/instance'], 'alpha');
    await core.deleteNamespacedConfigMap({ name: 'shared-config', namespace: namespace.name });
  });

  it("an instance's own object taken by another owner after the check: the versioned apply is refused, and the object stays the other owner's", async () => {
    await deployDirect(session('beta', 'first'));
    assert.equal((await read()).metadata?.labels?.['typekro.dev/instance'], 'beta');
    const beta = session('beta', 'second', (ref) => alphaWrites(ref, 'taken').then(() => undefined));
    await assert.rejects(deployDirect(beta), OwnershipConflictError);
    const live = await read();
    assert.equal(live.data?.value, 'taken');
    assert.equal(live.metadata?.labels?.['typekro.dev/instance'], 'alpha');
  });

  it('a write that leaves the object the instance\'s own (a system manager\'s) between check and apply: applied over with the new version', async () => {
    // beta takes its object back (the same field manager as alpha's write)
    await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared-config', namespace: namespace.name, labels: { 'typekro.dev/composition': 'race', 'typekro.dev/instance': 'beta', 'typekro.dev/instance-namespace': namespace.name } }, data: { value: 'taken' } } as KubernetesObject);
    let before: string | undefined;
    const beta = session('beta', 'third', async (ref) => {
      before = (await read()).metadata?.resourceVersion;
      await client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ref.name, namespace: ref.namespace, annotations: { touched: 'yes' } } } as KubernetesObject, { fieldManager: 'kube-controller-manager' });
    });
    await deployDirect(beta);
    const live = await read();
    assert.notEqual(live.metadata?.resourceVersion, before, 'the object was written in between');
    assert.equal(live.data?.value, 'third');
    assert.equal(live.metadata?.annotations?.touched, 'yes');
    assert.equal(live.metadata?.labels?.['typekro.dev/instance'], 'beta');
  });
});
