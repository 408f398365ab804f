/**
 * typekro/ory, typekro/apisix, typekro/temporal and ACK RDS (typekro/aws) on the local control plane, without
 * their operators: the CRDs rebuilt from the generated schema data are installed, each example's objects pass
 * the API server's validation (server-side apply: unknown fields are errors) in direct mode's form, a bad
 * value is rejected naming the field, and each example's RGD is accepted by the real KRO (which type-checks
 * its CEL against the CRD schemas). No operator runs here, so under KRO the test writes the status each operator
 * writes (the condition read from its source) and KRO, evaluating the integration's readiness rule, creates
 * what waits on the resource (Ory, Temporal, ACK RDS) or reports the instance ACTIVE (APISIX).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { crdManifests } from '../../src/index.js';
import { allKinds as apisixKinds } from '../../src/integrations/apisix/index.js';
import { rdsKinds } from '../../src/integrations/aws/index.js';
import { allKinds as oryKinds } from '../../src/integrations/ory/index.js';
import { allKinds as temporalKinds } from '../../src/integrations/temporal/index.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { applyRgd } from '../../src/runtime/kro/deploy.js';
import { eventually, installCrds, testKubeConfig, testNamespace } from '../support/cluster.js';
import { gatewayRoute, oauthApp, rdsDatabase, temporalTeam } from './examples/operators.js';

type Live = KubernetesObject & { status?: Record<string, unknown> };
/** What these tests use of a composition, whatever its spec type. */
type AnyComposition = { toYaml(): string; factory(mode: 'kro', options: { namespace: string }): unknown };
const object = (body: Record<string, unknown>): KubernetesObject => body as KubernetesObject;
const condition = (type: string, generation: number) => ({ type, status: 'True', reason: 'Test', message: 'written by the test as the operator would', lastTransitionTime: new Date().toISOString(), observedGeneration: generation });

describe('typekro/ory, typekro/apisix, typekro/temporal and ACK RDS on the cluster', { timeout: 420_000 }, () => {
  const client = new KubeClient(testKubeConfig());
  const objects = testKubeConfig().makeApiClient(CustomObjectsApi);
  let ns: { name: string; remove: () => Promise<void> };

  before(async () => {
    ns = await testNamespace(testKubeConfig(), 'operators');
    await installCrds(client, crdManifests([...oryKinds, ...apisixKinds, ...temporalKinds, ...rdsKinds]));
  });
  after(async () => {
    await ns.remove();
  });

  it('accepts the examples as direct mode renders them', async () => {
    const rendered = [
      await oauthApp.factory('direct', { namespace: ns.name }).toYaml({ name: 'login', redirect: 'https://login.example.com/callback' }),
      await gatewayRoute.factory('direct', { namespace: ns.name }).toYaml({ app: 'web', host: 'web.example.com' }),
      await temporalTeam.factory('direct', { namespace: ns.name }).toYaml({ team: 'payments', postgres: 'postgres.db' }),
      await rdsDatabase.factory('direct', { namespace: ns.name }).toYaml({ name: 'shop', subnets: ['subnet-0a', 'subnet-0b'] }),
    ];
    const all = rendered.flatMap((yaml) => parseAllDocuments(yaml)).map((doc) => doc.toJS() as KubernetesObject);
    assert.deepEqual(all.map((o) => o.kind), ['OAuth2Client', 'Deployment', 'Service', 'ApisixRoute', 'TemporalCluster', 'TemporalNamespace', 'DBSubnetGroup', 'DBInstance']);
    for (const object of all) await client.apply(object, { force: true });
    const route = (await client.get({ apiVersion: 'apisix.apache.org/v2', kind: 'ApisixRoute', name: 'web', namespace: ns.name })) as { spec?: { http?: { backends?: { serviceName?: string }[] }[] } } | undefined;
    assert.equal(route?.spec?.http?.[0]?.backends?.[0]?.serviceName, 'web');
  });

  it('rejects a bad value per integration naming the field', async () => {
    const meta = { name: 'bad', namespace: ns.name };
    await assert.rejects(client.apply(object({ apiVersion: 'hydra.ory.sh/v1alpha1', kind: 'OAuth2Client', metadata: meta, spec: { grantTypes: ['password'], secretName: 'bad' } }), { force: true }), /spec\.grantTypes\[0\]: Unsupported value: "password"/);
    await assert.rejects(client.apply(object({ apiVersion: 'apisix.apache.org/v2', kind: 'ApisixRoute', metadata: meta, spec: { http: [{ name: 'r', match: { paths: ['/'] }, backends: [{ serviceName: 'web' }] }] } }), { force: true }), /spec\.http\[0\]\.backends\[0\]\.servicePort: Required value/);
    await assert.rejects(client.apply(object({ apiVersion: 'temporal.io/v1beta1', kind: 'TemporalNamespace', metadata: meta, spec: { clusterRef: { name: 'c' } } }), { force: true }), /spec\.retentionPeriod: Required value/);
    await assert.rejects(client.apply(object({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: meta, spec: { dbInstanceIdentifier: 'db', dbInstanceClass: 'db.t4g.micro' } }), { force: true }), /spec\.engine: Required value/);
  });

  /** Applies the example's RGD (KRO must accept it) and an instance of it in a namespace of its own. */
  async function instanceOf(composition: AnyComposition, spec: Record<string, unknown>, prefix: string) {
    const rgd = parseAllDocuments(composition.toYaml())[0]!.toJS() as KubernetesObject;
    await applyRgd(client, rgd, { timeoutMs: 120_000 });
    const space = await testNamespace(testKubeConfig(), prefix);
    const instance = parseAllDocuments((composition.factory('kro', { namespace: space.name }) as { toYaml(input: Record<string, unknown>): string }).toYaml(spec))[0]!.toJS() as KubernetesObject;
    await eventually('the instance CRD to be served', async () => {
      try {
        return await client.apply(instance, { force: true });
      } catch {
        return undefined;
      }
    });
    const cleanup = async () => {
      await client.delete({ apiVersion: instance.apiVersion!, kind: instance.kind!, name: instance.metadata!.name!, namespace: space.name });
      await space.remove();
      await client.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgd.metadata!.name! });
    };
    return { space: space.name, instance, cleanup };
  }

  it('APISIX: KRO accepts the RGD; the instance goes ACTIVE once the route reports Accepted for its generation', async () => {
    const { space, instance, cleanup } = await instanceOf(gatewayRoute as unknown as AnyComposition, { app: 'web', host: 'web.example.com' }, 'apisix-kro');
    const ref = { group: 'apisix.apache.org', version: 'v2', plural: 'apisixroutes', name: 'web', namespace: space };
    const route = await eventually('KRO to create the ApisixRoute', async () => {
      try {
        return (await objects.getNamespacedCustomObject(ref)) as Live & { metadata: { generation: number } };
      } catch {
        return undefined;
      }
    });
    const read = async () => (await client.get({ apiVersion: instance.apiVersion!, kind: instance.kind!, name: instance.metadata!.name!, namespace: space })) as Live | undefined;
    // Without the controller's Accepted the route is not ready, so neither is the instance.
    assert.notEqual((await read())?.status?.state, 'ACTIVE');
    await objects.replaceNamespacedCustomObjectStatus({ ...ref, body: { ...route, status: { conditions: [condition('Accepted', route.metadata.generation)] } } });
    const active = await eventually('the instance ACTIVE', async () => {
      const live = await read();
      return live?.status?.state === 'ACTIVE' ? live : undefined;
    }, 120_000);
    assert.equal(active.status?.route, 'web');
    await cleanup();
  });

  // [example, instance spec, the object its operator would report on, the status it writes, the object KRO creates once that is ready]
  const waits = [
    { name: 'Ory', composition: oauthApp, spec: { name: 'login', redirect: 'https://login.example.com/cb' }, upstream: { group: 'hydra.ory.sh', version: 'v1alpha1', plural: 'oauth2clients', name: 'login' }, status: (gen: number) => ({ observedGeneration: gen, conditions: [{ type: 'Ready', status: 'True' }] }), waiting: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'login' } },
    { name: 'Temporal', composition: temporalTeam, spec: { team: 'payments', postgres: 'postgres.db' }, upstream: { group: 'temporal.io', version: 'v1beta1', plural: 'temporalclusters', name: 'payments' }, status: (gen: number) => ({ conditions: [condition('Ready', gen)] }), waiting: { apiVersion: 'temporal.io/v1beta1', kind: 'TemporalNamespace', name: 'payments-default' } },
    { name: 'ACK RDS', composition: rdsDatabase, spec: { name: 'shop', subnets: ['subnet-0a'] }, upstream: { group: 'rds.services.k8s.aws', version: 'v1alpha1', plural: 'dbsubnetgroups', name: 'shop-subnets' }, status: () => ({ conditions: [{ type: 'ACK.ResourceSynced', status: 'True', lastTransitionTime: new Date().toISOString() }] }), waiting: { apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', name: 'shop' } },
  ];
  for (const wait of waits) {
    it(`${wait.name}: KRO accepts the RGD, and creates what waits once the operator's status satisfies the readiness rule`, async () => {
      const { space, cleanup } = await instanceOf(wait.composition as unknown as AnyComposition, wait.spec, `${wait.name.toLowerCase().replace(/ /g, '-')}-kro`);
      const ref = { ...wait.upstream, namespace: space };
      const upstream = (await eventually(`KRO to create ${wait.upstream.plural}/${wait.upstream.name}`, async () => {
        try {
          return (await objects.getNamespacedCustomObject(ref)) as Live & { metadata: { generation: number } };
        } catch {
          return undefined;
        }
      })) as Live & { metadata: { generation: number } };
      // Not ready without its operator: what waits on it is not created.
      assert.equal(await client.get({ ...wait.waiting, namespace: space }), undefined);
      await objects.replaceNamespacedCustomObjectStatus({ ...ref, body: { ...upstream, status: wait.status(upstream.metadata.generation) } });
      const created = await eventually(`KRO to create ${wait.waiting.kind} ${wait.waiting.name}`, async () => client.get({ ...wait.waiting, namespace: space }), 120_000);
      assert.equal(created.metadata?.name, wait.waiting.name);
      await cleanup();
    });
  }
});
