/**
 * Aspects in both modes on the local control plane: the same composition deployed with
 * `aspects: [withLabels(...), withEnvVars(...)]` by KRO and by direct mode gives objects with the same labels
 * (literal and from the instance) and the same container environment.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { withEnvVars, withLabels } from '../../src/api/aspects.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { testKubeConfig, testNamespace } from '../support/cluster.js';

const app = kubernetesComposition(
  { name: 'aspect-app', apiVersion: 'migration.typekro.dev/v1alpha1', kind: 'AspectApp', spec: type({ name: 'string', team: 'string' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', env: { LOG_LEVEL: 'info' } });
    ConfigMap({ name: `${spec.name}-settings`, data: { mode: 'web' } });
    return { ready: web.status.readyReplicas > 0 };
  },
);
const aspects = [withLabels({ 'example.com/team': Cel.expr<string>('schema.spec.team'), tier: 'platform' }), withEnvVars({ LOG_LEVEL: 'debug', REGION: 'eu-1' })];

type Observed = { metadata: { labels?: Record<string, string> }; spec?: { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } } };

describe('aspects in kro and direct mode', () => {
  const kc = testKubeConfig();
  const client = new KubeClient(kc);
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  for (const mode of ['kro', 'direct'] as const) {
    it(`${mode} mode: every object carries the labels, every container the variables`, { timeout: 300_000 }, async () => {
      const namespace = await testNamespace(kc, `aspects-${mode}`);
      cleanups.push(namespace.remove);
      const options = { kubeConfig: kc, namespace: namespace.name, timeout: 180_000, aspects };
      const factory = mode === 'kro' ? app.factory('kro', options) : app.factory('direct', options);
      const deployed = await factory.deploy({ name: 'shop', team: 'payments' });
      cleanups.push(() => factory.deleteInstance(deployed.metadata.name));
      const read = async (kind: string, apiVersion: string, name: string): Promise<Observed> => {
        const object = await client.get({ apiVersion, kind, name, namespace: namespace.name });
        assert.ok(object, `${kind} ${name} was not created`);
        return object as unknown as Observed;
      };
      const deployment = await read('Deployment', 'apps/v1', 'shop');
      const settings = await read('ConfigMap', 'v1', 'shop-settings');
      for (const object of [deployment, settings]) {
        assert.equal(object.metadata.labels?.['example.com/team'], 'payments');
        assert.equal(object.metadata.labels?.['tier'], 'platform');
      }
      assert.deepEqual(deployment.spec!.template.spec.containers[0]!.env, [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'REGION', value: 'eu-1' }]);
    });
  }
});
