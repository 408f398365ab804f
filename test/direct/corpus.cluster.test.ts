/**
 * Every corpus composition in direct mode: it must deploy, reach the same expected status as on KRO
 * (test/cluster/corpus-kro.cluster.test.ts checks the KRO side), and delete cleanly.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { listByLabel } from '../../src/runtime/kube/list.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { corpus } from '../corpus/index.js';
import { includesSubset } from '../support/match.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const kubeconfig = testKubeConfigPath();

describe('corpus in direct mode', { concurrency: 4 }, () => {
  for (const [name, entry] of Object.entries(corpus)) {
    test(name, { timeout: 240_000 }, async () => {
      const kc = testKubeConfig();
      const client = new KubeClient(kc);
      const namespace = await testNamespace(kc, `direct-${name}`.slice(0, 40));
      try {
        for (const prerequisite of entry.prerequisites ?? []) {
          const metadata = { ...(prerequisite.metadata as object), namespace: namespace.name };
          await client.apply({ ...prerequisite, metadata } as KubernetesObject);
        }
        const factory = entry.composition.factory('direct', { kubeconfig, namespace: namespace.name, timeout: 180_000 });
        const instance = await factory.deploy(entry.spec as never);
        assert.ok(includesSubset(instance.status, entry.expectedStatus), `status ${JSON.stringify(instance.status)} should include ${JSON.stringify(entry.expectedStatus)}`);
        await factory.deleteInstance(instance.metadata.name);
        for (const resource of entry.composition.graph.resources) {
          if (resource.externalRef) continue;
          const selector = `typekro.dev/instance=${instance.metadata.name},typekro.dev/instance-namespace=${namespace.name},typekro.dev/resource-id=${resource.id}`;
          const left = await listByLabel(kc, resource.apiVersion, resource.kind, selector).catch(() => []);
          assert.equal(left.length, 0, `${resource.id} left behind after deleteInstance`);
        }
      } finally {
        await namespace.remove();
      }
    });
  }
});
