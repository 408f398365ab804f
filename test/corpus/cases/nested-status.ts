// A nested status object.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'nested-status',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'NestedStatus',
    spec: type({ name: 'string' }),
    status: type({ app: { ready: 'boolean', replicas: 'number' }, network: { service: 'string', port: 'number' } }),
  },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx' });
    const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 8080 }] });
    return {
      app: { ready: web.status.readyReplicas > 0, replicas: web.status.replicas ?? 0 },
      network: { service: svc.metadata.name, port: svc.spec.ports[0]!.port },
    };
  },
);

export default corpusCase(app, {
  covers: ['nested status objects', 'list index into a resource'],
  spec: { name: 'nested' },
  expectedStatus: { app: { ready: true, replicas: 1 }, network: { service: 'nested', port: 8080 } },
});
