// if / else if / else on comparisons: every branch's resources exist, each under its own includeWhen.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap, Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'if-else',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'IfElse',
    spec: type({ env: "'dev' | 'staging' | 'prod'", replicas: 'number.integer' }),
    status: type({ replicas: 'number', profile: 'string' }),
  },
  (spec) => {
    const web = Deployment({ name: 'branches', image: 'nginx', replicas: spec.replicas });
    if (spec.env === 'prod') {
      const profile = ConfigMap({ name: 'profile-prod', data: { level: 'warn', replicas: `${spec.replicas * 2}` } });
    } else if (spec.replicas > 1) {
      ConfigMap({ name: 'profile-scaled', data: { level: 'info' } });
    } else {
      ConfigMap({ name: 'profile-dev', data: { level: 'debug' } });
    }
    return {
      replicas: web.spec.replicas,
      profile: spec.env === 'prod' ? 'prod' : spec.replicas > 1 ? 'scaled' : 'dev',
    };
  },
);

export default corpusCase(app, {
  covers: ['if / else if / else with comparisons', 'branches decided at definition time', 'nested ternary in status'],
  spec: { env: 'staging', replicas: 2 },
  expectedStatus: { replicas: 2, profile: 'scaled' },
});
