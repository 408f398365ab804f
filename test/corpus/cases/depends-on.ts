// An ordering edge no reference implies.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap, Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'depends-on',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'DependsOn',
    spec: type({ image: 'string' }),
    status: type({ image: 'string' }),
  },
  (spec) => {
    const schemaJob = ConfigMap({ name: 'schema-version', data: { version: '7' } });
    const server = Deployment({ name: 'ordered', image: spec.image }).dependsOn(schemaJob);
    return { image: server.spec.template.spec.containers[0]!.image };
  },
);

export default corpusCase(app, {
  covers: ['dependsOn', 'non-null assertion in status'],
  spec: { image: 'nginx:1.27' },
  expectedStatus: { image: 'nginx:1.27' },
});
