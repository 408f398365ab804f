/**
 * The ResourceGraphDefinition is every instance's (trial 19 F3): a deploy of one instance with an edited
 * composition makes KRO reconcile every other instance of the kind, in every namespace, with the new graph.
 * The plan lists each other instance and what KRO will do to its objects (the children planner, with its own
 * spec); a deploy whose change deletes objects of other instances is refused before anything is applied
 * unless allowed, and one allowed reports each other instance it changes. And a child whose kind the new
 * graph no longer has (the ServiceAccount) is planned as a delete (trial 19 F5): KRO prunes by the kinds it
 * recorded on the instance.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubernetesComposition, OtherInstancesError, type DeployPlan, type PlannedOtherInstance } from '../../src/index.js';
import { ConfigMap, ServiceAccount } from '../../src/simple.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

const api = { name: 'others', apiVersion: 'others.typekro.dev/v1alpha1', kind: 'Others', spec: type({ name: 'string', 'extra?': 'string' }), status: type({ keep: 'string' }) };

/** Two ConfigMaps and a ServiceAccount, `extra` in the kept one's data. */
const before = kubernetesComposition(api, (spec) => {
  const keep = ConfigMap({ id: 'keep', name: `${spec.name}-keep`, data: { v: '1', extra: spec.extra ?? 'none' } });
  ConfigMap({ id: 'gone', name: `${spec.name}-gone`, data: { v: '1' } });
  ServiceAccount({ id: 'sa', name: `${spec.name}-sa` });
  return { keep: keep.metadata.name };
});

/** The edit: `extra` dropped from the kept ConfigMap, the other ConfigMap and the ServiceAccount (its kind with it) removed. */
const after = kubernetesComposition(api, (spec) => {
  const keep = ConfigMap({ id: 'keep', name: `${spec.name}-keep`, data: { v: '1' } });
  return { keep: keep.metadata.name };
});

const names = (list: readonly { kind: string; name?: string; namespace?: string }[]): string[] => list.map((o) => `${o.kind} ${o.namespace}/${o.name}`);
const summary = (other: PlannedOtherInstance) => ({
  at: `${other.namespace}/${other.name}`,
  create: names(other.create),
  change: other.change.map((c) => `${c.resource.kind} ${c.resource.namespace}/${c.resource.name}: ${c.paths.join(', ')}`),
  prune: names(other.prune),
  note: other.note,
});
const rgdLine = (plan: DeployPlan) => plan.change.find((c) => c.resource.resourceId === 'rgd')?.resource;

test('a changed RGD: plan lists every other instance it changes, deploy refuses deleting their objects unless allowed', { timeout: 600_000 }, async () => {
  const kc = testKubeConfig();
  const [a, b] = [await testNamespace(kc, 'oth-a'), await testNamespace(kc, 'oth-b')];
  const core = kc.makeApiClient(CoreV1Api);
  const exists = (ns: string, name: string): Promise<boolean> => core.readNamespacedConfigMap({ name, namespace: ns }).then(() => true, () => false);
  const options = (ns: string) => ({ kubeconfig: testKubeConfigPath(), namespace: ns, timeout: 120_000 });
  await before.factory('kro', options(a.name)).deploy({ name: 'x', extra: 'hello' }, { name: 'x' });
  await before.factory('kro', options(b.name)).deploy({ name: 'y' }, { name: 'y' });
  await before.factory('kro', options(b.name)).deploy({ name: 'z' }, { name: 'z' });

  const plan = await after.factory('kro', options(b.name)).plan({ name: 'y' }, { name: 'y' });
  // y's own: the ServiceAccount is deleted although no resource of the new graph has its kind (F5)
  assert.deepEqual(names(plan.prune), [`ConfigMap ${b.name}/y-gone`, `ServiceAccount ${b.name}/y-sa`]);
  assert.equal(rgdLine(plan)?.note, `deletes objects of other instances of Others (${a.name}/x, ${b.name}/z): the deploy refuses it`);
  assert.deepEqual(rgdLine(plan)?.remedies, [{ purpose: 'delete them anyway', action: 'option', option: 'allowOtherInstances' }]);
  assert.deepEqual(plan.otherInstances?.map(summary), [
    { at: `${a.name}/x`, create: [], change: [`ConfigMap ${a.name}/x-keep: data.extra`], prune: [`ConfigMap ${a.name}/x-gone`, `ServiceAccount ${a.name}/x-sa`], note: undefined },
    { at: `${b.name}/z`, create: [], change: [`ConfigMap ${b.name}/z-keep: data.extra`], prune: [`ConfigMap ${b.name}/z-gone`, `ServiceAccount ${b.name}/z-sa`], note: undefined },
  ]);
  assert.equal(plan.otherInstancesNote, undefined);

  // Refused before anything is applied: the RGD is unchanged, every instance keeps its objects.
  const refused = await after.factory('kro', options(b.name)).deploy({ name: 'y' }, { name: 'y' }).then(() => undefined, (error: unknown) => error);
  assert.ok(refused instanceof OtherInstancesError, String(refused));
  assert.equal(
    refused.message,
    [
      'the new ResourceGraphDefinition others would delete objects of 2 other instances of Others, which KRO reconciles with it too (in every namespace); nothing was applied:',
      `  - Others ${a.name}/x: 0 to create, 1 to change, 2 to delete (ConfigMap ${a.name}/x-gone, ServiceAccount ${a.name}/x-sa)`,
      `  - Others ${b.name}/z: 0 to create, 1 to change, 2 to delete (ConfigMap ${b.name}/z-gone, ServiceAccount ${b.name}/z-sa)`,
      'plan the deploy to see every change; keep the resource, or use a new kind for the edited composition',
      '  to delete them anyway: the factory option allowOtherInstances: true',
    ].join('\n'),
  );
  assert.deepEqual([await exists(a.name, 'x-gone'), await exists(b.name, 'y-gone'), await exists(b.name, 'z-gone')], [true, true, true]);

  // Allowed: each other instance it changes is reported, and KRO changes them.
  const warnings: string[] = [];
  const progressCallback = (event: { type: string; message: string; level?: string }): void => void (event.level === 'warning' && warnings.push(event.message));
  await after.factory('kro', { ...options(b.name), allowOtherInstances: true, progressCallback }).deploy({ name: 'y' }, { name: 'y' });
  assert.deepEqual(warnings, [
    `the new ResourceGraphDefinition others changes another instance: Others ${a.name}/x: 0 to create, 1 to change, 2 to delete (ConfigMap ${a.name}/x-gone, ServiceAccount ${a.name}/x-sa)`,
    `the new ResourceGraphDefinition others changes another instance: Others ${b.name}/z: 0 to create, 1 to change, 2 to delete (ConfigMap ${b.name}/z-gone, ServiceAccount ${b.name}/z-sa)`,
  ]);
  await eventually('x-gone and z-gone pruned by KRO', async () => ((await exists(a.name, 'x-gone')) || (await exists(b.name, 'z-gone')) ? undefined : true), 120_000);

  // The RGD KRO has now: nothing happens to the other instances, so none is planned.
  const again = await after.factory('kro', options(b.name)).plan({ name: 'y' }, { name: 'y' });
  assert.equal(again.otherInstances, undefined);
  assert.deepEqual(again.prune, []);
  await Promise.all([a.remove(), b.remove()]);
});
