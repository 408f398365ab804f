// Type tests for Flux and YAML factories: typed Helm values and typed reads of releases and file objects.
import type { V1ConfigMap } from '@kubernetes/client-node';
import { type } from 'arktype';
import { helmRelease, helmRepository, kubernetesComposition, yamlFile } from '../../src/index.js';

interface RedisValues {
  replicas: number;
  auth: { password: string };
}

kubernetesComposition(
  { name: 'typed-helm', kind: 'TypedHelm', spec: type({ replicas: 'number.integer', password: 'string' }), status: type({ revision: 'string' }) },
  (spec) => {
    const charts = helmRepository({ name: 'charts', url: 'https://charts.example.com' });
    const files = yamlFile('../fixtures/manifests/app/base.yaml');
    const level: string | undefined = files.resource<V1ConfigMap>('ConfigMap', 'app-settings').data.level;
    const redis = helmRelease<RedisValues>({
      name: 'redis',
      chart: { repository: charts, name: 'redis' },
      values: { replicas: spec.replicas, auth: { password: spec.password } },
    });
    helmRelease<RedisValues>({
      name: 'wrong',
      chart: { repository: charts, name: 'redis' },
      // @ts-expect-error replicas is a number in the chart's values
      values: { replicas: 'three' },
    });
    helmRelease<RedisValues>({
      name: 'typo',
      chart: { repository: charts, name: 'redis' },
      // @ts-expect-error the values type has no such key
      values: { replica: 1 },
    });
    // @ts-expect-error misspelled status field of a HelmRelease
    void redis.status.lastAttemptedRevison;
    const history: number = redis.status.history.length;
    void [level, history];
    return { revision: redis.status.lastAttemptedRevision };
  },
);
