/**
 * K3, live: the kit's stored form of a manifest (`storedForm`, what `simulate` evaluates status against) is
 * the object a real kube-apiserver stores. Each manifest of stored-manifests.ts is applied with server-side
 * dry-run (direct mode's own apply: defaulting, admission and quantity canonicalisation run, nothing is
 * persisted), and the returned object is compared with the kit's prediction leaf by leaf. A field only the
 * API server sets, one only the kit sets or a value that differs fails the test, unless NOT_MODELLED names
 * it with the reason (values allocated at random, admission plugins' additions, status).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { storedForm } from '../../src/testing/index.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { differences, STORED_CASES } from './stored-manifests.js';

describe('storedForm against a live API server (server-side dry-run apply)', () => {
  const client = new KubeClient(testKubeConfig());
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => void (ns = await testNamespace(testKubeConfig(), 'stored')));
  after(async () => ns?.remove());

  for (const manifest of STORED_CASES) {
    const { kind, metadata } = manifest as { kind: string; metadata: { name: string } };
    it(`${kind} ${metadata.name}`, async () => {
      const sent = { ...manifest, metadata: { ...metadata, namespace: ns.name } };
      const stored = (await client.apply(sent as never, { dryRun: true, force: true })) as unknown as Record<string, unknown>;
      assert.deepEqual(differences(stored, storedForm(sent)), []);
    });
  }
});

describe('JSON numbers in quantity fields', () => {
  it('are stored as the canonical form of their JSON text, as storedForm says', async () => {
    const ns = await testNamespace(testKubeConfig(), 'stored-number');
    try {
      const numbers = [0.5, 2, 100, 1000, 1024, 1.5, 0.001, 1e-7, 1e21, 123456789012, 0.30000000000000004];
      const pod = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'p', namespace: ns.name }, template: { spec: { volumes: numbers.map((n, i) => ({ name: `v${i}`, emptyDir: { sizeLimit: n } })), containers: numbers.map((n, i) => ({ name: `c${i}`, image: 'nginx', resources: { requests: { cpu: n } } })) } } };
      const stored = (await new KubeClient(testKubeConfig()).apply(pod as never, { dryRun: true, force: true })) as unknown as Record<string, unknown>;
      assert.deepEqual(differences(stored, storedForm(pod)), []);
    } finally {
      await ns.remove();
    }
  });
});
