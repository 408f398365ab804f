// Literal status values next to expressions (KRO needs every status field to be an expression).
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const VERSION = '1.4.2';

const app = kubernetesComposition(
  {
    name: 'literal-status',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'LiteralStatus',
    spec: type({ name: 'string' }),
    status: type({ version: 'string', managed: 'boolean', generation: 'number', name: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: spec.name, data: { version: VERSION } });
    return { version: VERSION, managed: true, generation: 3, name: spec.name };
  },
);

export default corpusCase(app, {
  covers: ['literal status values', 'module constant in status and arguments'],
  spec: { name: 'literal' },
  expectedStatus: { version: '1.4.2', managed: true, generation: 3, name: 'literal' },
});
