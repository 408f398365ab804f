// Template literals mixing spec fields into names, labels and a status URL.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'template-names',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'TemplateNames',
    spec: type({ name: 'string', port: 'number.integer' }),
    status: type({ url: 'string', serviceName: 'string' }),
  },
  (spec) => {
    const web = Deployment({ name: `${spec.name}-web`, image: 'nginx', labels: { tier: `${spec.name}-frontend` } });
    const svc = Service({ name: `${spec.name}-svc`, selector: { app: `${spec.name}-web` }, ports: [{ port: spec.port }] });
    return {
      url: `http://${svc.metadata.name}:${spec.port}/`,
      serviceName: svc.metadata.name,
    };
  },
);

export default corpusCase(app, {
  covers: ['template literal in names', 'integer spec in a template', 'resource reference in status'],
  spec: { name: 'shop', port: 8080 },
  expectedStatus: { url: 'http://shop-svc:8080/', serviceName: 'shop-svc' },
});
