/**
 * KRO's secret-transformation example, one definition for the tests that run it: offline
 * (test/testing/secret-bytes.test.ts) and on the cluster in both modes (test/cluster/modes-agree.cluster.test.ts),
 * so the offline test checks the very composition the cluster test deploys.
 *
 * KRO's example (website/docs/examples/basic/optionals.md, "Secret") reads an existing Secret `test` with
 * `uri: api.test.com` and writes `${string(base64.decode(string(test.data.uri)))}/oauth/token`. KRO hands
 * `data` to CEL as bytes, so `string(test.data.uri)` is already `api.test.com` (and decoding it again is
 * an error): re-expressed, the token is `string(test.data.uri) + "/oauth/token"`.
 */
import { type } from 'arktype';
import type { V1Secret } from '@kubernetes/client-node';
import { Cel, externalRef, kubernetesComposition, secret } from '../../src/index.js';

export const secretTransformation = kubernetesComposition(
  { name: 'secret-transformation', apiVersion: 'modes.typekro.dev/v1alpha1', kind: 'SecretTransformation', spec: type({ name: 'string' }), status: type({ uri: 'string', encoded: 'string' }) },
  (spec) => {
    const test = externalRef<V1Secret>({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'test' } });
    secret({ metadata: { name: spec.name }, stringData: { token: Cel.template('%s/oauth/token', test.data!['uri']) } });
    return { uri: Cel.expr<string>('string(', test.data!['uri'], ')'), encoded: Cel.expr<string>('base64.encode(', test.data!['uri'], ')') };
  },
);
