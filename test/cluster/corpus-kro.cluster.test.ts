/**
 * Every corpus composition on the real KRO controller: the RGD must become Active, an instance must reach
 * ACTIVE with Ready=True, and its status must reach the expected values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { corpus } from '../corpus/index.js';
import { includesSubset } from '../support/match.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

describe('corpus on KRO', { concurrency: 4 }, () => {
  for (const [name, entry] of Object.entries(corpus)) {
    test(name, { timeout: 240_000 }, async () => {
      const kc = testKubeConfig();
      const client = new KubeClient(kc);
      const namespace = await testNamespace(kc, `kro-${name}`.slice(0, 40));
      for (const prerequisite of entry.prerequisites ?? []) {
        const metadata = { ...(prerequisite.metadata as object), namespace: namespace.name };
        await client.apply({ ...prerequisite, metadata } as KubernetesObject);
      }
      const factory = entry.composition.factory('kro', { kubeconfig, namespace: namespace.name, timeout: 180_000 });
      const instance = await factory.deploy(entry.spec as never);
      assert.equal(instance.state, 'ACTIVE');
      const ref = { apiVersion: `${entry.composition.graph.group}/${entry.composition.graph.version}`, kind: entry.composition.kind, name: instance.metadata.name, namespace: namespace.name };
      let last: unknown;
      await eventually(
        `status of ${name} to include ${JSON.stringify(entry.expectedStatus)}`,
        async () => {
          last = (await client.get(ref) as { status?: unknown } | undefined)?.status;
          return includesSubset(last, entry.expectedStatus) ? true : undefined;
        },
        120_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\nlast status: ${JSON.stringify(last)}`);
      });
      // Cluster-scoped children (cluster-scoped case) would otherwise outlive the test and clash with later ones.
      await factory.deleteInstance(instance.metadata.name);
      await namespace.remove();
    });
  }
});
