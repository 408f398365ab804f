// The escape hatches: Cel.expr and Cel.template.
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../../src/index.js';
import { Service } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'cel-escape',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'CelEscape',
    spec: type({ name: 'string', port: 'number.integer' }),
    status: type({ endpoint: 'string', upper: 'string', hasIp: 'boolean' }),
  },
  (spec) => {
    const svc = Service({ name: spec.name, selector: { app: spec.name }, ports: [{ port: spec.port }] });
    return {
      endpoint: Cel.template('%s.%s.svc:%s', svc.metadata.name, svc.metadata.namespace, spec.port),
      upper: Cel.expr<string>(spec.name, '.upperAscii()'),
      hasIp: Cel.expr<boolean>('size(', svc.spec.clusterIP, ') > 0'),
    };
  },
);

export default corpusCase(app, {
  covers: ['Cel.template', 'Cel.expr', 'metadata.namespace reference'],
  spec: { name: 'escape', port: 9000 },
  expectedStatus: { upper: 'ESCAPE', hasIp: true },
});
