/**
 * 429 and 409 from the API server (issue 13): a loopback proxy in front of the real control plane
 * (`proxy.ts`) answers the first request of every kind (each verb on each path: the lease, the ownership
 * reads, the applies, the watches, the lists and deletes) with 429 Too Many Requests, or the first apply
 * of every object with the 409 "the object has been modified" an API server gives under an
 * optimistic-concurrency race. The deploy retries and completes with the spec it was given; the delete
 * goes through the same proxy; nothing is left behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, deployment, factoryFor, spec, x } from '../direct/support.js';
import { startFaultProxy, type ProxiedRequest } from './proxy.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const resources = () => [configMap('one', 'one', { value: x(spec('value')) }), { ...deployment('app'), dependsOn: ['one'] }, configMap('two', 'two', { value: x(spec('value')) })];
const path = (request: ProxiedRequest): string => request.url.split('?')[0]!;

describe('429 and 409 from the API server', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  before(async () => (namespace = await testNamespace(kc, 'throttle')));
  after(() => namespace?.remove());

  /** Objects of the instance and its record, read directly (not through the proxy). */
  const left = async (instance: string): Promise<string[]> => {
    const selector = `typekro.dev/instance=${instance}`;
    const cms = (await core.listNamespacedConfigMap({ namespace: namespace.name })).items.map((c) => c.metadata?.name ?? '').filter((n) => n.includes(instance));
    const deps = (await apps.listNamespacedDeployment({ namespace: namespace.name, labelSelector: selector })).items.map((d) => `Deployment/${d.metadata?.name}`);
    return [...cms.map((n) => `ConfigMap/${n}`), ...deps].sort();
  };

  it('429 on the first request of every verb and path: retried; the deploy completes, the delete leaves nothing', async () => {
    const seen = new Set<string>();
    const proxy = await startFaultProxy(kc, (request) => {
      const key = `${request.method} ${path(request)} ${request.watch}`;
      if (seen.has(key)) return undefined;
      seen.add(key);
      return { status: 429, message: 'Too many requests, please try again later.', retryAfterSeconds: 1 };
    });
    try {
      const factory = factoryFor('throttle', resources(), { kubeConfig: proxy.kubeConfig, namespace: namespace.name, timeout: 120_000 });
      const instance = await factory.deploy({ name: 'slow', value: 'v1', replicas: 1, flag: true });
      assert.deepEqual(instance.metadata, { name: 'slow', namespace: namespace.name });
      for (const suffix of ['one', 'two']) assert.equal((await core.readNamespacedConfigMap({ name: `slow-${suffix}`, namespace: namespace.name })).data?.value, 'v1');
      await factory.deleteInstance('slow');
      const injected = proxy.log.filter((r) => r.injected === 429);
      const verbs = new Set(injected.map((r) => (r.watch ? 'WATCH' : r.method)));
      for (const verb of ['GET', 'PATCH', 'POST', 'DELETE', 'WATCH']) assert.ok(verbs.has(verb), `a 429 on ${verb}: ${[...verbs].join(', ')}`);
      assert.ok(injected.some((r) => /\/deployments\/slow$/.test(path(r)) && r.method === 'PATCH'), 'the Deployment apply met a 429');
    } finally {
      await proxy.close();
    }
    assert.deepEqual(await left('slow'), [], 'no orphans, no record');
  });

  it('409 "the object has been modified" on the first apply of every object: applied again; the deploy completes with its spec', async () => {
    const seen = new Set<string>();
    const proxy = await startFaultProxy(kc, (request) => {
      if (request.method !== 'PATCH' || /\/leases\//.test(path(request)) || seen.has(path(request))) return undefined;
      seen.add(path(request));
      const name = path(request).split('/').at(-1);
      return { status: 409, message: `Operation cannot be fulfilled on configmaps "${name}": the object has been modified; please apply your changes to the latest version and try again` };
    });
    try {
      const factory = factoryFor('throttle', resources(), { kubeConfig: proxy.kubeConfig, namespace: namespace.name, timeout: 120_000 });
      await factory.deploy({ name: 'raced', value: 'v2', replicas: 1, flag: true });
      for (const suffix of ['one', 'two']) assert.equal((await core.readNamespacedConfigMap({ name: `raced-${suffix}`, namespace: namespace.name })).data?.value, 'v2');
      assert.ok(proxy.log.filter((r) => r.injected === 409).length >= 4, 'every object and the record met a 409');
      await factory.deleteInstance('raced');
    } finally {
      await proxy.close();
    }
    assert.deepEqual(await left('raced'), [], 'no orphans, no record');
  });
});
