// The seed example as the person who asked for TypeKro wrote it, with replicas declared 'number.integer'
// (a 'number' written to an integer field is refused when the composition is defined).
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const webapp = kubernetesComposition(
  {
    name: 'webapp',
    apiVersion: 'example.com/v1',
    kind: 'WebApp',
    spec: type({ replicas: 'number.integer' }),
    status: type({ ready: 'boolean' })
  },
  (spec) => {
    const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
    const service = Service({ name: 'webapp-service', selector: { app: 'webapp' }, ports: [{ port: 80 }] });
    return {
      // Natural JavaScript - automatically converted to CEL
      ready: deployment.status.readyReplicas > 0
    };
  }
);

export default corpusCase(webapp, {
  covers: ['seed example', 'integer spec into an integer field', 'comparison on an optional status field'],
  spec: { replicas: 2 },
  expectedStatus: { ready: true },
});
