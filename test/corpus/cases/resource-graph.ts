// The two-function form, toResourceGraph: resources by id, status from the instance and the resources.
import { type } from 'arktype';
import { toResourceGraph } from '../../../src/index.js';
import { Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = toResourceGraph(
  {
    name: 'resource-graph',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'ResourceGraph',
    spec: type({ name: 'string', replicas: 'number.integer' }),
    status: type({ ready: 'boolean', url: 'string', instance: 'string' }),
  },
  (schema) => ({
    web: Deployment({ name: schema.spec.name, image: 'nginx', replicas: schema.spec.replicas }),
    frontend: Service({ name: schema.spec.name, selector: { app: schema.spec.name }, ports: [{ port: 80 }] }),
  }),
  (schema, resources) => ({
    ready: resources.web.status.readyReplicas >= schema.spec.replicas,
    url: `http://${resources.frontend.metadata.name}`,
    instance: schema.metadata.name,
  }),
);

export default corpusCase(app, {
  covers: ['toResourceGraph', 'ids from the returned keys', 'resources parameter in the status builder', 'schema.metadata in status'],
  spec: { name: 'graph', replicas: 1 },
  expectedStatus: { ready: true, url: 'http://graph' },
});
