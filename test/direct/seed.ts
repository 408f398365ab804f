/** The seed example as the direct-mode tests use it (seed.test.ts offline, seed.cluster.test.ts on the cluster). */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment, Service } from '../../src/simple.js';

export const webapp = kubernetesComposition(
  { name: 'webapp', apiVersion: 'example.com/v1', kind: 'WebApp', spec: type({ replicas: 'number.integer' }), status: type({ ready: 'boolean' }) },
  (spec) => {
    const deployment = Deployment({ name: 'webapp', image: 'nginx', replicas: spec.replicas });
    Service({ name: 'webapp-service', selector: { app: 'webapp' }, ports: [{ port: 80 }] });
    return { ready: deployment.status.readyReplicas > 0 };
  },
);
