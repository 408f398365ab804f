// Math.max / Math.min become CEL list max/min.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'math',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'MathMinMax',
    spec: type({ requested: 'number.integer', floor: 'number.integer', ceiling: 'number.integer' }),
    status: type({ effective: 'number' }),
  },
  (spec) => {
    const pool = Deployment({ name: 'clamped', image: 'nginx', replicas: Math.min(Math.max(spec.requested, spec.floor), spec.ceiling) });
    return { effective: pool.spec.replicas };
  },
);

export default corpusCase(app, {
  covers: ['Math.max', 'Math.min', 'nested calls in a factory argument'],
  spec: { requested: 9, floor: 1, ceiling: 3 },
  expectedStatus: { effective: 3 },
});
