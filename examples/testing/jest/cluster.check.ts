// On a real cluster with Jest: one local control plane per run (jest/global-setup.mjs, or TYPEKRO_TEST_KUBECONFIG's),
// a namespace per test, component logs printed when a test fails.
import { describe, expect, it } from '@jest/globals';
import { inTestNamespace } from 'typekro/testing';
import { webapp } from '../webapp.js';

const spec = { name: 'shop', image: 'nginx:1.27', replicas: 2, expose: true, regions: ['eu'] };

describe('webapp, deployed', () => {
  it('deploys directly and reaches the status the simulation predicts', inTestNamespace(async (ns) => {
    const factory = webapp.factory('direct', { namespace: ns.name, kubeConfig: ns.kubeconfig, timeout: 240_000 });
    const instance = await factory.deploy(spec);
    expect(instance.status).toEqual({ ready: true, available: 2, endpoint: 'shop:80' });
    await factory.deleteInstance(instance.metadata.name);
  }, { prefix: 'jest-webapp' }), 300_000);
});
