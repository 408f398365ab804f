// Arithmetic on spec fields, into an integer field and into the status.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Deployment } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'arithmetic',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Arithmetic',
    spec: type({ base: 'number.integer', factor: 'number.integer' }),
    status: type({ total: 'number', remainder: 'number', spare: 'number' }),
  },
  (spec) => {
    const pool = Deployment({ name: 'pool', image: 'nginx', replicas: spec.base * spec.factor - 1 });
    return {
      total: spec.base * spec.factor,
      remainder: spec.base % 2,
      spare: pool.spec.replicas + 1,
    };
  },
);

export default corpusCase(app, {
  covers: ['* - % + on integers', 'arithmetic into an integer field', 'arithmetic on a resource field'],
  spec: { base: 3, factor: 2 },
  expectedStatus: { total: 6, remainder: 1, spare: 6 },
});
