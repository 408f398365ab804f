// Type tests for the composition definition: `status` is optional (then the function returns nothing),
// and additionalPrinterColumns are typed.
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { ConfigMap } from '../../src/simple.js';

// No status: the function returns nothing, or an empty object.
kubernetesComposition({ name: 'no-status', kind: 'NoStatus', spec: type({ name: 'string' }) }, (spec) => {
  ConfigMap({ name: spec.name, data: { a: 'b' } });
});
kubernetesComposition({ name: 'no-status-empty', kind: 'NoStatus', spec: type({ name: 'string' }) }, (spec) => {
  ConfigMap({ name: spec.name, data: { a: 'b' } });
  return {};
});
kubernetesComposition(
  { name: 'no-status-fields', kind: 'NoStatus', spec: type({ name: 'string' }) },
  // @ts-expect-error a status field needs a status schema
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'b' } });
    return { ready: true };
  },
);
// With a status schema, returning nothing is still an error.
kubernetesComposition(
  { name: 'status-missing', kind: 'StatusMissing', spec: type({ name: 'string' }), status: type({ ready: 'boolean' }) },
  // @ts-expect-error the status must be returned
  (spec) => {
    ConfigMap({ name: spec.name, data: { a: 'b' } });
  },
);

kubernetesComposition(
  {
    name: 'columns',
    kind: 'Columns',
    spec: type({ replicas: 'number.integer' }),
    status: type({ url: 'string' }),
    additionalPrinterColumns: [
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'URL', type: 'string', jsonPath: '.status.url', priority: 1, description: 'where it is served' },
      // @ts-expect-error a column type the CRD API does not know
      { name: 'Bad', type: 'float', jsonPath: '.spec.replicas' },
    ],
  },
  () => ({ url: 'http://x' }),
);
