/**
 * The composition the testing examples test: a Deployment, a Service that exists only when `expose` is set,
 * one ConfigMap per region, and a status computed from them.
 */
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { ConfigMap, Deployment, Service } from 'typekro/simple';

export const webapp = kubernetesComposition(
  {
    name: 'webapp',
    apiVersion: 'example.com/v1',
    kind: 'WebApp',
    spec: type({ name: 'string', image: 'string', replicas: 'number.integer', expose: 'boolean', regions: 'string[]' }),
    status: type({ ready: 'boolean', available: 'number', endpoint: 'string' }),
  },
  (spec) => {
    const deployment = Deployment({ name: spec.name, image: spec.image, replicas: spec.replicas });
    const service = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 80 }] }).withIncludeWhen(spec.expose);
    for (const region of spec.regions) ConfigMap({ id: 'regionConfig', name: `${spec.name}-${region}`, data: { region } });
    return {
      ready: deployment.status.readyReplicas >= spec.replicas,
      available: deployment.status.availableReplicas ?? 0,
      endpoint: `${service.metadata.name}:80`,
    };
  },
);
