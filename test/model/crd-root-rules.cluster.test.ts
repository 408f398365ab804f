/**
 * A CRD's root-level rules (`oneOf` over its top-level fields) are judged by TypeKro as by the API server:
 * the kind is installed and each body is created with a server-side dry run. A body TypeKro rejects must be
 * rejected by the API server (422), and one it accepts must be accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiextensionsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { crdFactory, crdManifests, type CrdKind } from 'typekro';
import { crdValueProblems } from '../../src/model/crd-values.js';
import { KubeClient } from '../../src/runtime/kube/client.js';
import { eventually, testKubeConfig } from '../support/cluster.js';

const kind: CrdKind = {
  group: 'crdroot.typekro.test',
  version: 'v1',
  kind: 'RootRule',
  plural: 'rootrules',
  scope: 'Cluster',
  factoryName: 'rootRule',
  schema: {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { size: { type: 'integer' } } },
      template: { type: 'object', properties: { size: { type: 'integer' } } },
    },
    oneOf: [{ required: ['spec'] }, { required: ['template'] }],
  },
};
const rootRule = crdFactory<{ spec?: { size?: number }; template?: { size?: number } }>(kind);
const [crd] = crdManifests([rootRule]);
const kc = testKubeConfig();
const objects = kc.makeApiClient(CustomObjectsApi);
const bodies: readonly Record<string, unknown>[] = [{ spec: { size: 1 } }, { template: {} }, {}, { spec: {}, template: {} }];
let serial = 0;

async function serverAccepts(body: Record<string, unknown>): Promise<boolean> {
  const object = { apiVersion: `${kind.group}/${kind.version}`, kind: kind.kind, metadata: { name: `root-${serial++}` }, ...body };
  try {
    await objects.createClusterCustomObject({ group: kind.group, version: kind.version, plural: kind.plural, body: object, dryRun: 'All', fieldValidation: 'Strict' });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 422) return false;
    throw error;
  }
}

describe('a CRD\'s root-level oneOf: TypeKro and the API server agree', { timeout: 120_000 }, () => {
  before(async () => {
    await new KubeClient(kc).apply(crd as never, { force: true });
    await eventually('the RootRule CRD to be established', async () => {
      const live = await kc.makeApiClient(ApiextensionsV1Api).readCustomResourceDefinition({ name: crd!.metadata.name });
      return live.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
  });
  after(async () => {
    await kc.makeApiClient(ApiextensionsV1Api).deleteCustomResourceDefinition({ name: crd!.metadata.name });
  });

  it('on bodies matching one, none and both branches', async () => {
    const verdicts: boolean[] = [];
    for (const body of bodies) {
      const problems = crdValueProblems(kind.schema, body);
      const server = await serverAccepts(body);
      assert.equal(problems.length === 0, server, `${JSON.stringify(body)}: the API server ${server ? 'accepts' : 'rejects'} it, TypeKro says ${problems.join('; ') || 'nothing'}`);
      verdicts.push(server);
    }
    assert.deepEqual(verdicts, [true, true, false, false]);
  });
});
