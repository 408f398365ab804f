// Reading an object that already exists (externalRef).
import type { V1ConfigMap } from '@kubernetes/client-node';
import { type } from 'arktype';
import { externalRef, kubernetesComposition } from '../../../src/index.js';
import { Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'external-ref',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'ExternalRef',
    spec: type({ name: 'string' }),
    status: type({ region: 'string' }),
  },
  (spec) => {
    const platform = externalRef<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'platform' } });
    Deployment({ name: spec.name, image: 'nginx', env: { REGION: platform.data.region! } });
    return { region: platform.data.region! };
  },
);

export default corpusCase(app, {
  covers: ['externalRef', 'reference into another resource field', 'map field read'],
  spec: { name: 'reader' },
  expectedStatus: { region: 'eu-west' },
  prerequisites: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'platform' }, data: { region: 'eu-west' } }],
});
