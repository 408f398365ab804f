/**
 * Offline render reads a quantity a manifest sets as the cluster will store it (runtime/engine/stored-quantities.ts):
 * the manifest itself is kept as written (it is what deploy sends), a read of it through the rendered stand-in
 * gets the canonical text. quantities.cluster.test.ts holds these predictions to a live API server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storedQuantities } from '../../src/runtime/engine/stored-quantities.js';
import { findManifest, render } from '../../src/testing/index.js';
import app, { QUANTITIES } from './fixtures/quantities.js';

describe('offline render: quantities read back as the cluster stores them', () => {
  it('each read of a container request (a ResourceList) and of an emptyDir sizeLimit (a lone Quantity) is canonical', () => {
    assert.deepEqual(QUANTITIES, ['0.5', 0.5, '1024Mi', '1Gi', '1000m', '1e3', 100, '0.1Gi', '100n', '1.5Gi', '0.0001', '1e-10']);
    const rendering = render(app, { name: 'q' });
    const requests = ['500m', '500m', '1Gi', '1Gi', '1', '1e3', '100', '107374182400m', '1m', '1536Mi', '1m', '1e-3'];
    const limits = ['500m', '500m', '1Gi', '1Gi', '1', '1e3', '100', '107374182400m', '100n', '1536Mi', '100u', '1e-9'];
    assert.deepEqual(
      findManifest(rendering, 'seen').data,
      Object.fromEntries(QUANTITIES.flatMap((_, i) => [[`c${i}`, requests[i]], [`v${i}`, limits[i]]])),
    );
    // The Deployment is rendered as written: it is what the deploy sends.
    const pod = (findManifest(rendering, 'web').spec as { template: { spec: { containers: { resources: { requests: { cpu: unknown } } }[] } } }).template.spec;
    assert.deepEqual(pod.containers.map((c) => c.resources.requests.cpu), QUANTITIES);
  });
});

describe('storedQuantities', () => {
  it('writes the quantities of a built-in kind canonically, in a copy; leaves other fields and other kinds alone', () => {
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: '0.5' }, spec: { storageClassName: '1024Mi', resources: { requests: { storage: '1024Mi' }, limits: { storage: 0.5 } } } };
    assert.deepEqual(storedQuantities(claim), { ...claim, spec: { storageClassName: '1024Mi', resources: { requests: { storage: '1Gi' }, limits: { storage: '500m' } } } });
    assert.equal(claim.spec.resources.requests.storage, '1024Mi', 'the input is not changed');
    // A custom resource's fields are stored as written: a CRD schema has no quantity type.
    const custom = { apiVersion: 'example.com/v1', kind: 'Pod', spec: { containers: [{ resources: { requests: { cpu: '0.5' } } }] } };
    assert.equal(storedQuantities(custom), custom);
  });

  it('a value the API server would refuse is left as written (the apply fails there, with its message)', () => {
    const quota = { apiVersion: 'v1', kind: 'ResourceQuota', spec: { hard: { cpu: 'lots', memory: '1.5Gi' } } };
    assert.deepEqual(storedQuantities(quota).spec.hard, { cpu: 'lots', memory: '1536Mi' });
  });
});
