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
import { runCase } from '../differential/harness.js';

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

test("the user's own app label is the selector's too (trial 8 T12: the API server refused the mismatch)", async () => {
  const app = kubernetesComposition({ ...definition, name: 'own-app', kind: 'OwnApp' }, (spec) => {
    Deployment({ name: `pay-${spec.name}`, image: 'nginx', labels: { 'acme.io/team': 'pay', app: spec.name } });
    Deployment({ name: 'web', image: 'nginx', labels: { app: 'api' } });
    return {};
  });
  const [own, literal] = await rendered(app, { name: 'api', debug: true, extra: {}, base: {} });
  assert.deepEqual(own!.spec.selector.matchLabels, { app: 'api' });
  assert.deepEqual(own!.spec.template.metadata.labels, { 'acme.io/team': 'pay', app: 'api' });
  assert.deepEqual(literal!.spec.selector.matchLabels, literal!.spec.template.metadata.labels);
  assert.deepEqual(literal!.spec.selector.matchLabels, { app: 'api' });
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
});

const mapApp = kubernetesComposition({ ...definition, name: 'label-maps', kind: 'LabelMaps' }, (spec) => {
  Deployment({ name: spec.name, image: 'nginx', labels: spec.extra });
  Deployment({ id: 'chosen', name: 'chosen', image: 'nginx', labels: spec.debug ? spec.extra : spec.base });
  Deployment({ id: 'mixed', name: 'mixed', image: 'nginx', labels: spec.debug ? { tier: 'dev' } : spec.base });
  return {};
});

test('labels given as a whole map from the spec are merged over app: <name> in CEL (merge), as the spread does in JavaScript', async () => {
  const rgd = parse(mapApp.toYaml()) as Json;
  const labels = (index: number): unknown => rgd.spec.resources[index].template.metadata.labels;
  assert.equal(labels(0), '${has(schema.spec.extra) ? {"app": schema.spec.name}.merge(schema.spec.extra) : {"app": schema.spec.name}}');
  assert.equal(rgd.spec.resources[0].template.spec.template.metadata.labels, labels(0));
  assert.equal(
    labels(1),
    '${schema.spec.debug ? (has(schema.spec.extra) ? {"app": "chosen"}.merge(schema.spec.extra) : {"app": "chosen"}) : has(schema.spec.base) ? {"app": "chosen"}.merge(schema.spec.base) : {"app": "chosen"}}',
  );
  const spec = { name: 'n', debug: true, extra: { tier: 'x', app: 'mine' }, base: { tier: 'base' } };
  const [web, chosen, mixed] = await rendered(mapApp, spec);
  assert.deepEqual(pick(web!.metadata.labels), { app: 'mine', tier: 'x' });
  assert.deepEqual(web!.spec.template.metadata.labels, { app: 'mine', tier: 'x' });
  assert.deepEqual(pick(chosen!.metadata.labels), { app: 'mine', tier: 'x' });
  assert.deepEqual(mixed!.spec.template.metadata.labels, { app: 'mixed', tier: 'dev' });
  const [, off, offMixed] = await rendered(mapApp, { ...spec, debug: false, extra: {} });
  assert.deepEqual(off!.spec.template.metadata.labels, { app: 'chosen', tier: 'base' });
  assert.deepEqual(offMixed!.spec.template.metadata.labels, { app: 'mixed', tier: 'base' });
});

test("a whole label map from the spec, or a choice between maps, that holds app gives the selector that app (JavaScript's selector)", async () => {
  const app = kubernetesComposition({ ...definition, name: 'map-app', kind: 'MapApp' }, (spec) => {
    Deployment({ id: 'fromSpec', name: 'web', image: 'nginx', labels: spec.extra });
    Deployment({ id: 'chosen', name: 'api', image: 'nginx', labels: spec.debug ? { tier: 'dev', app: 'debug-api' } : { tier: 'prod' } });
    return {};
  });
  for (const spec of [{ name: 'n', debug: true, extra: { app: 'mine', tier: 'x' }, base: {} }, { name: 'n', debug: false, extra: { tier: 'x' }, base: {} }]) {
    for (const deployment of await rendered(app, spec)) assert.deepEqual(deployment.spec.selector.matchLabels, { app: deployment.spec.template.metadata.labels.app });
  }
  const [fromSpec, chosen] = await rendered(app, { name: 'n', debug: true, extra: { app: 'mine' }, base: {} });
  assert.deepEqual([fromSpec!.spec.selector.matchLabels, chosen!.spec.selector.matchLabels], [{ app: 'mine' }, { app: 'debug-api' }]);
  const report = runCase('map-app', { composition: app as never, spec: { name: 'n', debug: true, extra: { app: 'mine' }, base: {} }, specs: [{ name: 'n', debug: true, extra: { app: 'mine' }, base: {} }, { name: 'n', debug: false, extra: {}, base: {} }, { name: 'n', debug: true, extra: { tier: 't' }, base: {} }] });
  assert.deepEqual(report.findings, []);
});
