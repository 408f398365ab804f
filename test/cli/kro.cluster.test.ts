/**
 * The cluster commands in KRO mode against the test cluster's KRO controller: plan, deploy (the RGD and
 * the instance), status from the instance custom resource, delete.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { transcript, typekro } from './run.js';

const kubeconfig = testKubeConfigPath();

interface PlanJson {
  objects: { action: string; resource: string; kind: string; changes?: { path: string; before?: string; after?: string }[] }[];
}

describe('typekro deploy, status, plan, delete (kro mode)', () => {
  let namespace: { name: string; remove: () => Promise<void> };
  const cli = (...args: string[]) => typekro([...args, '--mode', 'kro', '--kubeconfig', kubeconfig, '-n', namespace.name]);
  before(async () => {
    namespace = await testNamespace(testKubeConfig(), 'cli-kro');
  });
  after(async () => namespace.remove());

  it('plan before the deploy: the instance is created, and the objects KRO will create for it', async () => {
    const result = await cli('plan', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml', '-o', 'json');
    assert.equal(result.code, 0, transcript(result));
    const plan = JSON.parse(result.stdout) as PlanJson;
    // The plan lists objects by action (takeovers, creates, …, unchanged): the shared cluster-scoped `webapp` RGD
    // may exist already from another test file (unchanged, listed last) or not (created, listed first).
    assert.deepEqual(plan.objects.map((o) => o.resource).sort(), ['deployment', 'instance', 'rgd', 'service']);
    for (const resource of ['instance', 'deployment', 'service']) assert.equal(plan.objects.find((o) => o.resource === resource)?.action, 'create', resource);
    assert.match(plan.objects.find((o) => o.resource === 'rgd')?.action ?? '', /^(create|unchanged)$/);
  });

  it('deploy applies the RGD and the instance and prints it ACTIVE with its status', async () => {
    const result = await cli('deploy', 'examples/webapp.ts', '-f', 'examples/webapp.spec.yaml', '--timeout', '3m');
    assert.equal(result.code, 0, transcript(result));
    const instance = parse(result.stdout) as { kind: string; metadata: { namespace: string }; status: { state: string; ready: boolean } };
    assert.equal(instance.kind, 'WebApp');
    assert.equal(instance.metadata.namespace, namespace.name);
    assert.equal(instance.status.state, 'ACTIVE');
    // KRO calls the instance ACTIVE once its objects exist (no per-kind readiness): `ready` may lag behind.
    assert.equal(typeof instance.status.ready, 'boolean');
    assert.match(result.stderr, /applied ResourceGraphDefinition webapp/);
  });

  it('status reads the instance: state, conditions, status and the objects KRO created', async () => {
    await eventually('status.ready of the instance', async () => {
      const json = JSON.parse((await cli('status', 'examples/webapp.ts', '-o', 'json')).stdout) as { status: { ready?: boolean } };
      return json.status.ready === true ? true : undefined;
    }, 120_000);
    const table = await cli('status', 'examples/webapp.ts');
    assert.equal(table.code, 0, transcript(table));
    assert.match(table.stdout, /\(kro mode, namespace [^)]+\): ACTIVE, ready \(2\/2 objects ready\)/);
    assert.match(table.stdout, /conditions: .*Ready=True/);
    assert.match(table.stdout, /status:\n  ready: true/);
    assert.match(table.stdout, /deployment +Deployment +webapp +yes/);
    const json = JSON.parse((await cli('status', 'examples/webapp.ts', '-o', 'json')).stdout) as { state: string; ready: boolean; status: Record<string, unknown> };
    assert.equal(json.state, 'ACTIVE');
    assert.deepEqual(json.status, { ready: true });
  });

  it('plan after the deploy shows the instance change by field path, with its values', async () => {
    const result = await cli('plan', 'examples/webapp.ts', '--set', 'replicas=3', '-o', 'json');
    assert.equal(result.code, 0, transcript(result));
    const plan = JSON.parse(result.stdout) as PlanJson;
    assert.equal(plan.objects.find((o) => o.resource === 'rgd')?.action, 'unchanged', 'the RGD is the same');
    assert.deepEqual(plan.objects.find((o) => o.resource === 'instance')?.changes, [{ path: 'spec.replicas', before: '2', after: '3' }]);
    // and what KRO will change: the Deployment's replicas; the Service stays as it is
    assert.deepEqual(plan.objects.find((o) => o.resource === 'deployment')?.changes, [{ path: 'spec.replicas', before: '2', after: '3' }]);
    assert.equal(plan.objects.find((o) => o.resource === 'service')?.action, 'unchanged');
  });

  it('delete deletes the instance (KRO deletes its objects); status then exits 1', async () => {
    const result = await cli('delete', 'examples/webapp.ts', '--timeout', '2m');
    assert.equal(result.code, 0, transcript(result));
    const status = await cli('status', 'examples/webapp.ts');
    assert.equal(status.code, 1, transcript(status));
    assert.match(status.stderr, /^typekro: WebApp "webapp" in namespace \S+ \(kro mode\) not found$/m);
  });
});
