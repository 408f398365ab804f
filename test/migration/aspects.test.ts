/**
 * typekro/aspects: withLabels, withAnnotations and withEnvVars change the graph once, so the RGD
 * (`toYaml({ aspects })`, `factory('kro', { aspects })`) and direct mode's manifests carry the same labels and
 * variables; values may be expressions or references (compiled as JavaScript's String(x)); what cannot be
 * merged faithfully is refused, naming the resource.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { parseAllDocuments } from 'yaml';
import { Cel, configMap, deployment, isTypeKroError, kubernetesComposition } from '../../src/index.js';
import { withAnnotations, withEnvVars, withLabels, type Aspect } from '../../src/api/aspects.js';
import { ConfigMap, CronJob, Deployment, Service } from '../../src/simple.js';
import { createRef } from '../../src/model/refs.js';

/**
 * A reference to a spec field, as an aspect value: made here, since a composition function may not hand one of
 * its references to code outside it (outer-writes.ts: `aspect = withLabels({ x: spec.x })` is refused).
 */
const specRef = (field: string): string => createRef({ root: { kind: 'schema' }, path: ['spec', field] }) as string;

type Manifest = { kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
type Container = { name: string; env?: { name: string; value?: string }[] };

const app = kubernetesComposition(
  { name: 'aspects', apiVersion: 'migration.typekro.dev/v1alpha1', kind: 'Aspects', spec: type({ name: 'string', team: 'string', replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', env: { LOG_LEVEL: 'info', KEEP: 'yes' }, labels: { tier: 'web' } });
    Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] });
    ConfigMap({ name: `${spec.name}-config`, data: { a: 'b' } });
    CronJob({ name: `${spec.name}-nightly`, image: 'busybox', schedule: '0 3 * * *' });
    return { ready: web.status.readyReplicas > 0 };
  },
);

const aspects: Aspect[] = [
  withLabels({ team: Cel.expr<string>('schema.spec.team'), 'example.com/env': 'prod' }),
  withAnnotations({ 'example.com/owner': 'platform' }),
  withEnvVars({ LOG_LEVEL: 'debug', REPLICAS: Cel.expr<string>('string(schema.spec.replicas)') }),
];

const templates = (yaml: string): Manifest[] =>
  (parseAllDocuments(yaml)[0]!.toJS() as { spec: { resources: { template: Manifest }[] } }).spec.resources.map((r) => r.template);
const containersOf = (manifest: Manifest): Container[] => {
  const spec = manifest.kind === 'CronJob'
    ? ((manifest.spec!['jobTemplate'] as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec)
    : (manifest.spec!['template'] as { spec: { containers: Container[] } }).spec;
  return spec.containers;
};

test('toYaml({ aspects }) and the kro factory render the same RGD: labels and annotations on every resource, env on every workload container', () => {
  const rendered = app.toYaml({ aspects });
  assert.equal(app.factory('kro', { namespace: 'dev', aspects }).toYaml(), rendered);
  assert.notEqual(app.toYaml(), rendered, 'the composition itself is unchanged');
  const manifests = templates(rendered);
  assert.deepEqual(manifests.map((m) => m.kind), ['Deployment', 'Service', 'ConfigMap', 'CronJob']);
  for (const manifest of manifests) {
    assert.equal(manifest.metadata.labels?.['team'], '${schema.spec.team}', manifest.kind);
    assert.equal(manifest.metadata.labels?.['example.com/env'], 'prod', manifest.kind);
    assert.equal(manifest.metadata.annotations?.['example.com/owner'], 'platform', manifest.kind);
  }
  const [deployment, , , cron] = manifests;
  // The factory's own labels stay; pod template labels are untouched, as in the original.
  assert.equal(deployment!.metadata.labels?.['tier'], 'web');
  assert.equal((deployment!.spec!['template'] as { metadata: { labels: Record<string, string> } }).metadata.labels['team'], undefined);
  // An existing variable is replaced in place; the others are kept; new ones are appended.
  assert.deepEqual(containersOf(deployment!)[0]!.env, [
    { name: 'LOG_LEVEL', value: 'debug' },
    { name: 'KEEP', value: 'yes' },
    { name: 'REPLICAS', value: '${string(schema.spec.replicas)}' },
  ]);
  assert.deepEqual(containersOf(cron!)[0]!.env, [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'REPLICAS', value: '${string(schema.spec.replicas)}' }]);
});

test('direct mode applies the same labels and variables, evaluated for the instance', async () => {
  const yaml = await app.factory('direct', { namespace: 'dev', aspects }).toYaml({ name: 'shop', team: 'payments', replicas: 3 });
  const manifests = parseAllDocuments(yaml).map((d) => d.toJS() as Manifest);
  assert.deepEqual(manifests.map((m) => [m.kind, m.metadata.labels?.['team'], m.metadata.labels?.['example.com/env']]), [
    ['Deployment', 'payments', 'prod'], ['Service', 'payments', 'prod'], ['ConfigMap', 'payments', 'prod'], ['CronJob', 'payments', 'prod'],
  ]);
  assert.deepEqual(containersOf(manifests[0]!)[0]!.env, [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'KEEP', value: 'yes' }, { name: 'REPLICAS', value: '3' }]);
});

test('later aspects win, and no aspects is the composition itself', () => {
  const yaml = app.toYaml({ aspects: [withLabels({ team: 'a' }), withLabels({ team: 'b' })] });
  assert.ok(templates(yaml).every((m) => m.metadata.labels?.['team'] === 'b'));
  assert.equal(app.factory('kro', { aspects: [] }).toYaml(), app.toYaml());
});

test('a label from the spec is text as in JavaScript: a number reference becomes string(...)', () => {
  const aspect: Aspect = withLabels({ shard: specRef('shard') });
  const counted = kubernetesComposition(
    { name: 'counted', kind: 'Counted', spec: type({ name: 'string', shard: 'number.integer' }), status: type({ name: 'string' }) },
    (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
  );
  assert.match(counted.toYaml({ aspects: [aspect] }), /labels:\n\s+app: \$\{schema\.spec\.name\}\n\s+shard: \$\{string\(schema\.spec\.shard\)\}/);
});

test('what cannot be applied faithfully is refused, naming the key or the resource', () => {
  const refused = (run: () => unknown, message: RegExp): void => {
    assert.throws(run, (error: Error) => isTypeKroError(error) && message.test(error.message), String(message));
  };
  refused(() => withLabels({ 'team/': 'x' }), /^\/.*aspects\.test\.ts:\d+:\d+: withLabels\(\.\.\.\): "team\/" is not a valid key/);
  refused(() => withLabels({ team: 'not a label value' }), /^\/.*aspects\.test\.ts:\d+:\d+: withLabels\(\.\.\.\): "team" is not a valid label value/);
  refused(() => withEnvVars({ 'A=B': 'x' }), /^\/.*aspects\.test\.ts:\d+:\d+: withEnvVars\(\.\.\.\): "A=B" is not an environment variable name/);
  refused(() => withEnvVars({ N: 3 as unknown as string }), /^\/.*aspects\.test\.ts:\d+:\d+: withEnvVars\(\.\.\.\): "N" must be text, a Cel expression or a reference, got number/);
  refused(() => withLabels({ 'kro.run/owned': 'x' }) && app.toYaml({ aspects: [withLabels({ 'kro.run/owned': 'x' })] }), /uses the prefix "kro\.run\/", which KRO reserves/);
  const misread: Aspect = withLabels({ team: specRef('team') });
  const other = kubernetesComposition(
    { name: 'other', kind: 'Other', spec: type({ name: 'string' }), status: type({ name: 'string' }) },
    (spec) => ({ name: ConfigMap({ name: spec.name, data: {} }).metadata.name }),
  );
  refused(() => other.toYaml({ aspects: [misread] }), /^resource "configMap" \(ConfigMap\): metadata\.labels\.team: the aspect reads spec\.team, which the spec of "other" does not declare$/);
  const computed = kubernetesComposition(
    { name: 'computed', kind: 'Computed', spec: type({ name: 'string', labels: 'Record<string, string>' }), status: type({ name: 'string' }) },
    (spec) => ({ name: configMap({ metadata: { name: spec.name, labels: spec.labels }, data: {} }).metadata.name }),
  );
  // Applying aspects never changes the composition's own graph.
  assert.ok(templates(app.toYaml()).every((m) => m.metadata.labels?.['team'] === undefined));
});

test('a container environment with a computed variable name is refused: the aspect might set the same variable', () => {
  const dynamic = kubernetesComposition(
    { name: 'dynamic', kind: 'Dynamic', spec: type({ name: 'string', flag: 'string' }), status: type({ name: 'string' }) },
    (spec) => {
      const web = Deployment({ name: spec.name, image: 'nginx' });
      const worker = deployment({
        metadata: { name: `${spec.name}-worker` },
        spec: { selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'w', image: 'busybox', env: [{ name: spec.flag, value: '1' }] }] } } },
      });
      return { name: `${web.metadata.name}/${worker.metadata.name}` };
    },
  );
  assert.throws(
    () => dynamic.toYaml({ aspects: [withEnvVars({ LOG_LEVEL: 'debug' })] }),
    (error: Error) => isTypeKroError(error) && error.message === 'resource "worker" (Deployment): containers[0].env is computed (an expression, or a variable with a computed name), so withEnvVars cannot add variables to it faithfully; list the containers and their env literally in the composition',
  );
});

test('labels computed in CEL (a whole map from the spec) get the aspect merged in with KRO merge, the aspect winning', async () => {
  const computed = kubernetesComposition(
    { name: 'computed', kind: 'Computed', spec: type({ name: 'string', labels: 'Record<string, string>' }), status: type({ name: 'string' }) },
    (spec) => {
      Deployment({ name: 'web', image: 'nginx', labels: spec.labels });
      return { name: configMap({ metadata: { name: spec.name, labels: spec.labels }, data: {} }).metadata.name };
    },
  );
  const aspects = [withLabels({ team: 'x' })];
  const [web, config] = templates(computed.toYaml({ aspects }));
  assert.equal(web!.metadata.labels as unknown, '${(has(schema.spec.labels) ? {"app": "web"}.merge(schema.spec.labels) : {"app": "web"}).merge({"team": "x"})}');
  assert.equal(config!.metadata.labels as unknown, '${schema.spec.labels.merge({"team": "x"})}');
  const objects = parseAllDocuments(await computed.factory('direct', { namespace: 'dev', aspects }).toYaml({ name: 'c', labels: { team: 'mine', tier: 'db' } })).map((doc) => doc.toJSON() as Manifest);
  for (const object of objects) {
    assert.equal(object.metadata.labels?.['team'], 'x');
    assert.equal(object.metadata.labels?.['tier'], 'db');
  }
});

test('an aspect maker in a resource factory\'s options is refused where it is, saying where aspects go', () => {
  assert.throws(
    () => kubernetesComposition(
      { name: 'misplaced', kind: 'Misplaced', spec: type({ team: 'string' }), status: type({ ok: 'boolean' }) },
      (spec) => {
        Deployment({ name: 'web', image: 'nginx', aspects: [withLabels({ team: spec.team })] } as Parameters<typeof Deployment>[0]);
        return { ok: true };
      },
    ),
    (error: Error) => {
      assert.match(error.message, /aspects\.test\.ts:\d+:\d+: `withLabels\(\.\.\.\)` makes an aspect, which changes every resource of a composition when its factory is made; a resource factory takes no aspects/);
      assert.match(error.message, /hint: pass it to the composition's factory or YAML: app\.factory\('kro', \{ aspects: \[withLabels\(\{ \.\.\. \}\)\] \}\) or app\.toYaml\(\{ aspects: \[\.\.\.\] \}\)/);
      return true;
    },
  );
  assert.throws(
    () => kubernetesComposition(
      { name: 'misplaced-literal', kind: 'MisplacedLiteral', spec: type({ team: 'string' }), status: type({ ok: 'boolean' }) },
      () => {
        Deployment({ name: 'web', image: 'nginx', aspects: [withLabels({ team: 'a' })] } as Parameters<typeof Deployment>[0]);
        return { ok: true };
      },
    ),
    /aspects\.test\.ts:\d+:\d+: Deployment: unknown option "aspects"[^\n]*; aspects apply to a whole composition: pass them to app\.factory\('kro' \| 'direct', \{ aspects \}\) or app\.toYaml\(\{ aspects \}\)$/,
  );
});
