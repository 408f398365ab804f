/**
 * The seed example deployed in direct mode against the local cluster: status hydrated, the Deployment up
 * with 3 ready replicas, ownership labels in place, and deleteInstance removing exactly what it created.
 * seed.test.ts renders it offline.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { testKubeConfig, testKubeConfigPath, notFound } from '../support/cluster.js';
import { webapp } from './seed.js';

describe('direct mode: the seed example', () => {
  const namespace = 'default';
  const factory = webapp.factory('direct', { kubeconfig: testKubeConfigPath(), namespace, timeout: 120_000 });
  const apps = testKubeConfig().makeApiClient(AppsV1Api);
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  after(async () => factory.deleteInstance('webapp').catch(() => undefined));

  it('deploys, waits for readiness and hydrates the status', async () => {
    const events: string[] = [];
    const progressing = webapp.factory('direct', { kubeconfig: testKubeConfigPath(), namespace, timeout: 120_000, progressCallback: (e) => events.push(e.type) });
    const instance = await progressing.deploy({ replicas: 3 });
    assert.deepEqual(instance.metadata, { name: 'webapp', namespace });
    assert.equal(instance.status.ready, true);
    const deployment = await apps.readNamespacedDeployment({ name: 'webapp', namespace });
    assert.equal(deployment.spec?.replicas, 3);
    assert.equal(deployment.status?.readyReplicas, 3);
    assert.equal(deployment.metadata?.labels?.['typekro.dev/instance'], 'webapp');
    assert.ok(deployment.metadata?.managedFields?.some((f) => f.manager === 'typekro'), 'applied with field manager typekro');
    const service = await core.readNamespacedService({ name: 'webapp-service', namespace });
    assert.equal(service.spec?.ports?.[0]?.port, 80);
    assert.ok(events.includes('apply') && events.includes('ready'));
  });

  it('is idempotent: deploying again converges and returns the same status', async () => {
    const instance = await factory.deploy({ replicas: 3 });
    assert.equal(instance.status.ready, true);
  });

  it('deleteInstance removes what the instance owns and waits until it is gone', async () => {
    await factory.deleteInstance('webapp');
    assert.ok(await notFound(() => apps.readNamespacedDeployment({ name: 'webapp', namespace })));
    assert.ok(await notFound(() => core.readNamespacedService({ name: 'webapp-service', namespace })));
  });
});
