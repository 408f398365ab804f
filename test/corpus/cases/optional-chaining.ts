// Optional nested spec objects: ?. and ?? keep JavaScript's meaning when fields are absent.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { Ingress } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'optional-chaining',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'OptionalChaining',
    spec: type({ host: 'string', 'tls?': { secretName: 'string', 'issuer?': 'string' } }),
    status: type({ secret: 'string', issuer: 'string', secured: 'boolean' }),
  },
  (spec) => {
    Ingress({ name: 'site', rules: [{ host: spec.host }] });
    return {
      secret: spec.tls?.secretName ?? 'none',
      issuer: spec.tls?.issuer ?? 'self-signed',
      secured: spec.tls !== undefined,
    };
  },
);

export default corpusCase(app, {
  covers: ['?. on optional spec objects', '?? defaults', '!== undefined'],
  spec: { host: 'example.com', tls: { secretName: 'site-tls' } },
  expectedStatus: { secret: 'site-tls', issuer: 'self-signed', secured: true },
});
