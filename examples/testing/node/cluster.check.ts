// On a real cluster with node:test: one local control plane for the file (or TYPEKRO_TEST_KUBECONFIG's),
// a namespace per test, component logs printed when a test fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inTestNamespace, startTestCluster } from 'typekro/testing';
import { webapp } from '../webapp.js';

const spec = { name: 'shop', image: 'nginx:1.27', replicas: 2, expose: true, regions: ['eu'] };

describe('webapp, deployed', () => {
  let teardown: () => Promise<void> = async () => {};
  before(async () => {
    teardown = await startTestCluster();
  });
  after(() => teardown());

  it('deploys directly and reaches the status the simulation predicts', { timeout: 300_000 }, inTestNamespace(async (ns) => {
    const factory = webapp.factory('direct', { namespace: ns.name, kubeConfig: ns.kubeconfig, timeout: 240_000 });
    const instance = await factory.deploy(spec);
    assert.deepEqual(instance.status, { ready: true, available: 2, endpoint: 'shop:80' });
    await factory.deleteInstance(instance.metadata.name);
  }, { prefix: 'node-webapp' }));
});
