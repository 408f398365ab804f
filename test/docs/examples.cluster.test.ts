/**
 * The documentation examples marked `// needs: cluster` (type-checked by examples.test.ts), run against the
 * test cluster: each in a fresh namespace, which it reads from `NAMESPACE`, with `KUBECONFIG` pointing at the
 * test cluster. Afterwards the namespace and the ResourceGraphDefinitions the example created are deleted.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { testKubeConfig, testKubeConfigPath, testNamespace } from '../support/cluster.js';
import { allExamples, prepare, type PreparedExample } from './prepare.js';

const RGD = { group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions' };

async function rgdNames(api: CustomObjectsApi): Promise<Set<string>> {
  const list = (await api.listClusterCustomObject(RGD)) as { items: { metadata: { name: string } }[] };
  return new Set(list.items.map((item) => item.metadata.name));
}

/** Runs one example with the cluster's kubeconfig and a namespace of its own in the environment. */
async function runOnCluster(example: PreparedExample): Promise<void> {
  const kc = testKubeConfig();
  const custom = kc.makeApiClient(CustomObjectsApi);
  const namespace = await testNamespace(kc, 'docs');
  const before = await rgdNames(custom);
  const saved = { KUBECONFIG: process.env.KUBECONFIG, NAMESPACE: process.env.NAMESPACE };
  process.env.KUBECONFIG = testKubeConfigPath();
  process.env.NAMESPACE = namespace.name;
  try {
    await import(pathToFileURL(example.file).href);
  } catch (error) {
    throw new Error(`${example.where} (${example.subject}) throws: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    // only the RGDs this example made (new, and named in its code): other test files share the cluster
    for (const name of await rgdNames(custom)) {
      if (!before.has(name) && example.code.includes(`'${name}'`)) await custom.deleteClusterCustomObject({ ...RGD, name });
    }
    await namespace.remove();
  }
}

describe('documentation examples that need a cluster', () => {
  const workspace = prepare(allExamples().filter((e) => e.needsCluster));
  after(() => workspace.remove());

  it('are found (README and typekro/testing)', () => {
    const files = new Set(workspace.examples.map((e) => e.where.replace(/:\d+$/, '')));
    assert.ok(files.has('README.md') && files.has('src/testing/cluster/cluster.ts'), [...files].join(', '));
  });

  for (const example of workspace.examples) {
    it(`run: ${example.where} (${example.subject})`, () => runOnCluster(example));
  }
});
