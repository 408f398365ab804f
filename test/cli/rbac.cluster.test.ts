/**
 * Least privilege: every CLI command works for a ServiceAccount whose Role covers only its own namespace
 * (it may not list anything across namespaces), as `kubectl` and Helm do.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { transcript, typekro } from './run.js';

const NAMESPACED_RULES = [
  { apiGroups: [''], resources: ['configmaps', 'services', 'pods', 'pods/log', 'events'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['get', 'list', 'watch'] },
  // the instance's Lease: one writer per instance (README, "One writer per instance")
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'patch', 'delete'] },
];

/** A kubeconfig file for a ServiceAccount bound to a Role in `namespace` only. */
async function namespacedKubeconfig(kc: KubeConfig, namespace: string, dir: string): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'deployer' } } });
  await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'deployer' }, rules: NAMESPACED_RULES } });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'deployer' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace }],
    },
  });
  const token = await core.createNamespacedServiceAccountToken({ name: 'deployer', namespace, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
  const cluster = kc.getCurrentCluster()!;
  const limited = new KubeConfig();
  limited.loadFromOptions({
    clusters: [{ name: 'local', server: cluster.server, ...(cluster.caData ? { caData: cluster.caData } : {}), ...(cluster.caFile ? { caFile: cluster.caFile } : {}), skipTLSVerify: cluster.skipTLSVerify }],
    users: [{ name: 'deployer', token: token.status?.token ?? '' }],
    contexts: [{ name: 'deployer', cluster: 'local', user: 'deployer', namespace }],
    currentContext: 'deployer',
  });
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, limited.exportConfig());
  return path;
}

describe('a namespace-scoped account (direct mode)', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  let dir: string;
  let kubeconfig: string;
  // No -n: the namespace comes from the kubeconfig context, as for a user given such a kubeconfig.
  const cli = (...args: string[]) => typekro([...args, '--kubeconfig', kubeconfig]);
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'cli-rbac');
    dir = mkdtempSync(join(tmpdir(), 'typekro-rbac-'));
    kubeconfig = await namespacedKubeconfig(testKubeConfig(), namespace.name, dir);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await namespace.remove();
  });

  it('the account really is limited to its namespace', async () => {
    const limited = new KubeConfig();
    limited.loadFromFile(kubeconfig);
    await assert.rejects(limited.makeApiClient(CoreV1Api).listConfigMapForAllNamespaces(), (error: { code?: number }) => error.code === 403);
  });

  it('plan, deploy, status, logs and delete work in its namespace without any 403', async () => {
    const plan = await cli('plan', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml');
    assert.equal(plan.code, 0, transcript(plan));
    assert.match(plan.stdout, /2 to create/);
    const deployed = await cli('deploy', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml', '--timeout', '3m');
    assert.equal(deployed.code, 0, transcript(deployed));
    assert.equal((parse(deployed.stdout) as { metadata: { namespace: string } }).metadata.namespace, namespace.name);
    const status = await cli('status', 'examples/webapp.ts');
    assert.equal(status.code, 0, transcript(status));
    assert.match(status.stdout, /ready \(2\/2 objects ready\)/);
    // kwok pods serve no logs: each container is reported, but the pods were found (no 403 listing them).
    // `403` as a word: progress lines carry millisecond timestamps (`07:08:54.403Z` once failed this check).
    const logs = await cli('logs', 'examples/webapp.ts', '--tail', '5');
    assert.doesNotMatch(logs.stderr, /forbidden|\b403\b/i, transcript(logs));
    assert.match(logs.stderr + logs.stdout, /webapp-/, transcript(logs));
    const removed = await cli('delete', 'examples/webapp.ts', '--timeout', '2m');
    assert.equal(removed.code, 0, transcript(removed));
    for (const result of [plan, deployed, status, removed]) assert.doesNotMatch(result.stderr, /forbidden|\b403\b/i, transcript(result));
  });
});
