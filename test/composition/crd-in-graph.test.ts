/**
 * A composition that creates a CRD and an object of its kind: kro mode refuses it at render time (toYaml,
 * rgdYaml, deploy before any cluster call) with a message naming both resources and the ways out; direct mode
 * renders both, the CRD first. The messages are golden (golden/crd-in-graph.txt).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { CompositionError } from '../../src/index.js';
import { assertGolden } from '../support/golden.js';
import { gadgetWithCrd } from './fixtures/crd-with-instance.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CompositionError, `expected a CompositionError, got ${String(error)}`);
    assert.equal(error.name, 'CrdInSameGraphError');
    assert.equal(error.resourceId, 'firstGadget');
    return error.message.split(root).join('<repo>/');
  }
  throw new Error('expected the kro render to throw');
}

describe('a CRD and an object of its kind in one composition', () => {
  it('is refused in kro mode by toYaml, rgdYaml and deploy, naming both resources and the ways out', async (t) => {
    const fromToYaml = messageOf(() => gadgetWithCrd.toYaml());
    const factory = gadgetWithCrd.factory('kro', { namespace: 'gadgets' });
    assert.equal(messageOf(() => factory.rgdYaml()), fromToYaml);
    assert.equal(messageOf(() => factory.toYaml()), fromToYaml);
    // deploy refuses before loading a kubeconfig or calling the API server (none is reachable in unit tests)
    const deployError = await factory.deploy({ size: 1 }).then(() => undefined, (error: unknown) => error);
    assert.ok(deployError instanceof CompositionError && deployError.name === 'CrdInSameGraphError', String(deployError));
    if (assertGolden(new URL('./golden/crd-in-graph.txt', import.meta.url), `${fromToYaml}\n`) === 'written') t.diagnostic('rewrote crd-in-graph.txt');
  });

  it('renders in direct mode with the CRD before the object of its kind', async () => {
    const yaml = await gadgetWithCrd.factory('direct', { namespace: 'gadgets' }).toYaml({ size: 2 });
    const objects = parseAllDocuments(yaml).map((doc) => doc.toJS() as { kind: string; metadata: { name: string } });
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`), ['CustomResourceDefinition/gadgets.crd-in-graph.typekro.dev', 'Gadget/first']);
  });
});
