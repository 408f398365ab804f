// A StatefulSet behind a headless Service.
import { type } from 'arktype';
import { kubernetesComposition, service } from '../../../src/index.js';
import { StatefulSet } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'stateful',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Stateful',
    spec: type({ replicas: 'number.integer' }),
    status: type({ ready: 'boolean', headless: 'boolean' }),
  },
  (spec) => {
    const headless = service({
      metadata: { name: 'db' },
      spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
    });
    const db = StatefulSet({ name: 'db', image: 'postgres', serviceName: headless.metadata.name, replicas: spec.replicas });
    return {
      ready: db.status.readyReplicas === spec.replicas,
      headless: headless.spec.clusterIP === 'None',
    };
  },
);

export default corpusCase(app, {
  covers: ['StatefulSet', 'low-level service factory', 'headless Service'],
  spec: { replicas: 2 },
  expectedStatus: { ready: true, headless: true },
});
