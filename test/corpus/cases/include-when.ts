// `if` around a factory call becomes includeWhen.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap, Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'include-when',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'IncludeWhen',
    spec: type({ monitoring: 'boolean', 'debug?': 'boolean' }),
    status: type({ available: 'number' }),
  },
  (spec) => {
    const server = Deployment({ name: 'server', image: 'nginx' });
    if (spec.monitoring) {
      ConfigMap({ name: 'monitoring', data: { scrape: 'true' } });
    }
    if (spec.debug) {
      ConfigMap({ name: 'debug', data: { level: 'trace' } });
    }
    return { available: server.status.availableReplicas ?? 0 };
  },
);

export default corpusCase(app, {
  covers: ['if around factory calls (includeWhen)', 'optional boolean spec', '?? default on a status field'],
  spec: { monitoring: true },
  expectedStatus: { available: 1 },
});
