/**
 * Simple factories reshape some arguments in JavaScript (env map → list, `app` label merged in, Hpa target
 * defaults). A ternary over object literals in those arguments is compiled from source; the reshaping must
 * apply to each branch, and an argument that cannot be reshaped is an error naming the call site.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parse, parseAllDocuments } from 'yaml';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment, Hpa, Namespace } from '../../src/simple.js';

const definition = {
  apiVersion: 'computed.typekro.dev/v1alpha1',
  spec: type({ name: 'string', debug: 'boolean', extra: 'Record<string, string>', base: 'Record<string, string>' }),
  status: type({ 'ok?': 'boolean' }),
};
type Json = Record<string, any>;
const rendered = async (app: { factory(mode: 'direct', options: { namespace: string }): { toYaml(spec: unknown): Promise<string> } }, spec: unknown): Promise<Json[]> =>
  parseAllDocuments(await app.factory('direct', { namespace: 'dev' }).toYaml(spec)).map((doc) => doc.toJSON() as Json);

/** The labels the composition sets (direct mode adds its ownership labels to the object's own metadata). */
const pick = (labels: Json): Json => Object.fromEntries(Object.entries(labels).filter(([key]) => key === 'app' || key === 'tier'));

const envApp = kubernetesComposition({ ...definition, name: 'env', kind: 'Env' }, (spec) => {
  Deployment({ name: 'web', image: 'nginx', env: spec.debug ? { A: 'x', B: spec.name } : { A: 'y' } });
  return {};
});

test('env chosen by a ternary becomes a ternary of { name, value } lists', async () => {
  const rgd = parse(envApp.toYaml()) as Json;
  const env = rgd.spec.resources[0].template.spec.template.spec.containers[0].env;
  assert.equal(env, '${schema.spec.debug ? [{"name": "A", "value": "x"}, {"name": "B", "value": schema.spec.name}] : [{"name": "A", "value": "y"}]}');
  const [on] = await rendered(envApp, { name: 'n', debug: true, extra: {}, base: {} });
  assert.deepEqual(on!.spec.template.spec.containers[0].env, [{ name: 'A', value: 'x' }, { name: 'B', value: 'n' }]);
  const [off] = await rendered(envApp, { name: 'n', debug: false, extra: {}, base: {} });
  assert.deepEqual(off!.spec.template.spec.containers[0].env, [{ name: 'A', value: 'y' }]);
});

const labelsApp = kubernetesComposition({ ...definition, name: 'labels', kind: 'Labels' }, (spec) => {
  Deployment({ name: 'web', image: 'nginx', labels: spec.debug ? { tier: 'dev' } : { tier: 'prod' } });
  Namespace({ id: 'ns', name: `${spec.name}-ns`, labels: spec.debug ? { tier: 'dev', app: 'mine' } : {} });
  return {};
});

test('labels chosen by a ternary keep app: <name> in the object and the pod template (the selector matches)', async () => {
  const [deployment, namespace] = await rendered(labelsApp, { name: 'n', debug: true, extra: {}, base: {} });
  assert.deepEqual(pick(deployment!.metadata.labels), { app: 'web', tier: 'dev' });
  assert.deepEqual(deployment!.spec.template.metadata.labels, { app: 'web', tier: 'dev' });
  assert.deepEqual(deployment!.spec.selector.matchLabels, { app: 'web' });
  assert.deepEqual(pick(namespace!.metadata.labels), { tier: 'dev', app: 'mine' });
  const [prod, plain] = await rendered(labelsApp, { name: 'n', debug: false, extra: {}, base: {} });
  assert.deepEqual(prod!.spec.template.metadata.labels, { app: 'web', tier: 'prod' });
  assert.deepEqual(pick(plain!.metadata.labels), { app: 'n-ns' });
  const rgd = parse(labelsApp.toYaml()) as Json;
  assert.equal(rgd.spec.resources[0].template.spec.template.metadata.labels, '${schema.spec.debug ? {"app": "web", "tier": "dev"} : {"app": "web", "tier": "prod"}}');
});

test('an Hpa target chosen by a ternary keeps the apps/v1 default', async () => {
  const app = kubernetesComposition({ ...definition, name: 'hpa', kind: 'HpaApp' }, (spec) => {
    Hpa({ name: 'web', target: spec.debug ? { kind: 'Deployment', name: 'a' } : { kind: 'StatefulSet', name: 'b', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 2 });
    return {};
  });
  const [hpa] = await rendered(app, { name: 'n', debug: true, extra: {}, base: {} });
  assert.deepEqual(hpa!.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a' });
});

test('a computed env or labels that is not object literals names the call site and the way out', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'bad-env', kind: 'BadEnv' }, (spec) => {
      Deployment({ name: 'web', image: 'nginx', env: spec.debug ? spec.extra : spec.base });
      return {};
    }),
    (error: Error) => {
      const [, location, rest] = /^(.*?):\d+:\d+: (.*)$/s.exec(error.message) ?? [];
      assert.match(location ?? '', /computed-arguments\.test\.ts$/);
      assert.equal(rest, `Deployment "web": env is computed from the spec, and the factory turns the map into a list of { name, value } in JavaScript, which only works on object literals (also in each branch of a ternary); choose each variable's value instead: env: { A: spec.debug ? 'x' : 'y' }`);
      return true;
    },
  );
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'bad-labels', kind: 'BadLabels' }, (spec) => {
      Deployment({ name: spec.name, image: 'nginx', labels: spec.debug ? spec.extra : spec.base });
      return {};
    }),
    /computed-arguments\.test\.ts:\d+:\d+: Deployment spec\.name: labels is computed from the spec, and the factory adds app: <name> in JavaScript/,
  );
});
