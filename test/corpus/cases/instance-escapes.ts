// The instance's own metadata, Cel.* over JavaScript conditions, locals from method calls, withIncludeWhen(ref).
import { type } from 'arktype';
import { Cel, kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'instance-escapes',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'InstanceEscapes',
    spec: type({ dns: 'string', replicas: 'number.integer', extra: 'boolean' }),
    status: type({ instanceName: 'string', size: 'string', host: 'string', labels: 'number', tagged: 'string', extraName: 'string' }),
  },
  (spec, instance) => {
    const parts = spec.dns.split('.');
    const config = ConfigMap({ name: `${instance.metadata.name}-config`, data: { host: parts[0]!, size: Cel.cond(spec.replicas > 2, 'large', 'small') } });
    const extra = ConfigMap({ name: `${instance.metadata.name}-extra`, data: {} }).withIncludeWhen(spec.extra);
    return {
      instanceName: instance.metadata.name,
      size: config.data.size!,
      host: parts[0]!,
      labels: parts.length,
      tagged: `${parts[0]}-${Cel.expr<string>(spec.dns, '.upperAscii()')}`,
      extraName: extra.metadata.name,
    };
  },
);

export default corpusCase(app, {
  covers: ['instance.metadata (second parameter)', 'Cel.cond over a comparison', 'Cel.expr in a template literal', 'locals from split()', 'withIncludeWhen(spec.flag)'],
  spec: { dns: 'shop.example.com', replicas: 3, extra: true },
  expectedStatus: { size: 'large', host: 'shop', labels: 3, tagged: 'shop-SHOP.EXAMPLE.COM' },
});
