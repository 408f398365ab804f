// withIncludeWhen with a JavaScript condition, and explicit ids.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'explicit-include',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'ExplicitInclude',
    spec: type({ tier: "'free' | 'paid'", seats: 'number.integer' }),
    status: type({ paid: 'boolean' }),
  },
  (spec) => {
    ConfigMap({ id: 'base', name: 'base', data: { tier: spec.tier } });
    ConfigMap({ id: 'billing', name: 'billing', data: { seats: `${spec.seats}` } }).withIncludeWhen(spec.tier === 'paid' && spec.seats > 0);
    return { paid: spec.tier === 'paid' };
  },
);

export default corpusCase(app, {
  covers: ['withIncludeWhen with a JavaScript expression', 'explicit ids', 'status from the spec only'],
  spec: { tier: 'paid', seats: 5 },
  expectedStatus: { paid: true },
});
