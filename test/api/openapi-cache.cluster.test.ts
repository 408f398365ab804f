/**
 * The OpenAPI documents direct mode types observed objects with are kept by the factory across deploys:
 * later runs read only the server's small `/openapi/v3` index, and read a group-version document again
 * only when its content hash changes (a CRD changed between runs is seen). Measured figures are printed as
 * diagnostics, never asserted.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { type } from 'arktype';
import { KubeClient, type CallOptions } from '../../src/runtime/kube/client.js';
import { openApiDocuments, schemaLookup } from '../../src/runtime/kube/openapi.js';
import { Cel, kubernetesComposition } from '../../src/index.js';
import { Secret } from '../../src/simple.js';
import { eventually, testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';

/** The real client, recording which OpenAPI paths it reads. */
class RecordingClient extends KubeClient {
  readonly paths: string[] = [];
  override async readPath(path: string, options?: CallOptions): Promise<unknown> {
    this.paths.push(path);
    return super.readPath(path, options);
  }
}

test('a second run reads the index only; the documents come from the cache', async (t) => {
  const client = new RecordingClient(testKubeConfig());
  const documents = openApiDocuments();
  const first = performance.now();
  const secret = await schemaLookup(client, documents)('v1', 'Secret');
  const firstMs = performance.now() - first;
  const firstPaths = client.paths.splice(0);
  assert.deepEqual(firstPaths.map((p) => p.replace(/\?hash=\w+$/, '?hash=…')), ['/openapi/v3', '/openapi/v3/api/v1?hash=…']);
  const second = performance.now();
  const again = await schemaLookup(client, documents)('v1', 'Secret');
  const secondMs = performance.now() - second;
  assert.deepEqual(client.paths.splice(0), ['/openapi/v3']);
  assert.equal(again, secret);
  assert.equal((secret?.properties?.data?.additionalProperties as { format?: string } | undefined)?.format, 'byte');
  // Without a shared cache every run reads the document again (the behaviour before the cache).
  await schemaLookup(client)('v1', 'Secret');
  assert.deepEqual(client.paths.splice(0).map((p) => p.replace(/\?hash=\w+$/, '?hash=…')), ['/openapi/v3', '/openapi/v3/api/v1?hash=…']);
  t.diagnostic(`v1 Secret schema: first run ${firstMs.toFixed(1)} ms (index + core/v1 document), cached run ${secondMs.toFixed(1)} ms (index only)`);
});

test('a CRD changed between runs is read again (its document has a new hash)', { timeout: 120_000 }, async () => {
  const client = new RecordingClient(testKubeConfig());
  const group = `cache${randomBytes(3).toString('hex')}.typekro.dev`;
  const crd = (fields: string[]): KubernetesObject =>
    ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `gadgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: Object.fromEntries(fields.map((f) => [f, { type: 'string' }])) } } } },
          },
        ],
      },
    }) as KubernetesObject;
  const documents = openApiDocuments();
  const specFields = async (): Promise<string[] | undefined> => {
    const schema = await schemaLookup(client, documents)(`${group}/v1`, 'Gadget');
    const fields = schema?.properties?.spec?.properties;
    return fields ? Object.keys(fields).sort() : undefined;
  };
  await client.apply(crd(['size']));
  try {
    assert.deepEqual(await eventually('the CRD in the OpenAPI document', async () => ((await specFields())?.length ? specFields() : undefined)), ['size']);
    await client.apply(crd(['color', 'size']));
    assert.deepEqual(await eventually('the changed CRD in the OpenAPI document', async () => ((await specFields())?.includes('color') ? specFields() : undefined)), ['color', 'size']);
    // one entry per group-version path: the old hash's document was replaced, not kept beside the new one
    assert.equal([...documents.byPath.keys()].filter((path) => path.includes(group)).length, 1);
  } finally {
    await client.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `gadgets.${group}` });
  }
});

test('deploys through one factory reuse its documents; a Secret read by CEL is bytes on every deploy', { timeout: 180_000 }, async (t) => {
  const namespace = await testNamespace(testKubeConfig(), 'openapi-cache');
  try {
    const app = kubernetesComposition(
      { name: 'openapi-cache', kind: 'OpenapiCache', spec: type({ name: 'string', token: 'string' }), status: type({ token: 'string' }) },
      (spec) => {
        const secret = Secret({ name: spec.name, stringData: { token: spec.token } });
        return { token: Cel.expr<string>('string(', secret.data.token, ')') };
      },
    );
    const options = { kubeconfig: testKubeConfigPath(), namespace: namespace.name, timeout: 60_000 };
    const shared = app.factory('direct', options);
    const timings: Record<'shared' | 'fresh', number[]> = { shared: [], fresh: [] };
    await shared.deploy({ name: 'cached', token: 'warm-up' });
    for (const token of ['a', 'b', 'c', 'd']) {
      for (const kind of token === 'a' || token === 'c' ? (['shared', 'fresh'] as const) : (['fresh', 'shared'] as const)) {
        const factory = kind === 'shared' ? shared : app.factory('direct', options);
        const start = performance.now();
        const deployed = await factory.deploy({ name: 'cached', token: `${token}-${kind}` });
        timings[kind].push(performance.now() - start);
        assert.equal(deployed.complete && deployed.status.token, `${token}-${kind}`);
      }
    }
    const median = (values: number[]): string => [...values].sort((a, b) => a - b)[values.length >> 1]!.toFixed(0);
    t.diagnostic(`deploy of one Secret, medians of 4: through the same factory ${median(timings.shared)} ms, a new factory each time ${median(timings.fresh)} ms`);
    await shared.deleteInstance('cached');
  } finally {
    await namespace.remove();
  }
});
