// Nested compositions: a database composition used twice inside an application composition.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const database = kubernetesComposition(
  {
    name: 'nested-database',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'NestedDatabase',
    spec: type({ name: 'string', replicas: 'number.integer = 1', 'tier?': 'string' }),
    status: type({ host: 'string', ready: 'boolean', tier: 'string' }),
  },
  (spec) => {
    const server = Deployment({ name: spec.name, image: 'postgres', replicas: spec.replicas });
    const endpoint = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: 5432 }] });
    return {
      host: `${endpoint.metadata.name}:5432`,
      ready: server.status.readyReplicas >= spec.replicas,
      tier: spec.tier ?? 'standard',
    };
  },
);

const app = kubernetesComposition(
  {
    name: 'nested-app',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'NestedApp',
    spec: type({ name: 'string' }),
    status: type({ primary: 'string', replica: 'string', ready: 'boolean', tiers: 'string' }),
  },
  (spec) => {
    const primary = database({ name: `${spec.name}-primary`, tier: 'gold' });
    const replica = database({ name: `${spec.name}-replica`, replicas: 2 });
    ConfigMap({ name: `${spec.name}-wiring`, data: { DATABASE: primary.status.host } });
    return {
      primary: primary.status.host,
      replica: replica.status.host,
      ready: primary.status.ready && replica.status.ready,
      tiers: `${primary.status.tier}/${replica.status.tier}`,
    };
  },
);

export default corpusCase(app, {
  covers: ['nested compositions', 'nested status in status and arguments', 'child defaults and optional fields'],
  spec: { name: 'shop' },
  expectedStatus: { primary: 'shop-primary:5432', replica: 'shop-replica:5432', ready: true, tiers: 'gold/standard' },
});
