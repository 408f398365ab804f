/**
 * The seed example's direct factory without a cluster: its manifests render offline (the kubeconfig, which
 * does not exist, is never read). seed.cluster.test.ts deploys it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webapp } from './seed.js';

describe('direct mode: the seed example, offline', () => {
  it('renders the manifests offline', async () => {
    const factory = webapp.factory('direct', { kubeconfig: '/nonexistent/kubeconfig', namespace: 'default' });
    const yaml = await factory.toYaml({ replicas: 3 });
    assert.match(yaml, /kind: Deployment[\s\S]*replicas: 3/);
    assert.match(yaml, /kind: Service/);
    assert.match(yaml, /typekro.dev\/instance: webapp/);
  });
});
