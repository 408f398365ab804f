/**
 * helmRepository / helmRelease at definition time: the Flux objects they make, references in values,
 * the default readyWhen in the RGD, and input errors named before anything is applied.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { printCel } from '../../src/compile/cel/print.js';
import { kindReadiness } from '../../src/compile/readiness/index.js';
import { configMap, helmRelease, helmRepository, kubernetesComposition } from '../../src/index.js';
import { createCelEngine, jsonToCel } from '../../src/runtime/cel/index.js';

const definition = {
  apiVersion: 'flux.typekro.dev/v1alpha1',
  spec: type({ message: 'string', replicas: 'number.integer' }),
  status: type({ revision: 'string' }),
};

const charted = kubernetesComposition({ ...definition, name: 'charted', kind: 'Charted' }, (spec) => {
  const settings = configMap({ metadata: { name: 'settings' }, data: { greeting: spec.message } });
  const charts = helmRepository({ name: 'charts', url: 'http://127.0.0.1:8080' });
  const hello = helmRelease<{ message: string; replicas: number }>({
    name: 'hello',
    chart: { repository: charts, name: 'hello', version: '0.1.x' },
    values: { message: settings.data.greeting, replicas: spec.replicas },
  });
  return { revision: hello.status.lastAttemptedRevision };
});

type Json = Record<string, any>;
const resource = (id: string): Json => {
  const rgd = charted.toYaml();
  assert.ok(rgd.includes(`id: ${id}`));
  return charted.graph.resources.find((r) => r.id === id) as unknown as Json;
};

test('helmRepository and helmRelease make Flux objects with defaults and references', () => {
  const yaml = charted.toYaml();
  assert.match(yaml, /apiVersion: source\.toolkit\.fluxcd\.io\/v1\n\s+kind: HelmRepository/);
  assert.match(yaml, /apiVersion: helm\.toolkit\.fluxcd\.io\/v2\n\s+kind: HelmRelease/);
  assert.match(yaml, /sourceRef:\n\s+kind: HelmRepository\n\s+name: \$\{charts\.metadata\.name\}\n\s+namespace: \$\{charts\.metadata\.namespace\}/);
  assert.match(yaml, /values:\n\s+message: \$\{settings\.data\.greeting\}\n\s+replicas: \$\{schema\.spec\.replicas\}/);
  assert.match(yaml, /interval: 5m\n\s+timeout: 5m/);
  assert.equal(resource('hello').kind, 'HelmRelease');
});

test('Flux objects get Flux readiness as default readyWhen; a user readyWhen replaces it', () => {
  const yaml = charted.toYaml();
  const rule = printCel(kindReadiness('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'hello')!.ready);
  assert.ok(yaml.includes(`- id: hello\n      readyWhen:\n        - \${${rule}}`), `the HelmRelease rule as readyWhen:\n${yaml}`);
  assert.match(yaml, /- id: charts\n\s+readyWhen:/);
  assert.doesNotMatch(yaml, /- id: settings\n\s+readyWhen/);
  const own = kubernetesComposition({ ...definition, name: 'own', kind: 'Own' }, () => {
    const repo = helmRepository({ name: 'oci', url: 'oci://registry.example.com/charts', type: 'oci' });
    const release = helmRelease({ name: 'r', chart: { repository: repo, name: 'c' } }).withReadyWhen((self) => self.status.history.length > 0);
    return { revision: release.status.lastAttemptedRevision };
  }).toYaml();
  assert.match(own, /- id: release\n\s+readyWhen:\n\s+- \$\{size\(release\.status\.history\) > 0\}/);
  // An OCI HelmRepository has no conditions to wait for: its rule holds for one without any status.
  const [repoReady] = /- id: repo\n\s+readyWhen:\n\s+- \$\{(.*)\}\n/.exec(own)?.slice(1) ?? [];
  assert.ok(repoReady, own);
  const engine = createCelEngine();
  const oci = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'oci', generation: 1 }, spec: { type: 'oci', url: 'oci://registry.example.com/charts' } };
  assert.deepEqual(engine.evaluate(engine.compile(repoReady, { variables: ['repo'] }), { repo: jsonToCel(oci) }), { kind: 'value', value: true });
});

test('an existing repository is referenced by name and namespace', () => {
  const app = kubernetesComposition({ ...definition, name: 'existing', kind: 'Existing' }, () => {
    const release = helmRelease({ name: 'r', chart: { repository: { name: 'bitnami', namespace: 'flux-system' }, name: 'redis' }, targetNamespace: 'cache' });
    return { revision: release.status.lastAttemptedRevision };
  });
  assert.match(app.toYaml(), /sourceRef:\n\s+kind: HelmRepository\n\s+name: bitnami\n\s+namespace: flux-system\n\s+targetNamespace: cache/);
});

test('bad input is named before anything is applied', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => helmRepository({ name: 'r', url: 'ftp://charts' }), /helmRepository "r": url must be an http\(s\):\/\/ chart index or an oci:\/\/ registry, got "ftp:\/\/charts"/],
    [() => helmRepository({ name: 'r', url: 'oci://registry/charts' }), /helmRepository "r": an oci:\/\/ url needs type: 'oci'/],
    [() => helmRepository({ name: 'r', url: 'https://charts', type: 'oci' }), /type 'oci' needs an oci:\/\/ url/],
    [() => helmRepository({ name: 'r', url: 'https://charts', interval: '5 minutes' }), /helmRepository "r": interval must be a Flux duration such as "30s", "5m" or "1h30m", got "5 minutes"/],
    [() => helmRelease({ name: 'x', chart: { repository: { name: 'r' }, name: '' } }), /helmRelease "x": chart\.name must be the chart's name in its repository/],
    [() => helmRelease({ name: 'x', chart: { repository: { name: 'r' }, name: 'c', version: ' ' } }), /helmRelease "x": chart\.version must be a version or semver range/],
    [() => helmRelease({ name: 'x', chart: { repository: 'charts.example.com', name: 'c' } }), /helmRepository "x-charts": url must be an http\(s\):\/\/ chart index or an oci:\/\/ registry, got "charts.example.com"/],
    [() => helmRelease({ name: 'x', chart: { repository: 42 as never, name: 'c' } }), /helmRelease "x": chart\.repository must be a helmRepository\(\.\.\.\) of this composition, \{ name, namespace\? \} of an existing HelmRepository, or the repository's https:\/\/ or oci:\/\/ URL/],
    [() => helmRelease({ name: 'x', chart: { repository: { name: 'r' }, name: 'c' }, timeout: '10' }), /helmRelease "x": timeout must be a Flux duration/],
  ];
  for (const [make, message] of cases) {
    assert.throws(() => kubernetesComposition({ ...definition, name: 'bad', kind: 'Bad' }, () => {
      make();
      return { revision: 'x' };
    }), message);
  }
});
