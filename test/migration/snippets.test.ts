/**
 * The compatibility snippets (snippets.ts) render offline: each defines (every check that runs when a
 * composition is defined passes) and gives an RGD and an instance; a few details of each shape are checked.
 * `snippets.cluster.test.ts` has the real KRO accept the RGDs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippets } from './snippets.js';

test('at least 25 snippets, each rendering its ResourceGraphDefinition', () => {
  assert.ok(Object.keys(snippets).length >= 25, `${Object.keys(snippets).length} snippets`);
  for (const [name, { composition, aspects }] of Object.entries(snippets)) {
    const yaml = composition.toYaml(aspects ? { aspects } : undefined);
    assert.match(yaml, /^apiVersion: kro\.run\/v1alpha1\nkind: ResourceGraphDefinition\n/, name);
    assert.ok(composition.graph.resources.length > 0 || name === 'Cel.string / int / double', `${name}: no resources`);
  }
});

test('the shapes compile to what they mean', () => {
  const yamlOf = (name: string): string => {
    const { composition, aspects } = snippets[name]!;
    return composition.toYaml(aspects ? { aspects } : undefined);
  };
  assert.match(yamlOf('Cel.conditional'), /logLevel: '\$\{schema\.spec\.environment == "prod" \? "warn" : "debug"\}'/);
  assert.match(yamlOf('Cel.concat'), /url: http:\/\/\$\{service\.spec\.clusterIP\}:8080/);
  assert.match(yamlOf('Cel.min / Cel.max'), /replicas: \$\{\[schema\.spec\.replicas, 1\]\.max\(\)\}/);
  assert.match(yamlOf('Cel.default / coalesce / not'), /region: \$\{schema\.spec\.\?region\.or\(schema\.spec\.\?tier\)\.orValue\("us-east-1"\)\}/);
  assert.match(yamlOf('cel tag'), /url: http:\/\/\$\{service\.metadata\.name\}\.\$\{service\.metadata\.namespace\}\.svc:\$\{string\(schema\.spec\.replicas\)\}/);
  assert.match(yamlOf('helmRelease with a repository URL'), /kind: HelmRepository\n\s+metadata:\n\s+name: \$\{schema\.spec\.name\}-charts\n\s+spec:\n\s+interval: 5m\n\s+url: https:\/\/charts\.bitnami\.com\/bitnami/);
  assert.match(yamlOf('externalRef positional'), /externalRef:\n\s+apiVersion: v1\n\s+kind: ConfigMap\n\s+metadata:\n\s+name: platform-settings\n\s+namespace: default/);
  assert.match(yamlOf('x.toString()'), /value: \$\{string\(schema\.spec\.port\)\}/);
  assert.match(yamlOf('for...of over a spec list'), /forEach:\n\s+- w: \$\{schema\.spec\.workers\}/);
  assert.equal(yamlOf('withLabels / withEnvVars').match(/\n\s+team: platform\n/g)?.length, 2);
  assert.match(yamlOf('withLabels / withEnvVars'), /env:\n\s+- name: NODE_ENV\n\s+value: production\n\s+- name: LOG_LEVEL\n\s+value: info/);
  assert.match(yamlOf('aspect values from expressions'), /app\.kubernetes\.io\/instance: \$\{schema\.metadata\.name\}/);
  assert.match(yamlOf('HelmChart positional'), /replicaCount: \$\{schema\.spec\.replicas\}/);
  assert.match(yamlOf('simple.HelmChart with a repository handle'), /message: hello \$\{schema\.spec\.name\}/);
  assert.match(yamlOf('service.spec.clusterIP'), /endpoint: http:\/\/\$\{svc\.spec\.clusterIP\}/);
});
