// Boolean logic and comparisons in the status: &&, ||, !, comparisons on optional fields.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment, Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'logic-status',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'LogicStatus',
    spec: type({ replicas: 'number.integer', maintenance: 'boolean' }),
    status: type({ healthy: 'boolean', degraded: 'boolean', serving: 'boolean', scaledDown: 'boolean' }),
  },
  (spec) => {
    const web = Deployment({ name: 'logic', image: 'nginx', replicas: spec.replicas });
    const svc = Service({ name: 'logic', selector: { app: 'logic' }, ports: [{ port: 80 }] });
    return {
      healthy: web.status.readyReplicas >= spec.replicas && !spec.maintenance,
      degraded: web.status.readyReplicas < spec.replicas || spec.maintenance,
      serving: !spec.maintenance && svc.spec.clusterIP !== '',
      scaledDown: !(spec.replicas > 0),
    };
  },
);

export default corpusCase(app, {
  covers: ['&& || !', '>= and < on optional status fields', '!== on strings', 'negated comparison'],
  spec: { replicas: 2, maintenance: false },
  expectedStatus: { healthy: true, degraded: false, serving: true, scaledDown: false },
});
