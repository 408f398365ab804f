/**
 * What a status field shows while a resource it reads gives no value (issue 10, "one behaviour
 * everywhere"), settled on KRO itself: `db` exists but never has a status (no controller reconciles its
 * kind), `late` is never created (it waits for `db` to be ready), `web` becomes ready. KRO evaluates the
 * status on every reconcile with the objects that exist: a read of `late` fails (`no such attribute`) and a
 * read of a field `db` lacks fails (`no such key`) unless the compiled CEL tests for it; the field is left out
 * unless CEL's `||`/`&&` decide it from the other side. So the answer depends on the compiled form:
 * `late.status.count > 0 || ready` compiles to a binary `||` and is true, `late.status.ready || ready`
 * compiles to a `has(late.status) ... ? :` test (JavaScript's `||` returns its left side when truthy), which
 * fails on the missing `late`, and stays pending. Direct mode must show exactly what KRO shows, and so must
 * `simulate` given the objects the cluster holds; `evaluateConcrete`, which runs JavaScript only, lists each
 * field computed from `late` pending with the value KRO may show in `unobservedValues`, and KRO shows that
 * value or nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api } from '@kubernetes/client-node';
import { evaluateConcrete } from '../../src/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { simulate } from '../../src/testing/index.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { absentReads, probeCrd } from './fixtures/absent-reads.js';

const kc = testKubeConfig();
const kubeconfig = testKubeConfigPath();
const client = new KubeClient(kc);

/** What KRO showed (the same in both modes), once `web` is ready: the fields left out are pending. */
const SHOWN = { webReady: 1, lateOrCount: true, lateAndCountFalse: false, lateTernaryUnread: 'web', dbOr: true, dbOrCount: true, dbTernary: 'web', nestedOr: true };
const LEFT_OUT = ['lateOr', 'lateAnd', 'lateAndFalse', 'lateTernary', 'dbAnd', 'dbAndFalse', 'nestedAnd', 'nestedTernary'];

type Status = Record<string, unknown>;

describe('a status that reads a resource with no value: KRO, direct mode, simulate and evaluateConcrete agree', { timeout: 240_000 }, () => {
  let ns: { name: string; remove: () => Promise<void> };
  before(async () => {
    ns = await testNamespace(kc, 'absent-reads');
    await client.apply(probeCrd as never, { force: true });
    await eventually('the Probe CRD to be established', async () => {
      const live = await kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: probeCrd!.metadata.name });
      return live.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
  });
  after(async () => {
    await ns?.remove();
    await client.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: probeCrd!.metadata.name }).catch(() => undefined);
  });

  /** Deploys in `mode` (it never completes: `db` is never ready), returns the instance status once `web` is ready, and stops the deploy. */
  async function statusOnce(mode: 'kro' | 'direct'): Promise<Status> {
    const abort = new AbortController();
    const name = `in-${mode}`;
    const spec = { name };
    const options = { kubeconfig, namespace: ns.name, timeout: 200_000, abortSignal: abort.signal };
    const read = async (): Promise<Status> =>
      mode === 'kro' ? (await absentReads.factory('kro', options).instanceStatus(name)).status : (await absentReads.factory('direct', options).instanceStatus(name, { spec })).status;
    const deploying = (mode === 'kro' ? absentReads.factory('kro', options).deploy(spec) : absentReads.factory('direct', options).deploy(spec)).then(
      () => 'completed',
      (error: unknown) => String(error),
    );
    try {
      const ready = await eventually(`${mode}: the status once web is ready`, async () => {
        const status = await read().catch(() => undefined);
        return status?.webReady === 1 ? status : undefined;
      }, 150_000);
      // KRO rewrites the whole status on every reconcile; a second read after more reconciles must not differ.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      assert.deepEqual(await read(), ready, `${mode}: the status changed while nothing did`);
      return ready;
    } finally {
      abort.abort();
      const outcome = await deploying;
      assert.notEqual(outcome, 'completed', `${mode}: the deploy completed, but db is never ready`);
    }
  }

  it('kro mode: KRO shows what CEL decides without the missing reads, and leaves out the rest', async () => {
    const status = await statusOnce('kro');
    assert.deepEqual(status, SHOWN);
  });

  it('direct mode shows the same fields and values', async () => {
    const status = await statusOnce('direct');
    assert.deepEqual(status, SHOWN);
  });

  it('simulate, given the objects the cluster holds, shows the same; evaluateConcrete lists the rest pending, with the value KRO shows', async () => {
    const object = async (kind: string, apiVersion: string, name: string) => (await client.get({ apiVersion, kind, name, namespace: ns.name })) as { status?: Record<string, unknown> } | undefined;
    const web = await object('Deployment', 'apps/v1', 'in-direct');
    const db = await object('Probe', 'absent-reads.typekro.dev/v1', 'in-direct-db');
    assert.equal(await object('Probe', 'absent-reads.typekro.dev/v1', 'in-direct-late'), undefined, 'late was created');
    assert.ok(db && db.status === undefined, `db has a status: ${JSON.stringify(db?.status)}`);
    const observed = { web: { status: web!.status! }, db: {} };
    const spec = { name: 'in-direct' };
    const simulated = simulate(absentReads, spec, { observed });
    assert.deepEqual(simulated.status, SHOWN);
    assert.deepEqual([...simulated.pending].sort(), [...LEFT_OUT].sort());
    // Where KRO leaves out a field JavaScript computes (reading late's fields as absent), simulate says so as a documented difference.
    assert.deepEqual(
      simulated.documentedDifferences.map((d) => [d.aspect, d.detail.replace(/^compiled pending \(it reads a resource that does not exist yet\), JavaScript /, '')]),
      [['status.lateOr', 'true'], ['status.lateTernary', '"web"'], ['status.nestedAnd', 'false'], ['status.nestedTernary', '"web"']],
    );
    const concrete = evaluateConcrete(absentReads, spec, { observed });
    // A field JavaScript computes without reading late is shown as KRO shows it.
    for (const [field, value] of Object.entries(concrete.status)) assert.deepEqual(value, (SHOWN as Status)[field], `evaluateConcrete status.${field}`);
    // A field computed from late is pending there; what KRO shows of it is the value JavaScript computed without late.
    for (const field of concrete.pendingStatus) {
      if (field in SHOWN) assert.deepEqual(concrete.unobservedValues?.[field], (SHOWN as Status)[field], `evaluateConcrete unobservedValues.${field}`);
    }
    assert.deepEqual([...Object.keys(concrete.status), ...concrete.pendingStatus].sort(), Object.keys(absentReads.graph.status as object).sort());
  });
});
