// Low-level factories: full Kubernetes manifests, typed by the Kubernetes model.
import { type } from 'arktype';
import { deployment, kubernetesComposition, persistentVolumeClaim } from '../../../src/index.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'low-level',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'LowLevel',
    spec: type({ name: 'string', storage: 'string' }),
    status: type({ claim: 'string', ready: 'boolean' }),
  },
  (spec) => {
    const data = persistentVolumeClaim({
      metadata: { name: `${spec.name}-data` },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: spec.storage } } },
    });
    // No replicas: the local cluster has no storage provisioner, so a pod mounting the claim would never be
    // scheduled, and both modes wait for a Deployment to be available. The claim reference is what this covers.
    const app = deployment({
      metadata: { name: spec.name, labels: { app: spec.name } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: spec.name } },
        template: {
          metadata: { labels: { app: spec.name } },
          spec: {
            containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }],
            volumes: [{ name: 'data', persistentVolumeClaim: { claimName: data.metadata.name } }],
          },
        },
      },
    });
    return { claim: data.metadata.name, ready: app.status.readyReplicas === 1 };
  },
);

export default corpusCase(app, {
  covers: ['low-level deployment and persistentVolumeClaim', 'nested manifest references'],
  spec: { name: 'lowlevel', storage: '1Gi' },
  expectedStatus: { claim: 'lowlevel-data' },
});
