// A Secret and a ConfigMap fed from the spec; the Deployment reads both through envFrom.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap, Deployment, Secret } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'secrets',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Secrets',
    spec: type({ password: 'string', logLevel: "'info' | 'debug'" }),
    status: type({ configured: 'boolean', level: 'string' }),
  },
  (spec) => {
    const credentials = Secret({ name: 'db-credentials', stringData: { password: spec.password } });
    const settings = ConfigMap({ name: 'app-settings', data: { LOG_LEVEL: spec.logLevel } });
    Deployment({
      name: 'consumer',
      image: 'busybox',
      envFrom: [{ secretRef: { name: credentials.metadata.name } }, { configMapRef: { name: settings.metadata.name } }],
    });
    return { configured: settings.data.LOG_LEVEL !== '', level: settings.data.LOG_LEVEL! };
  },
);

export default corpusCase(app, {
  covers: ['Secret stringData from the spec', 'references to metadata.name create dependencies', 'ConfigMap data in status'],
  spec: { password: 's3cret', logLevel: 'debug' },
  expectedStatus: { configured: true, level: 'debug' },
});
