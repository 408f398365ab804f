import { type } from 'arktype';
import { configMap, kubernetesComposition } from '../src/index.js';
const app = kubernetesComposition(
  {
    name: 'status-absent',
    apiVersion: 'absent.typekro.dev/v1alpha1',
    kind: 'StatusAbsent',
    spec: type({ name: 'string', flag: 'boolean' }),
    status: type({ 'maybe?': 'string', nested: { a: 'string', 'b?': 'string' } }),
  },
  (spec) => {
    const cm = configMap({ metadata: { name: spec.name }, data: { present: 'yes' } });
    return { maybe: spec.flag ? 'x' : undefined, nested: { a: cm.data!.present!, b: spec.flag ? 'x' : undefined } };
  },
);
console.log(app.factory('kro').toYaml());
console.log(JSON.stringify((app as any).graph?.status ?? null, null, 1));
