/**
 * The original's positional `HelmChart(name, repository, chart, values?)` (typekro/simple, and `simple.HelmChart`):
 * the same resources as `helmRelease({ name, chart: { repository, name }, values })`, each argument compiled from
 * source like a helmRelease field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type } from 'arktype';
import { helmRelease, helmRepository, kubernetesComposition, simple } from '../../src/index.js';
import { HelmChart } from '../../src/simple.js';

const spec = type({ name: 'string', big: 'boolean', replicas: 'number.integer' });

test('HelmChart(name, url, chart, values) renders what helmRelease with a repository URL renders', () => {
  const positional = kubernetesComposition({ name: 'cache', kind: 'Cache', spec, status: type({ ready: 'boolean' }) }, (s) => {
    const redis = HelmChart('redis', 'https://charts.bitnami.com/bitnami', 'redis', { architecture: 'standalone', replica: { replicaCount: s.replicas } });
    return { ready: redis.status.observedGeneration > 0 };
  });
  const named = kubernetesComposition({ name: 'cache', kind: 'Cache', spec, status: type({ ready: 'boolean' }) }, (s) => {
    const redis = helmRelease({ name: 'redis', chart: { repository: 'https://charts.bitnami.com/bitnami', name: 'redis' }, values: { architecture: 'standalone', replica: { replicaCount: s.replicas } } });
    return { ready: redis.status.observedGeneration > 0 };
  });
  assert.equal(positional.toYaml(), named.toYaml());
  assert.deepEqual(positional.graph.resources.map((r) => [r.id, r.kind]), [['redis', 'HelmRelease'], ['helmRepositoryRedisCharts', 'HelmRepository']]);
});

test('each argument is compiled from source: a ternary over the spec and a template literal are CEL, not their placeholder values', () => {
  const app = kubernetesComposition({ name: 'cache', kind: 'Cache', spec, status: type({ ready: 'boolean' }) }, (s) => {
    const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
    const redis = simple.HelmChart(`${s.name}-redis`, charts, s.big ? 'redis-cluster' : 'redis', { replicas: s.big ? 3 : 1 });
    return { ready: redis.status.observedGeneration > 0 };
  });
  const release = app.graph.resources.find((r) => r.kind === 'HelmRelease')!;
  const yaml = app.toYaml();
  assert.equal(release.id, 'redis');
  assert.match(yaml, /name: \$\{schema\.spec\.name\}-redis/);
  assert.match(yaml, /chart: '\$\{schema\.spec\.big \? "redis-cluster" : "redis"\}'/);
  assert.match(yaml, /replicas: "\$\{schema\.spec\.big \? 3 : 1\}"/);
  assert.match(yaml, /sourceRef:\n\s+kind: HelmRepository\n\s+name: \$\{charts\.metadata\.name\}/);
});

test('a repository that is neither a URL nor a handle is refused, naming the field', () => {
  assert.throws(
    () => kubernetesComposition({ name: 'bad', kind: 'Bad', spec, status: type({ ready: 'boolean' }) }, () => {
      HelmChart('redis', 'charts.bitnami.com', 'redis');
      return { ready: true };
    }),
    (error: Error) => error.message === 'helmRepository "redis-charts": url must be an http(s):// chart index or an oci:// registry, got "charts.bitnami.com"',
  );
});

test('in a branch JavaScript skipped, HelmChart is made from source under its condition', () => {
  const app = kubernetesComposition({ name: 'branches', kind: 'Branches', spec, status: type({ ready: 'boolean' }) }, (s) => {
    if (s.big) {
      helmRelease({ name: 'large', chart: { repository: 'https://charts.example.com', name: 'redis-cluster' } });
    } else {
      HelmChart('small', 'https://charts.example.com', 'redis', { replicas: s.replicas });
    }
    return { ready: true };
  });
  const yaml = app.toYaml();
  assert.deepEqual(app.graph.resources.map((r) => [r.kind, r.includeWhen.length]), [['HelmRelease', 1], ['HelmRepository', 1], ['HelmRelease', 1], ['HelmRepository', 1]]);
  assert.match(yaml, /- id: helmReleaseSmall\n\s+includeWhen:\n\s+- \$\{!schema\.spec\.big\}\n/);
  assert.match(yaml, /- id: helmRepositorySmallCharts\n\s+includeWhen:\n\s+- \$\{!schema\.spec\.big\}\n/);
  assert.match(yaml, /chart: redis\n[\s\S]*replicas: \$\{schema\.spec\.replicas\}/);
});
