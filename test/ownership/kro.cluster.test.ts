/**
 * Ownership in kro mode and in plans, and one readiness in `status` (issue 13, point 2). A kro-mode deploy
 * whose objects another instance or tool owns is refused before anything is applied, the RGD included, with
 * the same OwnershipConflictError as direct mode; `--adopt` lets KRO take over what another tool made, not
 * what another instance owns. `plan` lists those objects and their owners in both modes. `status` never says
 * ready while an object is missing or KRO reports the instance in ERROR, in either mode.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from '../cli/run.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const client = new KubeClient(kc);
const rgdRef = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'webapp' };

interface PlanJson {
  summary: Record<string, number>;
  objects: { action: string; resource: string; kind: string; name: string; message?: string }[];
}
interface StatusJson {
  ready: boolean;
  state?: string;
  resources: { resourceId: string; state: string; ready: boolean }[];
}

describe('ownership in kro mode and in plans; one readiness in status', () => {
  let ns: { name: string; remove: () => Promise<void> };
  let tool: { name: string; remove: () => Promise<void> };
  const cli = (namespace: string, ...args: string[]) => typekro([...args, '--kubeconfig', testKubeConfigPath(), '-n', namespace]);
  before(async () => {
    ns = await testNamespace(kc, 'own-kro-pre');
    tool = await testNamespace(kc, 'own-kro-tool');
  });
  after(async () => {
    await ns?.remove();
    await tool?.remove();
  });

  it('refuses a kro-mode deploy over a direct instance before applying anything, the RGD included; plan lists the takeovers in both modes', async () => {
    const solo = await cli(ns.name, 'deploy', 'examples/webapp.ts', '--name', 'solo', '--set', 'replicas=1', '--timeout', '2m');
    assert.equal(solo.code, 0, transcript(solo));

    for (const mode of ['kro', 'direct']) {
      const plan = await cli(ns.name, 'plan', 'examples/webapp.ts', '--mode', mode, '--name', 'taker', '--set', 'replicas=1', '-o', 'json');
      assert.equal(plan.code, 0, transcript(plan));
      const takeovers = (JSON.parse(plan.stdout) as PlanJson).objects.filter((o) => o.action === 'takeover');
      assert.deepEqual(takeovers.map((o) => `${o.kind}/${o.name}`).sort(), ['Deployment/webapp', 'Service/webapp-service'], `${mode}: ${plan.stdout}`);
      for (const o of takeovers) assert.match(o.message ?? '', /owned by TypeKro instance "solo" of composition "webapp"/);
      assert.match(takeovers[0]!.message ?? '', mode === 'kro' ? /KRO cannot adopt it/ : /unless --adopt/);
      const human = await cli(ns.name, 'plan', 'examples/webapp.ts', '--mode', mode, '--name', 'taker', '--set', 'replicas=1');
      assert.match(human.stdout, /2 owned by another instance or tool/);
      assert.match(human.stdout, /! deployment +Deployment .*\/webapp {2}\(owned by TypeKro instance "solo"/);
    }

    const rgdBefore = (await client.get(rgdRef))?.metadata?.resourceVersion;
    const refused = await cli(ns.name, 'deploy', 'examples/webapp.ts', '--mode', 'kro', '--name', 'taker', '--set', 'replicas=1', '--timeout', '1m');
    assert.equal(refused.code, 1, transcript(refused));
    assert.match(refused.stderr, new RegExp(`instance "taker" \\(namespace ${ns.name}, kro mode\\) would take over objects it does not own: Deployment ${ns.name}/webapp is owned by TypeKro instance "solo"`));
    assert.match(refused.stderr, /Nothing was changed\./);
    // --adopt would not help here (KRO cannot take over another instance's objects): it is not suggested
    assert.match(refused.stderr, /KRO cannot adopt objects of another instance/);
    assert.doesNotMatch(refused.stderr, /--adopt/);
    assert.equal((await client.get(rgdRef))?.metadata?.resourceVersion, rgdBefore, 'the RGD was not applied');
    assert.equal(await client.get({ apiVersion: 'example.com/v1', kind: 'WebApp', name: 'taker', namespace: ns.name }).catch(() => undefined), undefined, 'no instance');

    const adopting = await cli(ns.name, 'deploy', 'examples/webapp.ts', '--mode', 'kro', '--name', 'taker', '--set', 'replicas=1', '--adopt', '--timeout', '1m');
    assert.equal(adopting.code, 1, transcript(adopting));
    assert.match(adopting.stderr, /KRO cannot adopt objects of another instance/);
    assert.equal((await apps.readNamespacedDeployment({ name: 'webapp', namespace: ns.name })).metadata?.labels?.['typekro.dev/instance'], 'solo');
  });

  it('an object another tool made: refused in kro mode naming its field manager; --adopt lets KRO take it over; status then follows the objects, not only KRO', async () => {
    await client.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'webapp-service', namespace: tool.name }, spec: { ports: [{ port: 80 }] } } as KubernetesObject, { fieldManager: 'other-tool' });
    const refused = await cli(tool.name, 'deploy', 'examples/webapp.ts', '--mode', 'kro', '--name', 'web', '--set', 'replicas=1', '--timeout', '1m');
    assert.equal(refused.code, 1, transcript(refused));
    assert.match(refused.stderr, new RegExp(`Service ${tool.name}/webapp-service is owned by field manager "other-tool" \\(not a TypeKro instance\\)`));
    const adopted = await cli(tool.name, 'deploy', 'examples/webapp.ts', '--mode', 'kro', '--name', 'web', '--set', 'replicas=1', '--adopt', '--timeout', '3m');
    assert.equal(adopted.code, 0, transcript(adopted));
    assert.equal((await core.readNamespacedService({ name: 'webapp-service', namespace: tool.name })).metadata?.labels?.['kro.run/instance-name'], 'web');
    try {
      const ready = await cli(tool.name, 'status', 'examples/webapp.ts', '--mode', 'kro', '--name', 'web', '-o', 'json');
      assert.equal((JSON.parse(ready.stdout) as StatusJson).ready, true, transcript(ready));
      // KRO paused: it keeps saying ACTIVE and Ready while an object is gone; status must not.
      await client.apply({ apiVersion: 'example.com/v1', kind: 'WebApp', metadata: { name: 'web', namespace: tool.name, annotations: { 'kro.run/reconcile': 'suspended' } } } as KubernetesObject, { fieldManager: 'test-suspend' });
      await core.deleteNamespacedService({ name: 'webapp-service', namespace: tool.name });
      const missing = await cli(tool.name, 'status', 'examples/webapp.ts', '--mode', 'kro', '--name', 'web', '-o', 'json');
      assert.equal(missing.code, 3, transcript(missing));
      const report = JSON.parse(missing.stdout) as StatusJson;
      assert.equal(report.ready, false);
      assert.deepEqual(report.resources.filter((r) => !r.ready).map((r) => [r.resourceId, r.state]), [['service', 'missing']]);
    } finally {
      assert.equal((await cli(tool.name, 'delete', 'examples/webapp.ts', '--mode', 'kro', '--name', 'web')).code, 0);
    }
  });
  it('status is not ready while KRO reports the instance in ERROR (an instance applied past the check), nor while a direct object is missing', async () => {
    // Applied as kubectl would, without TypeKro's check: KRO refuses solo's objects and reports ERROR.
    const instance = parse((await typekro(['render', 'examples/webapp.ts', '--instance', '-n', ns.name, '--set', 'replicas=1'])).stdout) as KubernetesObject;
    await client.apply({ ...instance, metadata: { ...instance.metadata, name: 'taker' } });
    try {
      await eventually('KRO reports taker in ERROR', async () => {
        const object = (await custom.getNamespacedCustomObject({ group: 'example.com', version: 'v1', namespace: ns.name, plural: 'webapps', name: 'taker' })) as { status?: { state?: string } };
        return object.status?.state === 'ERROR' ? true : undefined;
      });
      const kro = await cli(ns.name, 'status', 'examples/webapp.ts', '--mode', 'kro', '--name', 'taker', '-o', 'json');
      assert.equal(kro.code, 3, transcript(kro));
      const report = JSON.parse(kro.stdout) as StatusJson;
      assert.equal(report.ready, false);
      assert.equal(report.state, 'ERROR');
    } finally {
      assert.equal((await cli(ns.name, 'delete', 'examples/webapp.ts', '--mode', 'kro', '--name', 'taker')).code, 0);
    }
    await core.deleteNamespacedService({ name: 'webapp-service', namespace: ns.name });
    const direct = await cli(ns.name, 'status', 'examples/webapp.ts', '--name', 'solo', '-o', 'json');
    assert.equal(direct.code, 3, transcript(direct));
    const report = JSON.parse(direct.stdout) as StatusJson;
    assert.equal(report.ready, false);
    assert.deepEqual(report.resources.filter((r) => !r.ready).map((r) => [r.resourceId, r.state]), [['service', 'missing']]);
    assert.equal((await cli(ns.name, 'delete', 'examples/webapp.ts', '--name', 'solo')).code, 0);
  });

});
