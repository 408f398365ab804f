/**
 * `typekro plan --mode direct` over an object a KRO instance owns (trial 15 F3): the deploy refuses it
 * (OwnershipConflictError), so the plan lists it once, as owned by another instance, and counts it once. It
 * listed the one ConfigMap twice (`! ... owned by KRO instance` and `~ ... data.instance`) and counted it three
 * times (a change, a takeover, a field conflict with KRO's field manager), describing changes the deploy never makes.
 * The object carries the labels and field manager KRO gives its children; no KRO controller is needed for that.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

interface PlanJson {
  summary: Record<string, number>;
  objects: { action: string; resource: string; kind: string; name: string; message?: string }[];
}

describe('plan: an object another instance owns', () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => {
    const kc = testKubeConfig();
    ns = await testNamespace(kc, 'plan-owned');
    const labels = { 'kro.run/instance-name': 'other', 'kro.run/instance-namespace': ns.name, 'kro.run/instance-kind': 'Other', 'app.kubernetes.io/managed-by': 'kro' };
    const owned = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'named-app-config', namespace: ns.name, labels }, data: { instance: 'theirs' } };
    await new KubeClient(kc).apply(owned as KubernetesObject, { fieldManager: 'kro.run/applyset' });
  });
  after(async () => ns?.remove());

  const plan = (...extra: string[]) => typekro(['plan', 'test/cli/fixtures/named.ts', '--mode', 'direct', '--kubeconfig', testKubeConfigPath(), '-n', ns.name, ...extra]);

  it('lists the object once, as owned by the KRO instance, and counts it once', async () => {
    const result = await plan();
    assert.equal(result.code, 0, transcript(result));
    assert.equal(
      result.stdout,
      [
        `plan for NamedApp "web" (direct mode, namespace ${ns.name}): 0 to create, 0 to change, 0 to delete, 0 unchanged, 1 owned by another instance or tool`,
        `  ! config  ConfigMap ${ns.name}/named-app-config  (owned by KRO instance Other ${ns.name}/other; deploy refuses it unless --adopt)`,
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await plan('-o', 'json')).stdout) as PlanJson;
    assert.deepEqual(json.objects.map((o) => [o.action, o.resource, o.name]), [['takeover', 'config', 'named-app-config']]);
    assert.deepEqual(json.summary, { create: 0, change: 0, unchanged: 0, delete: 0, conflict: 0, reclaim: 0, takeover: 1, skipped: 0 });
  });

  it('in kro mode too: the object KRO would refuse to take from another instance is listed once (trial 16)', async () => {
    const kro = await typekro(['plan', 'test/cli/fixtures/named.ts', '--mode', 'kro', '--kubeconfig', testKubeConfigPath(), '-n', ns.name, '-o', 'json']);
    assert.equal(kro.code, 0, transcript(kro));
    const json = JSON.parse(kro.stdout) as PlanJson;
    assert.deepEqual(json.objects.filter((o) => o.name === 'named-app-config').map((o) => o.action), ['takeover'], kro.stdout);
    assert.equal(json.summary.takeover, 1);
  });

  it('the deploy refuses it, as the plan says, and changes nothing', async () => {
    const result = await typekro(['deploy', 'test/cli/fixtures/named.ts', '--kubeconfig', testKubeConfigPath(), '-n', ns.name, '--timeout', '1m']);
    assert.equal(result.code, 1, transcript(result));
    assert.match(result.stderr, new RegExp(`ConfigMap ${ns.name}/named-app-config is owned by KRO instance Other ${ns.name}/other`));
    const live = await new KubeClient(testKubeConfig()).get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'named-app-config', namespace: ns.name });
    assert.deepEqual((live as { data?: unknown } | undefined)?.data, { instance: 'theirs' });
  });
});
