// A readyWhen callback over the resource itself.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'ready-when',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'ReadyWhen',
    spec: type({ replicas: 'number.integer' }),
    status: type({ ready: 'boolean' }),
  },
  (spec) => {
    const api = Deployment({ name: 'api', image: 'nginx', replicas: spec.replicas }).withReadyWhen(
      (self) => self.status.readyReplicas === self.spec.replicas,
    );
    return { ready: api.status.readyReplicas === spec.replicas };
  },
);

export default corpusCase(app, {
  covers: ['readyWhen callback', '=== on an optional status field', 'integer spec'],
  spec: { replicas: 2 },
  expectedStatus: { ready: true },
});
