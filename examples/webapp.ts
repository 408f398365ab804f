import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { Deployment, Service } from 'typekro/simple';

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

export default webapp;
