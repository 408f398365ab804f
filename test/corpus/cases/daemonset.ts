// A DaemonSet whose readiness is expressed with readyWhen.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { DaemonSet } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'daemonset',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'NodeAgent',
    spec: type({ image: 'string' }),
    status: type({ scheduled: 'number' }),
  },
  (spec) => {
    const agent = DaemonSet({ name: 'agent', image: spec.image }).withReadyWhen((self) => self.status.numberReady > 0);
    return { scheduled: agent.status.desiredNumberScheduled };
  },
);

export default corpusCase(app, {
  covers: ['DaemonSet', 'readyWhen with a comparison on an optional field'],
  spec: { image: 'busybox' },
  expectedStatus: { scheduled: 1 },
});
