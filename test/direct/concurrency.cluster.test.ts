/**
 * One writer per instance (issue 13): two deploys of one instance, a deploy racing a delete, a kro deploy
 * racing a direct one, and a crashed holder. The second writer fails at once naming the holder (or waits
 * when asked), the cluster never holds a mix of two specs, and an abandoned lease is taken over once it
 * has expired.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { createFactory, type KroFactory } from '../../src/api/factories.js';
import { E } from '../../src/ir/expr.js';
import { recordName } from '../../src/runtime/engine/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { InstanceLockedError, LEASE_SECONDS } from '../../src/runtime/kube/lease.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';
import { configMap, definition, factoryFor, graph, spec, x } from './support.js';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const gate = () =>
  configMap('gate', 'gate', {}, { readyWhen: [E.binary('==', E.call('orValue', [E.str('')], E.select(E.path('gate', 'data'), 'open', true)), E.str('yes'))] });
const values = () => [configMap('one', 'one', { value: x(spec('value')) }), configMap('two', 'two', { value: x(spec('value')) })];
const input = (name: string, value: string) => ({ name, value, replicas: 1, flag: true });

describe('one writer per instance', () => {
  let namespace: string;
  let remove: () => Promise<void>;
  before(async () => ({ name: namespace, remove } = await testNamespace(kc, 'lease')));
  after(() => remove?.());

  const openGate = (instance: string) =>
    core.patchNamespacedConfigMap({ name: `${instance}-gate`, namespace, body: { data: { open: 'yes' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  /** A deploy that holds the lease until the test opens its gate; resolves once it waits on the gate. */
  const heldDeploy = async (instance: string, extra: Parameters<typeof factoryFor>[2] = {}) => {
    let waiting!: () => void;
    const isWaiting = new Promise<void>((resolve) => (waiting = resolve));
    const factory = factoryFor('lease', [gate(), ...values()], {
      namespace,
      ...extra,
      progressCallback: (event) => {
        if (event.type === 'waiting' && event.resourceId === 'gate') waiting();
      },
    });
    const deployed = factory.deploy(input(instance, 'first'));
    await Promise.race([isWaiting, deployed]);
    return { deployed }; // wrapped: an async function returning the promise itself would wait for it
  };

  it('refuses a second deploy of the instance while the first runs, naming the holder; the first completes with its own spec', async () => {
    const { deployed: first } = await heldDeploy('twice');
    const second = factoryFor('lease', [gate(), ...values()], { namespace });
    await assert.rejects(second.deploy(input('twice', 'second')), (error: unknown) => {
      assert.ok(error instanceof InstanceLockedError, String(error));
      assert.match(error.message, new RegExp(`^instance ${namespace}/twice is being changed by another writer: deploy by .+ pid ${process.pid} .*\n  to wait for it: the factory option waitForLock: true$`));
      assert.deepEqual(error.remedies, [{ purpose: 'wait for it', action: 'option', option: 'waitForLock' }]);
      assert.equal(error.code, 'INSTANCE_LOCKED');
      return true;
    });
    await openGate('twice');
    await first;
    for (const suffix of ['one', 'two']) assert.equal((await core.readNamespacedConfigMap({ name: `twice-${suffix}`, namespace })).data?.value, 'first');
    // the lease is released: a later deploy goes through
    await second.deploy(input('twice', 'second'));
  });

  it('never leaves a mix of two specs when two deploys start at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const instance = `race-${round}`;
      const deploys = ['a', 'b'].map((value) => factoryFor('lease', values(), { namespace }).deploy(input(instance, value)));
      const outcomes = await Promise.allSettled(deploys);
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [['a', 'b'][i]!] : []));
      for (const o of outcomes) if (o.status === 'rejected') assert.ok(o.reason instanceof InstanceLockedError, String(o.reason));
      assert.ok(won.length >= 1, 'one of the two deploys succeeds');
      const found = await Promise.all(['one', 'two'].map(async (s) => (await core.readNamespacedConfigMap({ name: `${instance}-${s}`, namespace })).data?.value));
      assert.equal(new Set(found).size, 1, `objects from two specs: ${found.join(', ')}`);
      assert.ok(won.includes(found[0]!), `the objects (${found[0]}) come from a deploy that succeeded (${won.join(', ')})`);
    }
  });

  it('refuses a delete racing a deploy; with waitForLock the delete waits, then removes everything', async () => {
    const { deployed } = await heldDeploy('racing');
    const factory = factoryFor('lease', [gate(), ...values()], { namespace });
    await assert.rejects(factory.deleteInstance('racing'), InstanceLockedError);
    const waiting = factoryFor('lease', [gate(), ...values()], { namespace, waitForLock: true }).deleteInstance('racing');
    await openGate('racing');
    await deployed;
    await waiting;
    for (const suffix of ['gate', 'one', 'two']) {
      await assert.rejects(core.readNamespacedConfigMap({ name: `racing-${suffix}`, namespace }), (e: { code?: number }) => e.code === 404);
    }
  });

  it('refuses a kro deploy of an instance a direct deploy is changing (one lease for both modes)', async () => {
    const { deployed } = await heldDeploy('modes');
    const kro = createFactory('kro', definition('lease'), graph('lease', [gate(), ...values()]), { kubeConfig: kc, namespace, timeout: 30_000 }) as KroFactory<ReturnType<typeof input>, unknown>;
    await assert.rejects(kro.deploy(input('modes', 'kro')), InstanceLockedError);
    await openGate('modes');
    await deployed;
  });

  it('takes over a lease its holder stopped renewing, once it expired; refuses one renewed just now', async () => {
    const client = new KubeClient(kc);
    const name = recordName({ composition: 'lease', instance: 'ghost', namespace });
    const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name, namespace };
    const micro = (date: Date) => date.toISOString().replace(/Z$/, '000Z');
    const lease = (renewed: Date, resourceVersion?: string) => ({
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name, namespace, ...(resourceVersion ? { resourceVersion } : {}) },
      spec: { holderIdentity: 'deploy by gone-host pid 1', leaseDurationSeconds: LEASE_SECONDS, acquireTime: micro(renewed), renewTime: micro(renewed) },
    });
    await client.create(lease(new Date()));
    await assert.rejects(factoryFor('lease', values(), { namespace }).deploy(input('ghost', 'v')), /another writer: deploy by gone-host pid 1/);
    const current = await client.get(ref);
    await client.apply(lease(new Date(Date.now() - (LEASE_SECONDS + 5) * 1000), current?.metadata?.resourceVersion), { force: true });
    await factoryFor('lease', values(), { namespace }).deploy(input('ghost', 'v'));
    assert.equal(await client.get(ref), undefined, 'the lease is released after the deploy');
  });
});
