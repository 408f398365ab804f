/**
 * `toYaml` keeps the original TypeKro's meaning (composition and kro factory: the RGD without a spec, the
 * instance with one; direct factory: the manifests a deploy applies), and its siblings say which in their
 * name. `getInstances`/`getStatus` are the original's names for the instance queries, in both modes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parseAllDocuments } from 'yaml';
import { InstanceNotFoundError, kubernetesComposition, SpecValidationError, type InstanceStatus } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';
import { withOriginalNames } from '../../src/api/original-names.js';

const app = kubernetesComposition(
  { name: 'yaml-names', apiVersion: 'example.com/v1', kind: 'YamlNames', spec: type({ name: 'string', level: "'info' | 'debug'" }), status: type({ name: 'string' }) },
  (spec) => {
    const config = ConfigMap({ name: spec.name, data: { level: spec.level } });
    return { name: config.metadata.name };
  },
);
const spec = { name: 'shop', level: 'debug' } as const;

function documents(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as Record<string, unknown>);
}

test('composition: rgdYaml is the RGD, instanceYaml the instance, toYaml either by its argument', () => {
  const [rgd] = documents(app.rgdYaml());
  assert.equal(rgd?.kind, 'ResourceGraphDefinition');
  const [instance] = documents(app.instanceYaml(spec));
  assert.deepEqual([instance?.apiVersion, instance?.kind, (instance?.metadata as { name: string }).name, instance?.spec], ['example.com/v1', 'YamlNames', 'shop', spec]);
  assert.equal(app.toYaml(), app.rgdYaml());
  assert.equal(app.toYaml(spec), app.instanceYaml(spec));
  assert.throws(() => app.instanceYaml({ name: 'shop', level: 'verbose' } as never), SpecValidationError);
});

test('kro factory: the same, with the instance in the factory namespace and an optional name', () => {
  const kro = app.factory('kro', { namespace: 'dev' });
  assert.equal(kro.rgdYaml(), app.rgdYaml());
  const [instance] = documents(kro.instanceYaml(spec, { name: 'other' }));
  assert.deepEqual(instance?.metadata, { name: 'other', namespace: 'dev' });
  assert.equal(kro.toYaml(), kro.rgdYaml());
  assert.equal(kro.toYaml(spec), kro.instanceYaml(spec));
  assert.notEqual(kro.toYaml(spec), kro.toYaml());
});

test('direct factory: manifestsYaml is what a deploy applies, and toYaml(spec) the same text', async () => {
  const direct = app.factory('direct', { namespace: 'dev' });
  const manifests = documents(await direct.manifestsYaml(spec));
  assert.deepEqual(
    manifests.map((m) => [m.kind, (m.metadata as { name: string; namespace: string }).name, (m.metadata as { namespace: string }).namespace, m.data]),
    [['ConfigMap', 'shop', 'dev', { level: 'debug' }]],
  );
  assert.equal(await direct.toYaml(spec), await direct.manifestsYaml(spec));
  const named = documents(await direct.manifestsYaml(spec, { name: 'other' }));
  const labels = (named[0]?.metadata as { labels: Record<string, string> }).labels;
  assert.equal(labels['typekro.dev/instance'], 'other');
  await assert.rejects(direct.manifestsYaml({ name: 'shop', level: 'verbose' } as never), SpecValidationError);
});

function statusOf(name: string, ready: boolean, state?: string): InstanceStatus<unknown> {
  return { apiVersion: 'example.com/v1', kind: 'YamlNames', metadata: { name }, mode: 'kro', ready, ...(state ? { state } : {}), status: {}, pending: [], resources: [] };
}

function queried(statuses: Record<string, InstanceStatus<unknown> | 'gone'>) {
  return withOriginalNames<unknown, Parameters<typeof withOriginalNames>[0]>({
    mode: 'kro',
    name: 'yaml-names',
    namespace: 'dev',
    listInstances: async () => Object.keys(statuses).map((name) => ({ name, namespace: 'dev' })),
    instanceStatus: async (name) => {
      const status = statuses[name];
      if (status === undefined || status === 'gone') throw new InstanceNotFoundError(name, 'dev', `${name} not found`);
      return status;
    },
  });
}

test('getInstances is listInstances then instanceStatus of each; one deleted meanwhile is left out', async () => {
  const factory = queried({ a: statusOf('a', true), b: 'gone', c: statusOf('c', false) });
  assert.deepEqual((await factory.getInstances()).map((s) => s.metadata.name), ['a', 'c']);
});

test('getStatus: healthy when all are ready (or none), failed on a KRO ERROR, degraded otherwise', async () => {
  const summary = (statuses: Record<string, InstanceStatus<unknown>>) => queried(statuses).getStatus();
  assert.deepEqual(await summary({}), { name: 'yaml-names', mode: 'kro', namespace: 'dev', instanceCount: 0, health: 'healthy' });
  assert.equal((await summary({ a: statusOf('a', true) })).health, 'healthy');
  assert.equal((await summary({ a: statusOf('a', true), b: statusOf('b', false, 'IN_PROGRESS') })).health, 'degraded');
  assert.equal((await summary({ a: statusOf('a', false, 'ERROR'), b: statusOf('b', false) })).health, 'failed');
  assert.equal((await summary({ a: statusOf('a', true), b: statusOf('b', true) })).instanceCount, 2);
});

test('other errors of instanceStatus are not swallowed', async () => {
  const factory = withOriginalNames<unknown, Parameters<typeof withOriginalNames>[0]>({
    mode: 'direct',
    name: 'x',
    namespace: 'dev',
    listInstances: async () => [{ name: 'a', namespace: 'dev' }],
    instanceStatus: async () => {
      throw new SpecValidationError('x', ['spec.level: must be "info" or "debug"']);
    },
  });
  await assert.rejects(factory.getInstances(), SpecValidationError);
});
