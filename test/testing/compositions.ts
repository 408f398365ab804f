/** Compositions the test kit's tests render and simulate. */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap, Deployment, Job, Service } from '../../src/simple.js';

/** A web app: a Deployment, a LoadBalancer Service only when exposed, one ConfigMap per region, a migration Job. */
export const shop = kubernetesComposition(
  {
    name: 'shop',
    apiVersion: 'example.com/v1',
    kind: 'Shop',
    spec: type({ name: 'string', replicas: 'number.integer', expose: 'boolean', regions: 'string[]', 'tier?': "'small' | 'large'" }),
    status: type({ ready: 'boolean', available: 'number', url: 'string', migrated: 'boolean', regionCount: 'number' }),
  },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx', replicas: spec.replicas });
    const service = Service({ name: spec.name, type: 'LoadBalancer', selector: { app: spec.name }, ports: [{ port: 80 }] }).withIncludeWhen(spec.expose);
    for (const region of spec.regions) ConfigMap({ id: 'regions', name: `${spec.name}-${region}`, data: { region, web: web.metadata.name } });
    const migrate = Job({ name: `${spec.name}-migrate`, image: 'migrate', command: ['migrate'] });
    return {
      ready: web.status.readyReplicas >= spec.replicas,
      available: web.status.availableReplicas,
      url: `http://${service.status.loadBalancer.ingress[0]!.ip}`,
      migrated: migrate.status.succeeded > 0,
      regionCount: spec.regions.length,
    };
  },
);

/** A Service whose port comes from the Deployment's status: it needs the cluster to render. */
export const chained = kubernetesComposition(
  { name: 'chained', kind: 'Chained', spec: type({ name: 'string' }), status: type({ replicas: 'number' }) },
  (spec) => {
    const web = Deployment({ name: spec.name, image: 'nginx' });
    const copy = ConfigMap({ name: `${spec.name}-copy`, data: { replicas: `${web.status.readyReplicas}` } });
    return { replicas: web.status.readyReplicas };
  },
);

/** A ConfigMap whose readiness its own data decides (withReadyWhen), and a Deployment waiting for it. */
export const gated = kubernetesComposition(
  { name: 'gated', kind: 'Gated', spec: type({ name: 'string' }), status: type({ open: 'boolean' }) },
  (spec) => {
    const gate = ConfigMap({ name: `${spec.name}-gate`, data: { state: 'closed' } }).withReadyWhen((self) => self.data.state === 'open');
    const app = Deployment({ name: spec.name, image: 'nginx', env: { GATE: gate.metadata.name } });
    return { open: gate.data.state === 'open' };
  },
);
