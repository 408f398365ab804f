/**
 * One graph, one semantics: every corpus composition is deployed in kro mode and then in direct mode, in the
 * same namespace with the same spec. The objects (apart from each tool's own labels and annotations and the
 * fields the API server fills in) and the instance status must be the same.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { corpus } from '../corpus/index.js';
import { includesSubset } from '../support/match.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { maskAddresses, snapshot } from './snapshot.js';

const kubeconfig = testKubeConfigPath();

function withoutKroFields(status: unknown): unknown {
  const { state: _state, conditions: _conditions, ...rest } = (status ?? {}) as Record<string, unknown>;
  return rest;
}

describe('the same objects and status in kro and direct mode', { concurrency: 3 }, () => {
  for (const [name, entry] of Object.entries(corpus)) {
    test(name, { timeout: 420_000 }, async () => {
      const kc = testKubeConfig();
      const client = new KubeClient(kc);
      const namespace = await testNamespace(kc, `parity-${name}`.slice(0, 40));
      const graph = entry.composition.graph;
      for (const prerequisite of entry.prerequisites ?? []) {
        await client.apply({ ...prerequisite, metadata: { ...(prerequisite.metadata as object), namespace: namespace.name } } as KubernetesObject);
      }

      const kro = entry.composition.factory('kro', { kubeconfig, namespace: namespace.name, timeout: 180_000 });
      const deployed = await kro.deploy(entry.spec as never);
      const instanceName = deployed.metadata.name;
      const kroStatus = await eventually(`kro status of ${name}`, async () => {
        const { status } = await kro.instanceStatus(instanceName);
        return includesSubset(status, entry.expectedStatus) ? withoutKroFields(status) : undefined;
      }, 120_000);
      const kroSelector = `kro.run/instance-name=${instanceName},kro.run/instance-namespace=${namespace.name}`;
      const kroObjects = await snapshot(kc, graph, kroSelector, namespace.name);
      await kro.deleteInstance(instanceName);
      await eventually(`kro objects of ${name} to be gone`, async () =>
        Object.keys(await snapshot(kc, graph, kroSelector, namespace.name)).length === 0 ? true : undefined, 120_000);

      const direct = entry.composition.factory('direct', { kubeconfig, namespace: namespace.name, timeout: 180_000 });
      const directInstance = await direct.deploy(entry.spec as never);
      const directSelector = `typekro.dev/instance=${instanceName},typekro.dev/instance-namespace=${namespace.name}`;
      const directObjects = await snapshot(kc, graph, directSelector, namespace.name);
      await direct.deleteInstance(instanceName);

      assert.ok(Object.keys(kroObjects).length > 0, 'kro mode created objects');
      assert.deepEqual(directObjects, kroObjects);
      assert.deepEqual(maskAddresses(directInstance.status), maskAddresses(kroStatus));
      await namespace.remove();
    });
  }
});
