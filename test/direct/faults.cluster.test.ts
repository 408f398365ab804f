/**
 * Faults and bad input in direct mode, against the local cluster: a spec that violates the schema (and
 * applies nothing), RBAC forbidden (a ServiceAccount with a namespaced Role, its token from the
 * TokenRequest API), and Secret values that must never appear in progress events, Kubernetes events,
 * errors or plans. faults.test.ts covers the faults that need no cluster (bad kubeconfig, unreachable server).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { SpecValidationError } from '../../src/api/spec.js';
import { E } from '../../src/ir/expr.js';
import type { ProgressEvent } from '../../src/runtime/direct/index.js';
import { KubeApiError } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, configMapNames, deployment, factoryFor, node, spec, x } from './support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);

const secret = node('secret', 'v1', 'Secret', { metadata: { name: x(E.template([spec('name'), '-secret'])) }, stringData: { password: x(spec('value')) } });
const config = configMap('config', 'config', { plain: 'visible' });

describe('direct mode: faults and bad input on the cluster', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => (ns = await testNamespace(kc, 'direct-faults')));
  after(async () => ns?.remove());

  it('a spec that violates the schema names the field and applies nothing', async () => {
    const factory = factoryFor('fault-schema', [config, secret], { namespace: ns.name });
    await assert.rejects(factory.deploy({ name: 'bad', value: 42 as unknown as string, replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof SpecValidationError, String(error));
      assert.match(error.message, /spec\.value must be a string \(was a number\)/);
      return true;
    });
    await assert.rejects(factory.plan({ name: 'bad', value: 'x', replicas: 1.5, flag: true }), /spec\.replicas must be an integer/);
    assert.deepEqual(await configMapNames(kc, ns.name), [], 'no object and no record');
  });

  it('RBAC forbidden names the verb and the resource; nothing forbidden is half-done', async () => {
    // A ServiceAccount that may manage ConfigMaps in this namespace only (not Secrets, not events).
    await core.createNamespacedServiceAccount({ namespace: ns.name, body: { metadata: { name: 'limited' } } });
    await rbac.createNamespacedRole({
      namespace: ns.name,
      body: { metadata: { name: 'configmaps-only' }, rules: [
          { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
          // every deploy and delete holds the instance's Lease (one writer per instance)
          { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'patch', 'delete'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns.name,
      body: {
        metadata: { name: 'limited-configmaps' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmaps-only' },
        subjects: [{ kind: 'ServiceAccount', name: 'limited', namespace: ns.name }],
      },
    });
    const token = await core.createNamespacedServiceAccountToken({ name: 'limited', namespace: ns.name, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
    const cluster = kc.getCurrentCluster()!;
    const limited = new KubeConfig();
    limited.loadFromOptions({
      clusters: [{ name: 'local', server: cluster.server, ...(cluster.caData ? { caData: cluster.caData } : {}), ...(cluster.caFile ? { caFile: cluster.caFile } : {}) }],
      users: [{ name: 'limited', token: token.status?.token ?? '' }],
      contexts: [{ name: 'limited', cluster: 'local', user: 'limited' }],
      currentContext: 'limited',
    });
    const events: ProgressEvent[] = [];
    // Only ConfigMaps: deploys, even though events cannot be watched (feedback degrades, the deploy does not)
    const allowed = factoryFor('fault-rbac', [config], { kubeConfig: limited, namespace: ns.name, progressCallback: (e) => events.push(e) });
    await allowed.deploy({ name: 'ok', value: 'x', replicas: 1, flag: true });
    assert.ok(events.some((e) => e.type === 'event' && e.level === 'warning' && /events of namespace .* are not shown: .*forbidden/.test(e.message)), JSON.stringify(events));
    await allowed.deleteInstance('ok');

    const factory = factoryFor('fault-rbac', [config, secret], { kubeConfig: limited, namespace: ns.name, rollbackOnFailure: true });
    await assert.rejects(factory.deploy({ name: 'rb', value: 'x', replicas: 1, flag: true }), (error: unknown) => {
      assert.ok(error instanceof KubeApiError, String(error));
      assert.equal(error.status, 403);
      assert.match(error.message, new RegExp(`apply Secret ${ns.name}/rb-secret is forbidden \\(403\\)`));
      assert.match(error.message, /User "system:serviceaccount:[^"]+:limited" cannot patch resource "secrets"/);
      assert.match(error.message, /rolled back: deleted 1 object\(s\)/);
      return true;
    });
    assert.deepEqual(await configMapNames(kc, ns.name), [], 'the ConfigMap applied before the forbidden Secret was rolled back');
    await assert.rejects(factory.plan({ name: 'rb', value: 'x', replicas: 1, flag: true }), /forbidden \(403\).*cannot (get|patch) resource "secrets"/);
  });

  it('Secret values never appear in progress events, Kubernetes events, errors or plans', async () => {
    const value = `s3cret-${randomBytes(8).toString('hex')}`;
    const encoded = Buffer.from(value).toString('base64');
    const leaks = (text: string): boolean => text.includes(value) || text.includes(encoded);
    const events: ProgressEvent[] = [];
    const progressCallback = (e: ProgressEvent): void => void events.push(e);
    const copy = configMap('copy', 'copy', { fromSecret: x(E.path('secret', 'metadata', 'name')) });

    // deploy, redeploy with a changed value, plan
    const factory = factoryFor('fault-secret', [secret, copy, deployment('app')], { namespace: ns.name, progressCallback });
    await factory.deploy({ name: 'sec', value, replicas: 1, flag: true });
    const stored = await core.readNamespacedSecret({ name: 'sec-secret', namespace: ns.name });
    assert.equal(Buffer.from(stored.data?.password ?? '', 'base64').toString(), value, 'the Secret holds the value');
    const plan = await factory.plan({ name: 'sec', value: `${value}-new`, replicas: 2, flag: true });
    assert.deepEqual(plan.change.map((c) => [c.resource.resourceId, c.paths]), [['secret', ['data.password']], ['app', ['spec.replicas']]]);
    assert.ok(!leaks(JSON.stringify(plan)), 'plan');
    const creating = await factoryFor('fault-secret', [secret, copy], { namespace: ns.name }).plan({ name: 'sec2', value, replicas: 1, flag: true });
    assert.ok(!leaks(JSON.stringify(creating)), 'plan of a create');

    // fail: the API server quotes an invalid Service port name that contains the secret value (a label value
    // would be refused by TypeKro's own check before anything is applied, so it never reaches the API server)
    const portNamed = node('svc', 'v1', 'Service', {
      metadata: { name: x(E.template([spec('name'), '-svc'])) },
      spec: { ports: [{ name: x(E.template([spec('value'), '!!'])), port: 80 }] },
    });
    const failing = factoryFor('fault-secret-fail', [secret, portNamed], { namespace: ns.name, progressCallback });
    let failure: unknown;
    await failing.deploy({ name: 'secfail', value, replicas: 1, flag: true }).catch((error: unknown) => (failure = error));
    assert.ok(failure instanceof KubeApiError, String(failure));
    assert.match(failure.message, /Invalid value: "\[redacted\]!!"/, 'the API server quoted it; it was redacted');
    assert.ok(!leaks(failure.message) && !leaks(failure.stack ?? ''), failure.message);
    await assert.rejects(failing.plan({ name: 'secfail', value, replicas: 1, flag: true }), (error: unknown) => !leaks((error as Error).message) && /\[redacted\]/.test((error as Error).message));

    // timeout of a workload that reads the Secret
    const stuck = factoryFor('fault-secret-stuck', [secret, deployment('app', { nodeSelector: { 'typekro.dev/no-such-node': 'true' } })], { namespace: ns.name, timeout: 6_000, progressCallback, podLogs: true });
    const timeout = await stuck.deploy({ name: 'secstuck', value, replicas: 1, flag: true }).then(() => undefined, (error: unknown) => error as Error);
    assert.ok(timeout && !leaks(timeout.message));

    assert.ok(events.length > 0 && events.some((e) => e.type === 'event'));
    for (const event of events) assert.ok(!leaks(JSON.stringify(event)), `progress event leaks: ${JSON.stringify(event)}`);
    await factory.deleteInstance('sec');
    await failing.deleteInstance('secfail');
    await stuck.deleteInstance('secstuck');
  });
});
