/**
 * Error messages show references as the user wrote them (`spec.name`, `"${spec.name}-web"`), never the
 * internal marker characters (`\u0001tkref:1\u0002`) a reference becomes when JavaScript coerces it to a string.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { type } from 'arktype';
import { helmRelease, helmRepository, kubernetesComposition, yamlFile } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';

const definition = {
  apiVersion: 'refs.typekro.dev/v1alpha1',
  spec: type({ name: 'string', minutes: 'number.integer', labels: 'Record<string, string>', path: 'string' }),
  status: type({ 'ok?': 'boolean' }),
};

const noMarkers = (error: Error): void => assert.doesNotMatch(error.message, /[\u0001\u0002]|tkref/);

test('simple factory errors name the resource by the reference the user wrote', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'env', kind: 'Env' }, (spec) => {
      Deployment({ name: `${spec.name}-web`, image: 'nginx', env: spec.labels });
      return {};
    }),
    (error: Error) => {
      noMarkers(error);
      assert.match(error.message, /readable-refs\.test\.ts:\d+:\d+: Deployment "\$\{spec\.name\}-web": env is the whole map spec\.labels, which the factory turns into a list/);
      return true;
    },
  );
});

test('helm errors show templates over references; a duration built from a reference is not rejected', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'chart', kind: 'Chart' }, (spec) => {
      const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
      helmRelease({ name: `${spec.name}-db`, chart: { repository: charts, name: 42 as unknown as string } });
      return {};
    }),
    (error: Error) => {
      noMarkers(error);
      assert.equal(error.message, `helmRelease "\${spec.name}-db": chart.name must be the chart's name in its repository, got 42`);
      return true;
    },
  );
  const app = kubernetesComposition({ ...definition, name: 'interval', kind: 'Interval' }, (spec) => {
    const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com', interval: `${spec.minutes}m` });
    helmRelease({ name: 'db', chart: { repository: charts, name: 'postgres' }, interval: `${spec.minutes}m` });
    return {};
  });
  assert.match(app.toYaml(), /interval: \$\{string\(schema\.spec\.minutes\)\}m/);
});

test('a yamlFile path that is a reference names it', () => {
  assert.throws(
    () => kubernetesComposition({ ...definition, name: 'path', kind: 'Path' }, (spec) => {
      yamlFile(spec.path);
      return {};
    }),
    (error: Error) => {
      noMarkers(error);
      // The file is read when the composition is defined: the refusal points at the argument (file:line:column).
      assert.equal(
        error.message,
        `${fileURLToPath(import.meta.url)}:58:16: the path of yamlFile is decided when the composition is defined, so it cannot depend on the spec or the cluster: JavaScript computed \`spec.path\` on a placeholder, and the result would hold for every instance\n` +
          '    spec.path\n' +
          "  hint: read each file with its own call, under `if (spec.prod) yamlFile('./prod') else yamlFile('./dev')`",
      );
      return true;
    },
  );
});

test('Cel.expr and Cel.template given template literals over references print the references, not markers', async () => {
  const { Cel } = await import('../../src/index.js');
  const { ConfigMap } = await import('../../src/simple.js');
  const app = kubernetesComposition({ ...definition, name: 'cel-markers', kind: 'CelMarkers' }, (spec) => {
    ConfigMap({ name: 'c', data: { a: Cel.expr<string>(`${spec.name} + "-x"`), b: Cel.template(`${spec.name}-%s`, `${spec.path}/x`) } });
    return {};
  });
  const yaml = app.toYaml();
  assert.doesNotMatch(yaml, /[\u0001\u0002]|tkref/);
  assert.match(yaml, /a: \$\{\(schema\.spec\.name\) \+ "-x"\}/);
  assert.match(yaml, /b: \$\{string\(schema\.spec\.name\)\}-\$\{string\(schema\.spec\.path\)\}\/x/);
  assert.throws(() => kubernetesComposition({ ...definition, name: 'cel-count', kind: 'CelCount' }, (spec) => {
    ConfigMap({ name: 'c', data: { b: Cel.template(`${spec.name}-%s`) } });
    return {};
  }), (error: Error) => {
    noMarkers(error);
    assert.match(error.message, /^\S*readable-refs\.test\.ts:\d+:\d+: Cel\.template\("\$\{spec\.name\}-%s"\) has 1 %s placeholder but 0 arguments\n  hint: give one argument per %s \(%%s is the text %s\)$/);
    return true;
  });
});
