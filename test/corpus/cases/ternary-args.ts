// A ternary in a factory argument becomes a CEL conditional.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'ternary-args',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'TernaryArgs',
    spec: type({ env: "'dev' | 'prod'" }),
    status: type({ image: 'string', replicas: 'number' }),
  },
  (spec) => {
    const app = Deployment({
      name: 'ternary',
      image: spec.env === 'prod' ? 'nginx:1.27' : 'nginx:latest',
      replicas: spec.env === 'prod' ? 3 : 1,
    });
    return {
      image: app.spec.template.spec.containers[0]!.image,
      replicas: app.spec.replicas,
    };
  },
);

export default corpusCase(app, {
  covers: ['ternary in factory arguments', 'enum spec', 'index into a list in status'],
  spec: { env: 'prod' },
  expectedStatus: { image: 'nginx:1.27', replicas: 3 },
});
