// Resources referencing each other: a ConfigMap records the Service's cluster IP.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap, Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'cross-refs',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'CrossRefs',
    spec: type({ name: 'string' }),
    status: type({ endpoint: 'string', recorded: 'boolean' }),
  },
  (spec) => {
    const backend = Deployment({ name: spec.name, image: 'nginx' });
    const frontDoor = Service({ name: spec.name, selector: backend.spec.selector.matchLabels, ports: [{ port: 80 }] });
    const discovery = ConfigMap({ name: `${spec.name}-discovery`, data: { address: `${frontDoor.spec.clusterIP}:80` } });
    return {
      endpoint: discovery.data.address!,
      recorded: discovery.data.address === `${frontDoor.spec.clusterIP}:80`,
    };
  },
);

export default corpusCase(app, {
  covers: ['references between resources', 'selector from another resource', 'template over a resource field', 'comparison with a template'],
  spec: { name: 'cross' },
  expectedStatus: { recorded: true },
});
