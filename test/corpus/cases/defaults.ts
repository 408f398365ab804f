// Schema features: defaults, optional fields, bounds, enums, nested objects, maps.
import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../../../src/index.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'schema-defaults',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'SchemaDefaults',
    spec: type({
      name: 'string >= 3',
      replicas: '1 <= number.integer <= 10 = 2',
      mode: "'fast' | 'safe' = 'safe'",
      'owner?': 'string',
      limits: { cpu: "string = '100m'", memory: "string = '128Mi'" },
      labels: 'Record<string, string>',
    }),
    status: type({ summary: 'string', owner: 'string' }),
  },
  (spec) => {
    configMap({ metadata: { name: spec.name, labels: spec.labels }, data: { mode: spec.mode, cpu: spec.limits.cpu, memory: spec.limits.memory } });
    return {
      summary: `${spec.name}:${spec.replicas}:${spec.mode}`,
      owner: spec.owner ?? 'nobody',
    };
  },
);

export default corpusCase(app, {
  covers: ['defaults', 'bounds', 'enum default', 'optional field with ??', 'nested object defaults', 'map spec', 'low-level factory'],
  spec: { name: 'defaults', labels: { team: 'a' } } as never,
  expectedStatus: { summary: 'defaults:2:safe', owner: 'nobody' },
});
