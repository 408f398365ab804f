// Ingress, NetworkPolicy and HorizontalPodAutoscaler around one Deployment.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment, Hpa, Ingress, NetworkPolicy, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'networking',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Networking',
    spec: type({ host: 'string', maxReplicas: 'number.integer' }),
    status: type({ host: 'string', maxReplicas: 'number' }),
  },
  (spec) => {
    const web = Deployment({ name: 'net', image: 'nginx', ports: [{ containerPort: 80 }] });
    const svc = Service({ name: 'net', selector: { app: 'net' }, ports: [{ port: 80 }] });
    const ingress = Ingress({
      name: 'net',
      rules: [{ host: spec.host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc.metadata.name, port: { number: 80 } } } }] } }],
    });
    NetworkPolicy({ name: 'net', podSelector: { matchLabels: { app: 'net' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80 }] }] });
    const scaler = Hpa({ name: 'net', target: { name: web.metadata.name, kind: 'Deployment' }, minReplicas: 1, maxReplicas: spec.maxReplicas, cpuUtilization: 70 });
    return { host: ingress.spec.rules[0]!.host, maxReplicas: scaler.spec.maxReplicas };
  },
);

export default corpusCase(app, {
  covers: ['Ingress', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'list index in status'],
  spec: { host: 'net.example.com', maxReplicas: 4 },
  expectedStatus: { host: 'net.example.com', maxReplicas: 4 },
});
