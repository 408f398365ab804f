// Floating-point spec fields: comparisons and arithmetic keep CEL's double type.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'floats',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Floats',
    spec: type({ ratio: 'number', budget: 'number' }),
    status: type({ overHalf: 'boolean', scaled: 'number', withinBudget: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ name: 'floats', data: { mode: spec.ratio > 0.5 ? 'high' : 'low' } });
    return {
      overHalf: spec.ratio > 0.5,
      scaled: spec.ratio * 2,
      withinBudget: spec.budget >= 100,
    };
  },
);

export default corpusCase(app, {
  covers: ['float spec', 'double comparisons with integer literals', 'double arithmetic'],
  spec: { ratio: 0.75, budget: 150 },
  expectedStatus: { overHalf: true, scaled: 1.5, withinBudget: true },
});
