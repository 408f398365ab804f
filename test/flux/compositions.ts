/** Compositions and fixtures shared by the Flux tests. */
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { configMap, helmRelease, helmRepository, kubernetesComposition } from '../../src/index.js';

/** A fixture chart directory under test/fixtures/charts. */
export function chartDir(name: 'hello' | 'broken-template'): string {
  return fileURLToPath(new URL(`../fixtures/charts/${name}`, import.meta.url));
}

/** Values of the `hello` fixture chart (its values.schema.json rejects anything else). */
export interface HelloValues {
  message: string;
  replicas: number;
  image?: string;
}

/**
 * A ConfigMap, the chart repository and a release of `hello` whose values come from the spec and from the
 * ConfigMap (so the release depends on it).
 */
export const charted = kubernetesComposition(
  {
    name: 'charted',
    apiVersion: 'flux.typekro.dev/v1alpha1',
    kind: 'Charted',
    spec: type({ repositoryUrl: 'string', message: 'string', replicas: 'number.integer', chart: 'string = "hello"' }),
    status: type({ ready: 'boolean', revision: 'string' }),
  },
  (spec) => {
    const settings = configMap({ metadata: { name: 'settings' }, data: { message: `${spec.message} (settings)` } });
    const charts = helmRepository({ name: 'charts', url: spec.repositoryUrl, interval: '1m' });
    const hello = helmRelease<HelloValues>({
      name: 'hello',
      chart: { repository: charts, name: spec.chart, version: '0.1.0' },
      values: { message: settings.data.message ?? '', replicas: spec.replicas },
      interval: '1m',
      timeout: '2m',
    });
    return {
      ready: hello.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
      revision: hello.status.lastAttemptedRevision,
    };
  },
);
