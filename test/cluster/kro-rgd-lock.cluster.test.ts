/**
 * Trial 19 F9: two kro deploys of two instances of one kind, from two versions of the composition, raced on
 * the RGD they share: one reported "ready" with a status the other's RGD replaced 2 s later. A kro deploy
 * now holds the RGD's lease while it reads, checks and applies the RGD (runtime/kube/lease.ts rgdLeaseOf),
 * and fails when the RGD it applied was replaced before its verdict, by another deploy or a writer without the
 * lease (kro/deploy.ts confirmRgd). Each instance has a gate ConfigMap, ready once the test opens it: the
 * deploy waits there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type } from 'arktype';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { createFactory, type KroFactory } from '../../src/api/factories.js';
import { compileRgd } from '../../src/compile/rgd/index.js';
import { E } from '../../src/ir/expr.js';
import { DeployFailedError } from '../../src/runtime/kro/errors.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { InstanceLockedError, LEASE_SECONDS, RGD_LEASE_NAMESPACE } from '../../src/runtime/kube/lease.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, definition, graph, spec, x } from '../direct/support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const client = new KubeClient(kc);
const KIND = 'RgdLock';
const gate = () => configMap('gate', 'gate', {}, { readyWhen: [E.binary('==', E.call('orValue', [E.str('')], E.select(E.path('gate', 'data'), 'open', true)), E.str('yes'))] });
/** Version 1 makes `<name>-gone`; version 3 dropped it (the trial's evo.ts v1 and v3). Both report `version`. */
const version = (v: 1 | 3) => ({
  ...graph('rgdlock', [gate(), configMap('keep', 'keep', { value: x(spec('value')) }), ...(v === 1 ? [configMap('gone', 'gone')] : [])], { version: String(v) }),
  kind: KIND,
});
const input = (name: string) => ({ name, value: 'v', replicas: 1, flag: true });
const leaseRef = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: 'typekro-rgd.rgdlock', namespace: RGD_LEASE_NAMESPACE };

describe('kro deploys of instances of one RGD (trial 19 F9)', () => {
  let namespace: string;
  let remove: () => Promise<void>;
  before(async () => ({ name: namespace, remove } = await testNamespace(kc, 'rgdlock')));
  after(() => remove?.());

  /** Opens the gate once KRO has made it (the instance is applied before KRO makes its objects). */
  const openGate = async (instance: string): Promise<void> => {
    for (const end = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 250))) {
      const patched = await core
        .patchNamespacedConfigMap({ name: `${instance}-gate`, namespace, body: { data: { open: 'yes' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))
        .then(() => true, (error: unknown) => (Date.now() < end && /not found/.test(String((error as { body?: unknown }).body ?? error)) ? false : Promise.reject(error)));
      if (patched) return;
    }
  };
  const factory = (v: 1 | 3, messages: string[], extra: { waitForLock?: boolean; allowOtherInstances?: boolean } = {}) =>
    createFactory('kro', { ...definition('rgdlock'), kind: KIND, status: type({ version: 'string' }) }, version(v), {
      kubeConfig: kc,
      namespace,
      timeout: 120_000,
      ...extra,
      progressCallback: (event) => void messages.push(`${Date.now()} ${event.message ?? ''}`),
    }) as KroFactory<ReturnType<typeof input>, { version?: string }>;
  const when = (messages: string[], text: string): number | undefined => {
    const line = messages.find((m) => m.slice(m.indexOf(' ') + 1) === text);
    return line === undefined ? undefined : Number(line.slice(0, line.indexOf(' ')));
  };
  const until = async (what: string, test: () => boolean): Promise<void> => {
    for (const end = Date.now() + 90_000; !test(); await new Promise((r) => setTimeout(r, 200))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  };
  const rgdGeneration = async (): Promise<number | undefined> => (await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'rgdlock' }))?.metadata?.generation;

  it('two concurrent deploys of two instances from two graph versions: the one whose RGD was replaced while it waited fails, the other succeeds', async () => {
    const z: string[] = [];
    const y: string[] = [];
    const first = factory(1, z).deploy(input('z'));
    // It may fail before the assertion below is attached (once its RGD is replaced): handled here, judged there.
    first.catch(() => undefined);
    await until('z to wait on its gate', () => when(z, `applied ${KIND} ${namespace}/z`) !== undefined);
    // y does not wait for z's verdict (the lease covers the RGD's check and apply only); its RGD deletes z-gone.
    const second = factory(3, y, { allowOtherInstances: true }).deploy(input('y'));
    await until('y to apply its RGD', () => when(y, 'applied ResourceGraphDefinition rgdlock') !== undefined);
    await openGate('z');
    await assert.rejects(first, (error: unknown) => {
      assert.ok(error instanceof DeployFailedError, String(error));
      assert.match(error.message, new RegExp(`^the ResourceGraphDefinition rgdlock was replaced by another deploy while this one waited: .* so the verdict and status of ${KIND} ${namespace}/z are not this composition's`));
      return true;
    });
    await until('y to wait on its gate', () => when(y, `applied ${KIND} ${namespace}/y`) !== undefined);
    await openGate('y');
    assert.equal((await second).status.version, '3');
    assert.equal(await client.get(leaseRef), undefined, 'the RGD lease is released after the deploys');
  });

  it('fails at once naming the holder when another process holds the RGD lease; waits for it with waitForLock', async () => {
    const micro = (date: Date) => date.toISOString().replace(/Z$/, '000Z');
    const holder = 'deploy of instance e4/z by other-host pid 1 (0a1b2c3d)';
    const now = micro(new Date());
    await client.create({ ...leaseRef, metadata: { name: leaseRef.name, namespace: leaseRef.namespace }, spec: { holderIdentity: holder, leaseDurationSeconds: LEASE_SECONDS, acquireTime: now, renewTime: now } } as never);
    const messages: string[] = [];
    await assert.rejects(factory(3, messages).deploy(input('x')), (error: unknown) => {
      assert.ok(error instanceof InstanceLockedError, String(error));
      assert.equal(error.code, 'INSTANCE_LOCKED');
      assert.equal(error.holder, holder);
      assert.equal(
        error.message,
        `ResourceGraphDefinition rgdlock is being changed by another writer: ${holder}, since ${now}. ` +
          `Wait for it to finish, or, if that process is gone, retry after its lease expires (${LEASE_SECONDS}s after its last renewal, ${now}).\n` +
          '  to wait for it: the factory option waitForLock: true',
      );
      return true;
    });
    assert.equal(when(messages, 'applied ResourceGraphDefinition rgdlock'), undefined, 'nothing was applied');
    const waiting = factory(3, messages, { waitForLock: true }).deploy(input('x'));
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(when(messages, 'applied ResourceGraphDefinition rgdlock'), undefined, 'it waits for the lease');
    const released = Date.now();
    await client.delete(leaseRef);
    await until('x to wait on its gate', () => when(messages, `applied ${KIND} ${namespace}/x`) !== undefined);
    assert.ok((when(messages, 'applied ResourceGraphDefinition rgdlock') ?? 0) >= released);
    await openGate('x');
    assert.equal((await waiting).status.version, '3');
  });

  it('fails a deploy whose RGD a writer without the lease replaced while it waited, naming both revisions and the writer', async () => {
    const messages: string[] = [];
    const deployed = factory(1, messages).deploy(input('w'));
    // It may fail before the assertion below is attached (once the intruder replaced the RGD): handled here, judged there.
    deployed.catch(() => undefined);
    await until('w to wait on its gate', () => when(messages, `applied ${KIND} ${namespace}/w`) !== undefined);
    const before = await client.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: 'rgdlock' });
    // as kubectl would: another field manager, no lease
    await client.apply(compileRgd(version(3)) as never, { force: true, fieldManager: 'rgd-intruder' });
    await openGate('w');
    const { generation, uid } = before?.metadata ?? {};
    await assert.rejects(deployed, (error: unknown) => {
      assert.ok(error instanceof DeployFailedError, String(error));
      assert.match(
        error.message,
        new RegExp(
          `^the ResourceGraphDefinition rgdlock was replaced by another deploy while this one waited: this deploy applied graph revision ${generation}/${uid}, ` +
            `the cluster now serves ${Number(generation) + 1}/${uid} \\(last written by field manager rgd-intruder at \\S+\\)\\. ` +
            `KRO judges every instance of it with the graph it serves, so the verdict and status of ${KIND} ${namespace}/w are not this composition's; ` +
            'nothing was undone: check that no other deploy of this kind runs, then plan and deploy again$',
        ),
      );
      return true;
    });
  });
});
